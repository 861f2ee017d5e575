"""What the migrations that write SQL by hand share. Not a migration (the leading underscore
keeps Django's loader away).

Migrations that have run depend on these exact statements: change the schema in a new
migration, never here.
"""

from collections.abc import Callable
from typing import Any

# The PostgreSQL search vector of migration 0006 over ``title`` and ``summary`` (format
# placeholders): English stems, hyphens read as spaces.
SEARCH_VECTOR = (
    "to_tsvector('english'::regconfig, translate({title} || ' ' || {summary}, '-', ' '))"
)


def run_sql(**statements_by_vendor: list[str]) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function that executes the statements given for the database it runs on
    (``sqlite=[...]``, ``postgresql=[...]``), and nothing on another."""

    def operation(apps: Any, schema_editor: Any) -> None:
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


def search_write_function(vector: str) -> str:
    """The PostgreSQL trigger function that writes an event's row of the search table (migration
    0008), its vector being ``vector`` of the new title and summary."""
    new = vector.format(title="NEW.title", summary="NEW.summary")
    return f"""CREATE OR REPLACE FUNCTION timeline_event_search_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO timeline_event_search (event_id, vector)
        VALUES (NEW.id, {new})
        ON CONFLICT (event_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END $$"""
