"""PostgreSQL: read hyphens as spaces in the search vector, as SQLite's FTS5 tokenizer does.

PostgreSQL's parser reads "2024-01234" as "2024" and a signed number "-01234", so a search for
the docket number "01234" found the event on SQLite but not on PostgreSQL. Replacing hyphens by
spaces before ``to_tsvector`` gives both databases the same words ("export-control" becomes
"export" and "control" on both). SQLite is unchanged.
"""

from django.db import migrations

from timeline.migrations._sql import run_sql

VECTOR = "to_tsvector('english'::regconfig, {text})"
TEXT = "title || ' ' || summary"
SPLIT_TEXT = f"translate({TEXT}, '-', ' ')"


def statements(text: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS timeline_event_search_idx",
        "ALTER TABLE timeline_event DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE timeline_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"({VECTOR.format(text=text)}) STORED",
        "CREATE INDEX timeline_event_search_idx ON timeline_event USING gin (search_vector)",
    ]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0005_event_timeline_index_date_end")]

    operations = [
        migrations.RunPython(
            run_sql(postgresql=statements(SPLIT_TEXT)), run_sql(postgresql=statements(TEXT))
        )
    ]
