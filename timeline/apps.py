from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Policy timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from timeline.roles import ensure_editors_group

        # After migrate, so that the permissions the group refers to exist.
        post_migrate.connect(ensure_editors_group, sender=self)
