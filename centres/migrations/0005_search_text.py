from django.db import migrations, models

from portal.core.search_index import fill_search_text, search_index_operations

# The searchable fields as they are now; a later change to them needs a migration of its own.
FIELDS = (
    "short_name",
    "name",
    "description",
    "host_organisation",
)
index_forwards, index_backwards = search_index_operations("centres.Centre")


def drop_old_index(apps, schema_editor) -> None:
    """The GIN index over a `norwegian` vector that 0002 once made (PostgreSQL only)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS centre_search_gin")


class Migration(migrations.Migration):
    dependencies = [("centres", "0004_forums_and_documents")]

    operations = [
        migrations.RunPython(drop_old_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="centre",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text("centres.Centre", FIELDS), migrations.RunPython.noop),
        migrations.RunPython(index_forwards, index_backwards),
    ]
