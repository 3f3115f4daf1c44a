from django.db import migrations

from offerings.querysets import OFFERING_SEARCH_FIELDS
from portal.migration_helpers import search_index_operations

forwards, backwards = search_index_operations(
    "offerings.Offering", OFFERING_SEARCH_FIELDS, "offering_search_gin"
)


class Migration(migrations.Migration):
    dependencies = [("offerings", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
