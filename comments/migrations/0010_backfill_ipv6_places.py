"""IP属地 for comments posted from IPv6 addresses before IPv6 had a table.

The same backfill as 0009: it fills every comment still without a place, and
only IPv6 ones can have gained one since.
"""

from importlib import import_module

from django.db import migrations

backfill = import_module("comments.migrations.0009_backfill_ip_places").backfill


class Migration(migrations.Migration):
    dependencies = [("comments", "0009_backfill_ip_places")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
