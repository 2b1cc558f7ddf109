"""Editors (编辑) make 专题; journalists (记者) may look at them.

Permissions are normally created after all migrations run, so they are
created here first, as comments' 0003 does.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BY_GROUP = {
    "编辑": [
        f"{verb}_{model}"
        for model in ("topic", "topicsection", "sectionarticle")
        for verb in ("add", "change", "delete", "view")
    ],
    "记者": ["view_topic"],
}


def grant(apps, schema_editor):
    config = apps.get_app_config("topics")
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True  # historical configs have none
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in BY_GROUP.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="topics", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=BY_GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="topics"))


class Migration(migrations.Migration):
    dependencies = [
        ("topics", "0001_topics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
