"""PostgreSQL: search a stored tsvector column instead of an index on an expression.

Migration 0002 indexed ``to_tsvector('english', title || ' ' || summary)``. With only that
index, PostgreSQL cannot test a row cheaply while it walks the timeline in date order (it would
compute each row's vector), so a common word made it read and sort every match. A stored
generated column ``search_vector`` (not a model field: Django never reads or writes it) with a
GIN index gives cheap row tests and per-word statistics for the planner. SQLite is unchanged.
"""

from django.db import migrations

from timeline.migrations._sql import run_sql

FORWARD = [
    "DROP INDEX IF EXISTS timeline_event_search_idx",
    "ALTER TABLE timeline_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, title || ' ' || summary)) STORED",
    "CREATE INDEX timeline_event_search_idx ON timeline_event USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS timeline_event_search_idx",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX timeline_event_search_idx ON timeline_event "
    "USING gin (to_tsvector('english'::regconfig, title || ' ' || summary))",
]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0003_ingest_jobs_review_history")]

    operations = [migrations.RunPython(run_sql(postgresql=FORWARD), run_sql(postgresql=BACKWARD))]
