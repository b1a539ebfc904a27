# The database cache table the API throttles count in when no Redis is configured (issue 14).

from django.core.management import call_command
from django.db import migrations

TABLE = "sanad_cache"  # settings.CACHES' LOCATION for the database cache


def create_table(apps, schema_editor):
    # Created whatever CACHES says today, so switching SANAD_CACHE_URL back to the database
    # later needs no extra command; `createcachetable` leaves an existing table alone.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0012_revision_txid'),
    ]

    operations = [
        migrations.RunPython(create_table, drop_table),
    ]
