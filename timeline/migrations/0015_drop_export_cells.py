"""Drop the CSV's export cells (migration 0009): the export now aggregates each event's actors,
tags and citations as it reads the event (``timeline/records.py``), so nothing is kept ready by
triggers any more.

The triggers and their functions go first, then the table. Not reversible: going back would
mean recomputing every event's cells, which 0009 did when it ran; restore a backup instead.
"""

from django.db import migrations

from timeline.migrations._sql import run_sql

SQLITE = [
    "DROP TRIGGER IF EXISTS timeline_eventactor_cells_insert",
    "DROP TRIGGER IF EXISTS timeline_eventactor_cells_delete",
    "DROP TRIGGER IF EXISTS timeline_eventactor_cells_update",
    "DROP TRIGGER IF EXISTS timeline_event_tags_cells_insert",
    "DROP TRIGGER IF EXISTS timeline_event_tags_cells_delete",
    "DROP TRIGGER IF EXISTS timeline_event_tags_cells_update",
    "DROP TRIGGER IF EXISTS timeline_citation_cells_insert",
    "DROP TRIGGER IF EXISTS timeline_citation_cells_delete",
    "DROP TRIGGER IF EXISTS timeline_citation_cells_update",
    "DROP TRIGGER IF EXISTS timeline_actor_cells_update",
    "DROP TRIGGER IF EXISTS timeline_tag_cells_update",
    "DROP TRIGGER IF EXISTS timeline_source_cells_update",
    "DROP TRIGGER IF EXISTS timeline_event_cells_delete",
    "DROP TRIGGER IF EXISTS timeline_event_cells_insert",
]

# Each trigger goes with the function it runs.
POSTGRES = [
    "DROP FUNCTION IF EXISTS timeline_exportcells_inserted() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_deleted() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_updated() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_actor_renamed() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_tag_renamed() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_source_changed() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_event_deleted() CASCADE",
    "DROP FUNCTION IF EXISTS timeline_exportcells_refresh(bigint[]) CASCADE",
]


class Migration(migrations.Migration):
    dependencies = [("timeline", "0014_data_version")]

    operations = [
        migrations.RunPython(run_sql(sqlite=SQLITE, postgresql=POSTGRES)),
        migrations.DeleteModel(name="ExportCells"),
    ]
