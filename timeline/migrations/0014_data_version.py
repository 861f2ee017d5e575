"""The data version: one row that database triggers change on every write the timeline shows.

Cached counts and pages are keyed by it (``models.DataVersion``). Triggers rather than signals:
a bulk ``update()``, raw SQL, another process or another machine sends no signal to this one.

SQLite: row triggers (it has no others), each a one-row update. PostgreSQL: one statement
trigger per table, so a statement that writes a million rows changes the version once; the
value comes from a sequence, which a rollback does not take back.
"""

from django.db import migrations, models

import timeline.models
from timeline.migrations._sql import run_sql

SQLITE_BUMP = "BEGIN UPDATE timeline_dataversion SET version = random() WHERE id = 1; END"

SQLITE = [
    "INSERT INTO timeline_dataversion (id, version) VALUES (1, random())",
    "CREATE TRIGGER timeline_dataversion_event_insert AFTER INSERT ON timeline_event"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_event_update AFTER UPDATE ON timeline_event"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_event_delete AFTER DELETE ON timeline_event"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_eventactor_insert AFTER INSERT ON timeline_eventactor"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_eventactor_update AFTER UPDATE ON timeline_eventactor"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_eventactor_delete AFTER DELETE ON timeline_eventactor"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_event_tags_insert AFTER INSERT ON timeline_event_tags"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_event_tags_update AFTER UPDATE ON timeline_event_tags"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_event_tags_delete AFTER DELETE ON timeline_event_tags"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_citation_insert AFTER INSERT ON timeline_citation"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_citation_update AFTER UPDATE ON timeline_citation"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_citation_delete AFTER DELETE ON timeline_citation"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_source_insert AFTER INSERT ON timeline_source"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_source_update AFTER UPDATE ON timeline_source"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_source_delete AFTER DELETE ON timeline_source"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_actor_insert AFTER INSERT ON timeline_actor"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_actor_update AFTER UPDATE ON timeline_actor"
    f" {SQLITE_BUMP}",
    "CREATE TRIGGER timeline_dataversion_actor_delete AFTER DELETE ON timeline_actor"
    f" {SQLITE_BUMP}",
    f"CREATE TRIGGER timeline_dataversion_tag_insert AFTER INSERT ON timeline_tag {SQLITE_BUMP}",
    f"CREATE TRIGGER timeline_dataversion_tag_update AFTER UPDATE ON timeline_tag {SQLITE_BUMP}",
    f"CREATE TRIGGER timeline_dataversion_tag_delete AFTER DELETE ON timeline_tag {SQLITE_BUMP}",
]

POSTGRES_EVENTS = "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
POSTGRES_BUMP = "FOR EACH STATEMENT EXECUTE FUNCTION timeline_dataversion_bump()"

POSTGRES = [
    "CREATE SEQUENCE timeline_dataversion_seq",
    "INSERT INTO timeline_dataversion (id, version) "
    "VALUES (1, nextval('timeline_dataversion_seq'))",
    """CREATE FUNCTION timeline_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE timeline_dataversion SET version = nextval('timeline_dataversion_seq') WHERE id = 1;
        RETURN NULL;
    END $$""",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_event {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_eventactor {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_event_tags {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_citation {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_source {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_actor {POSTGRES_BUMP}",
    f"CREATE TRIGGER timeline_dataversion {POSTGRES_EVENTS} ON timeline_tag {POSTGRES_BUMP}",
]

# SQLite's triggers belong to the tables they watch, so each goes by name; PostgreSQL's go with
# their function.
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS timeline_dataversion_{table}_{event}"
    for table in ("event", "eventactor", "event_tags", "citation", "source", "actor", "tag")
    for event in ("insert", "update", "delete")
]
POSTGRES_DROP = [
    "DROP FUNCTION IF EXISTS timeline_dataversion_bump() CASCADE",
    "DROP SEQUENCE IF EXISTS timeline_dataversion_seq",
]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0013_event_group_lead_proposed_for")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=timeline.models.new_data_version)),
            ],
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["status", "event_type", "country"], name="event_type_country_idx"
            ),
        ),
        migrations.RunPython(
            run_sql(sqlite=SQLITE, postgresql=POSTGRES),
            run_sql(sqlite=SQLITE_DROP, postgresql=POSTGRES_DROP),
        ),
    ]
