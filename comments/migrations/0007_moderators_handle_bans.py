"""Moderators (审核员) manage the commenter ban list; see 0003 for why
permissions are created here first."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    comments_config = apps.get_app_config("comments")
    models_module = getattr(comments_config, "models_module", None)
    comments_config.models_module = models_module or True  # historical configs have none
    create_permissions(comments_config, apps=apps, verbosity=0)
    comments_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_commenterban" for action in ("add", "change", "view", "delete")]
    group, _ = Group.objects.get_or_create(name="审核员")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="comments", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="审核员"):
        group.permissions.remove(*Permission.objects.filter(codename__endswith="_commenterban"))


class Migration(migrations.Migration):
    dependencies = [("comments", "0006_report_handling_and_bans")]

    operations = [migrations.RunPython(grant, revoke)]
