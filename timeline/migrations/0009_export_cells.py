"""Each event's multi-valued CSV cells, kept ready by triggers (``models.ExportCells``).

The cells are what ``exports.join_values`` makes of the values, in the export's order: actor
names and roles by the order the actors were added, tag names alphabetically, the cited
sources' titles, publishers, URLs and publication dates by citation order, and the first
non-empty quote. Every value has its backslashes and semicolons escaped ("\\\\", "\\;"), which
is what ``join_values`` writes whenever a value holds one and changes nothing otherwise.

The triggers fire on any change to the links (actors, tags, citations: insert, update, delete)
and on a change of what a cell shows of an actor, tag or source (name, title, publisher, URL,
publication date), so no code path can leave a cell stale. An event's row goes with it.

PostgreSQL: statement triggers with transition tables recompute the events a statement touched
in one set-based query (a bulk insert of a million citations does not run a million
recomputations). Before reading, they lock the events' rows, so that two transactions changing
one event's links one after the other each write cells that include the other's change.
SQLite: row triggers (it has no others) recompute the event of the row; its writers are
serialised, so there is no such race. SQLite before 3.44 has no ORDER BY inside group_concat;
an ordered subquery gives the order, which SQLite keeps for an aggregate over it.
"""

import django.db.models.deletion
from django.db import migrations, models

from timeline.migrations._sql import run_sql

CELLS = "timeline_exportcells"
LINK_TABLES = ("timeline_eventactor", "timeline_event_tags", "timeline_citation")
COLUMNS = (
    "event_id, actors, actor_roles, tags, source_titles, source_publishers, source_urls, "
    "source_dates, evidence"
)


def escaped(value: str) -> str:
    """A value with "\\" and ";" escaped as join_values escapes them."""
    return f"replace(replace({value}, '\\', '\\\\'), ';', '\\;')"


# What each cell joins: (cell, joined value, FROM and WHERE of one event's rows, ORDER BY).
ACTORS = "timeline_eventactor link JOIN timeline_actor actor ON actor.id = link.actor_id"
TAGS = "timeline_event_tags link JOIN timeline_tag tag ON tag.id = link.tag_id"
SOURCES = "timeline_citation link JOIN timeline_source source ON source.id = link.source_id"
LISTS = (
    ("actors", escaped("actor.name"), ACTORS, "link.id"),
    ("actor_roles", escaped("link.role"), "timeline_eventactor link", "link.id"),
    ("tags", escaped("tag.name"), TAGS, "tag.name, tag.id"),
    ("source_titles", escaped("source.title"), SOURCES, "link.id"),
    ("source_publishers", escaped("source.publisher"), SOURCES, "link.id"),
    ("source_urls", escaped("source.url"), SOURCES, "link.id"),
    ("source_dates", "coalesce({date}, '')", SOURCES, "link.id"),
)


def sqlite_cells(link_table: str) -> dict[str, str]:
    """The cells that the rows of ``link_table`` make, each as a subquery on the cells row's
    event."""
    date = "source.published_on"
    cells = {
        cell: "coalesce((SELECT group_concat(value, '; ') FROM "
        f"(SELECT {value.format(date=date)} AS value FROM {tables} "
        f"WHERE link.event_id = {CELLS}.event_id ORDER BY {order})), '')"
        for cell, value, tables, order in LISTS
        if tables.split()[0] == link_table
    }
    if link_table == "timeline_citation":
        cells["evidence"] = (
            "coalesce((SELECT quote FROM timeline_citation "
            f"WHERE event_id = {CELLS}.event_id AND quote <> '' ORDER BY id LIMIT 1), '')"
        )
    return cells


def sqlite_update(link_table: str, events: str) -> str:
    """Recompute the cells that ``link_table`` makes, for the events ``events`` selects.

    Only those cells: a citation added does not join the event's actors again. Every event has
    a row (written when it is inserted), so this is an UPDATE, and the conflict clause of the
    statement that fired the trigger, which SQLite applies to the trigger's own statements too
    (``INSERT OR IGNORE`` when Django adds tags), cannot turn it into something else.
    """
    cells = ", ".join(f"{cell} = {value}" for cell, value in sqlite_cells(link_table).items())
    return f"UPDATE {CELLS} SET {cells} WHERE event_id IN ({events});"


EMPTY_ROW = (
    f"INSERT INTO {CELLS} ({COLUMNS}) SELECT {{event}}, '', '', '', '', '', '', '', '' "
    f"WHERE NOT EXISTS (SELECT 1 FROM {CELLS} WHERE event_id = {{event}})"
)


def sqlite_statements() -> list[str]:
    statements = [
        "CREATE TRIGGER timeline_event_cells_insert AFTER INSERT ON timeline_event "
        f"BEGIN {EMPTY_ROW.format(event='NEW.id')}; END",
        "CREATE TRIGGER timeline_event_cells_delete AFTER DELETE ON timeline_event "
        f"BEGIN DELETE FROM {CELLS} WHERE event_id = OLD.id; END",
    ]
    for table in LINK_TABLES:
        for event, events in (
            ("INSERT", "NEW.event_id"),
            ("DELETE", "OLD.event_id"),
            ("UPDATE", "OLD.event_id, NEW.event_id"),
        ):
            statements.append(
                f"CREATE TRIGGER {table}_cells_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {sqlite_update(table, events)} END"
            )
    for table, columns, link, key in (
        ("timeline_actor", ("name",), "timeline_eventactor", "actor_id"),
        ("timeline_tag", ("name",), "timeline_event_tags", "tag_id"),
        (
            "timeline_source",
            ("title", "publisher", "url", "published_on"),
            "timeline_citation",
            "source_id",
        ),
    ):
        changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)
        events = f"SELECT event_id FROM {link} WHERE {key} = NEW.id"
        statements.append(
            f"CREATE TRIGGER {table}_cells_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"WHEN {changed} BEGIN {sqlite_update(link, events)} END"
        )
    # The events already there.
    statements.append(
        f"INSERT INTO {CELLS} ({COLUMNS}) "
        "SELECT id, '', '', '', '', '', '', '', '' FROM timeline_event"
    )
    statements += [sqlite_update(table, f"SELECT event_id FROM {CELLS}") for table in LINK_TABLES]
    return statements


def postgres_select(events: str) -> str:
    """The cells of the events for which ``events`` holds (on ``event_id``), set-based."""
    grouped = {}
    for cell, value, tables, order in LISTS:
        value = value.format(date="to_char(source.published_on, 'YYYY-MM-DD')")
        grouped.setdefault(tables, []).append(
            f"string_agg({value}, '; ' ORDER BY {order}) AS {cell}"
        )
    grouped[SOURCES].append(
        "(array_agg(link.quote ORDER BY link.id) FILTER (WHERE link.quote <> ''))[1] AS evidence"
    )
    joins = "".join(
        f" LEFT JOIN (SELECT link.event_id, {', '.join(cells)} FROM {tables} "
        f"WHERE {events.format(event_id='link.event_id')} GROUP BY link.event_id) AS part{number} "
        f"ON part{number}.event_id = e.id"
        for number, (tables, cells) in enumerate(grouped.items())
    )
    cells = ", ".join(f"coalesce({cell}, '')" for cell in COLUMNS.split(", ")[1:])
    return (
        f"INSERT INTO {CELLS} ({COLUMNS}) SELECT e.id, {cells} FROM timeline_event e{joins} "
        f"WHERE {events.format(event_id='e.id')} "
        "ON CONFLICT (event_id) DO UPDATE SET "
        + ", ".join(f"{cell} = EXCLUDED.{cell}" for cell in COLUMNS.split(", ")[1:])
    )


POSTGRES_REFRESH = f"""CREATE FUNCTION timeline_exportcells_refresh(event_ids bigint[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Wait for any other transaction writing these events' cells; this function's next
    -- statement then reads what it committed.
    PERFORM 1 FROM timeline_event WHERE id = ANY(event_ids) ORDER BY id FOR NO KEY UPDATE;
    {postgres_select("{event_id} = ANY(event_ids)")};
END $$"""

# (function, events touched), each reading the transition tables ``old_rows``/``new_rows``.
POSTGRES_SOURCES = (
    ("inserted", "SELECT event_id FROM new_rows"),
    ("deleted", "SELECT event_id FROM old_rows"),
    ("updated", "SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows"),
    (
        "actor_renamed",
        "SELECT link.event_id FROM timeline_eventactor link JOIN new_rows ON new_rows.id = "
        "link.actor_id JOIN old_rows ON old_rows.id = new_rows.id "
        "WHERE old_rows.name IS DISTINCT FROM new_rows.name",
    ),
    (
        "tag_renamed",
        "SELECT link.event_id FROM timeline_event_tags link JOIN new_rows ON new_rows.id = "
        "link.tag_id JOIN old_rows ON old_rows.id = new_rows.id "
        "WHERE old_rows.name IS DISTINCT FROM new_rows.name",
    ),
    (
        "source_changed",
        "SELECT link.event_id FROM timeline_citation link JOIN new_rows ON new_rows.id = "
        "link.source_id JOIN old_rows ON old_rows.id = new_rows.id "
        "WHERE (old_rows.title, old_rows.publisher, old_rows.url, old_rows.published_on) IS "
        "DISTINCT FROM (new_rows.title, new_rows.publisher, new_rows.url, new_rows.published_on)",
    ),
)

TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def postgres_statements() -> list[str]:
    statements = [POSTGRES_REFRESH]
    for name, events in POSTGRES_SOURCES:
        statements.append(
            f"CREATE FUNCTION timeline_exportcells_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN PERFORM timeline_exportcells_refresh(ARRAY(SELECT DISTINCT event_id FROM "
            f"({events}) AS touched)); RETURN NULL; END $$"
        )

    def trigger(table: str, event: str, function: str) -> str:
        return (
            f"CREATE TRIGGER {table}_cells_{event.lower()} AFTER {event} ON {table} "
            f"REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION timeline_exportcells_{function}()"
        )

    for table in LINK_TABLES:
        statements += [
            trigger(table, "INSERT", "inserted"),
            trigger(table, "DELETE", "deleted"),
            trigger(table, "UPDATE", "updated"),
        ]
    statements += [
        trigger("timeline_actor", "UPDATE", "actor_renamed"),
        trigger("timeline_tag", "UPDATE", "tag_renamed"),
        trigger("timeline_source", "UPDATE", "source_changed"),
        f"""CREATE FUNCTION timeline_exportcells_event_deleted() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN
            DELETE FROM {CELLS} WHERE event_id IN (SELECT id FROM old_rows); RETURN NULL;
        END $$""",
        "CREATE TRIGGER timeline_event_cells_delete AFTER DELETE ON timeline_event "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION timeline_exportcells_event_deleted()",
        postgres_select("TRUE"),
    ]
    return statements


# Every trigger as (table, event); each is named "<table>_cells_<event>".
TRIGGERS = [(table, event) for table in LINK_TABLES for event in ("INSERT", "DELETE", "UPDATE")]
TRIGGERS += [
    ("timeline_actor", "UPDATE"),
    ("timeline_tag", "UPDATE"),
    ("timeline_source", "UPDATE"),
    ("timeline_event", "DELETE"),
    ("timeline_event", "INSERT"),  # SQLite only
]


def drop_statements(vendor: str) -> list[str]:
    statements = []
    for table, event in TRIGGERS:
        # PostgreSQL's DROP TRIGGER names the table; SQLite's does not.
        on_table = f" ON {table}" if vendor == "postgresql" else ""
        statements.append(f"DROP TRIGGER IF EXISTS {table}_cells_{event.lower()}{on_table}")
    if vendor == "postgresql":
        functions = ["refresh(bigint[])", "event_deleted()"]
        functions += [f"{name}()" for name, _ in POSTGRES_SOURCES]
        statements += [f"DROP FUNCTION IF EXISTS timeline_exportcells_{name}" for name in functions]
    return statements


class Migration(migrations.Migration):
    dependencies = [("timeline", "0008_event_search_table")]

    operations = [
        migrations.CreateModel(
            name="ExportCells",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="export_cells",
                        serialize=False,
                        to="timeline.event",
                    ),
                ),
                ("actors", models.TextField(blank=True)),
                ("actor_roles", models.TextField(blank=True)),
                ("tags", models.TextField(blank=True)),
                ("source_titles", models.TextField(blank=True)),
                ("source_publishers", models.TextField(blank=True)),
                ("source_urls", models.TextField(blank=True)),
                ("source_dates", models.TextField(blank=True)),
                (
                    "evidence",
                    models.TextField(blank=True, help_text="The first quote, by citation order."),
                ),
            ],
            options={"verbose_name_plural": "export cells"},
        ),
        migrations.RunPython(
            run_sql(sqlite=sqlite_statements(), postgresql=postgres_statements()),
            run_sql(sqlite=drop_statements("sqlite"), postgresql=drop_statements("postgresql")),
        ),
    ]
