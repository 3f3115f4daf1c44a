from django.db import migrations

# This migration once made a GIN index over a `norwegian` text-search vector of the fields, which
# the query did not use. The stored search text replaced it (see the `search_text` migration, which
# drops that index where it exists); kept empty so the migration history stays unbroken.


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]
    operations = []
