"""``manage.py regroup_candidates``: group the undecided candidates already stored.

Grouping runs when an article is stored; this runs it again over what is in the review queue
(``editors.review.regroup_candidates``), after the grouping rules changed or for articles
stored before it existed. Groups made and splits an editor did are left as they are.
"""

from django.core.management.base import BaseCommand

from timeline.editors.review import regroup_candidates


class Command(BaseCommand):
    help = (
        "Group the undecided candidates of stored articles with today's grouping rules, as if "
        "each article arrived again; editors' splits are kept. See docs/grouping.md."
    )

    def handle(self, *args, **options) -> None:
        grouped, proposed = regroup_candidates()
        self.stdout.write(
            f"{grouped} candidate{'s' if grouped != 1 else ''} joined a group, "
            f"{proposed} proposed as a source of a published event."
        )
