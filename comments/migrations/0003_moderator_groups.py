"""Moderators (审核员) work the comment queue and the word list; journalists
(记者) and editors (编辑) may only look at comments.

Permissions are normally created after all migrations run, so they are created
here first; groups are fetched by name because other apps' migrations may
create the same groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_MODELS = ["comment", "commentreport", "sensitiveword"]
READ_ONLY = {"记者": ["view_comment"], "编辑": ["view_comment"]}


def codenames_for_moderators():
    return [f"{action}_{model}" for model in MODERATOR_MODELS for action in ("add", "change", "view", "delete")]


def grant(apps, schema_editor):
    comments_config = apps.get_app_config("comments")
    models_module = getattr(comments_config, "models_module", None)
    comments_config.models_module = models_module or True  # historical configs have none
    create_permissions(comments_config, apps=apps, verbosity=0)
    comments_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    by_group = {"审核员": codenames_for_moderators(), **READ_ONLY}
    for name, codenames in by_group.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="comments", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    comment_perms = Permission.objects.filter(content_type__app_label="comments")
    for group in Group.objects.filter(name__in=["审核员", *READ_ONLY]):
        group.permissions.remove(*comment_perms)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_reports_sensitive_words_matched"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
