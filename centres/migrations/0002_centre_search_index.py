from django.db import migrations

from portal.core.search_index import search_index_operations

# The fields as they were when the index was made; a later change needs a new migration.
forwards, backwards = search_index_operations(
    "centres.Centre",
    ("short_name", "name", "description", "host_organisation"),
    "centre_search_gin",
)


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
