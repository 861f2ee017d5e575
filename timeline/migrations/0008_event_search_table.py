"""PostgreSQL: keep the search vectors in a narrow table of their own, as SQLite keeps FTS5's.

A search for a word found in half the events read the whole events table, which is wide
(titles, summaries and the stored vector: 68 MB at 100,000 events): 69 ms, and 0.6 s at
1,000,000. A table of event ids and vectors alone answers the same in a third of the time. It
is kept in step by triggers, as SQLite's FTS5 table is (migration 0002): on insert, on a change
of title or summary, on delete, and on TRUNCATE (Django's test flush). No foreign key, so that
truncating the events does not need CASCADE. SQLite is unchanged.
"""

from django.db import migrations

from timeline.migrations._sql import SEARCH_VECTOR, run_sql, search_write_function

FORWARD = [
    "CREATE TABLE timeline_event_search (event_id integer PRIMARY KEY, vector tsvector NOT NULL)",
    "INSERT INTO timeline_event_search (event_id, vector) "
    "SELECT id, search_vector FROM timeline_event",
    "CREATE INDEX timeline_event_search_vector_idx ON timeline_event_search USING gin (vector)",
    search_write_function(SEARCH_VECTOR),
    """CREATE FUNCTION timeline_event_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM timeline_event_search WHERE event_id = OLD.id;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION timeline_event_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE timeline_event_search;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER timeline_event_search_insert AFTER INSERT ON timeline_event "
    "FOR EACH ROW EXECUTE FUNCTION timeline_event_search_write()",
    "CREATE TRIGGER timeline_event_search_update AFTER UPDATE OF title, summary ON timeline_event "
    "FOR EACH ROW EXECUTE FUNCTION timeline_event_search_write()",
    "CREATE TRIGGER timeline_event_search_delete AFTER DELETE ON timeline_event "
    "FOR EACH ROW EXECUTE FUNCTION timeline_event_search_delete()",
    "CREATE TRIGGER timeline_event_search_truncate AFTER TRUNCATE ON timeline_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_search_truncate()",
    "DROP INDEX IF EXISTS timeline_event_search_idx",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS search_vector",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS timeline_event_search_insert ON timeline_event",
    "DROP TRIGGER IF EXISTS timeline_event_search_update ON timeline_event",
    "DROP TRIGGER IF EXISTS timeline_event_search_delete ON timeline_event",
    "DROP TRIGGER IF EXISTS timeline_event_search_truncate ON timeline_event",
    "DROP FUNCTION IF EXISTS timeline_event_search_write()",
    "DROP FUNCTION IF EXISTS timeline_event_search_delete()",
    "DROP FUNCTION IF EXISTS timeline_event_search_truncate()",
    "DROP TABLE IF EXISTS timeline_event_search",
    "ALTER TABLE timeline_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"({SEARCH_VECTOR.format(title='title', summary='summary')}) STORED",
    "CREATE INDEX timeline_event_search_idx ON timeline_event USING gin (search_vector)",
]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0007_review_action_reopened")]

    operations = [migrations.RunPython(run_sql(postgresql=FORWARD), run_sql(postgresql=BACKWARD))]
