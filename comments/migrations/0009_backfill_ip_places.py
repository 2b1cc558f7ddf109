"""IP属地 for comments posted before it was recorded, from their stored address.

The table lookup is today's, not that of the day they were posted: for old
comments that is as near as can be had.
"""

from django.db import migrations

BATCH = 2000


def backfill(apps, schema_editor):
    from comments.ip_places import place_of

    Comment = apps.get_model("comments", "Comment")
    unplaced = Comment.objects.filter(ip_place="", ip_address__isnull=False).only("pk", "ip_address").order_by("pk")
    batch = []
    for comment in unplaced.iterator(chunk_size=BATCH):
        comment.ip_place = place_of(comment.ip_address)
        if comment.ip_place:
            batch.append(comment)
        if len(batch) >= BATCH:
            Comment.objects.bulk_update(batch, ["ip_place"])
            batch = []
    Comment.objects.bulk_update(batch, ["ip_place"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0008_ip_place_and_likes")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
