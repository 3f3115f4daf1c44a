from django.db import migrations

from centres.querysets import CENTRE_SEARCH_FIELDS
from portal.migration_helpers import search_index_operations

forwards, backwards = search_index_operations(
    "centres.Centre", CENTRE_SEARCH_FIELDS, "centre_search_gin"
)


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
