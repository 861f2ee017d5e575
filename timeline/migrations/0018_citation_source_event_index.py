"""The publisher facet reads (source, event) pairs from an index alone: the index on the
citation's source alone gives way to one on (source, event). The old index is dropped by name
rather than by altering the field, which on SQLite would rebuild the table and drop its data
version triggers (architecture.md)."""

import django.db.models.deletion
from django.db import migrations, models

SOURCE_INDEX = "timeline_citation_source_id_ec91d247"


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0017_watch_tag"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="citation",
            index=models.Index(fields=["source", "event"], name="citation_source_event_idx"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="citation",
                    name="source",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="timeline.source",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{SOURCE_INDEX}"',
                    f'CREATE INDEX "{SOURCE_INDEX}" ON "timeline_citation" ("source_id")',
                ),
            ],
        ),
    ]
