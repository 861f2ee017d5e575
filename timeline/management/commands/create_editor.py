"""Create the first editor login for a new installation, and say how to sign in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from timeline.roles import ensure_editors_group


class Command(BaseCommand):
    help = (
        "Create an editor login (a staff member of the Editors group, not a superuser) if no "
        "editor exists yet, and print how to sign in."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--admin-url",
            default="http://127.0.0.1:8000/admin/",
            help="Where the editor signs in (printed for them).",
        )
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.BASE_DIR) / ".editor-password"),
            help="Where the generated password is kept (readable by the owner only).",
        )

    def handle(self, *args, username: str, password_file: str, admin_url: str, **options) -> None:
        group = ensure_editors_group()
        users = get_user_model().objects
        password_path = Path(password_file)
        existing = users.filter(username=username).first()
        if existing is not None or group.user_set.exists():
            who = existing or group.user_set.first()
            hint = f" (password in {password_path})" if password_path.exists() else ""
            self.stdout.write(f"Editor login exists: {who.get_username()}{hint}.")
            return
        password = secrets.token_urlsafe(12)
        try:
            password_path.write_text(password + "\n", encoding="utf-8")
            password_path.chmod(0o600)
        except OSError as error:
            raise CommandError(f"Cannot write the password file {password_path}: {error}") from None
        user = users.create_user(username=username, password=password, is_staff=True)
        user.groups.add(group)
        self.stdout.write(
            f"Created the editor login “{username}” with password {password} "
            f"(also saved in {password_path}). Sign in at {admin_url}"
        )
