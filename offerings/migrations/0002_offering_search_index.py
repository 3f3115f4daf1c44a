from django.db import migrations

from portal.core.search_index import search_index_operations

# The fields as they were when the index was made; a later change needs a new migration.
forwards, backwards = search_index_operations(
    "offerings.Offering", ("title", "summary", "description"), "offering_search_gin"
)


class Migration(migrations.Migration):
    dependencies = [("offerings", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
