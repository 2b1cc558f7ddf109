"""The newsroom's roles as Django groups, so every install has them.

Permissions are normally created after the last migration (post_migrate), so
on a fresh database they do not exist yet here: create them first for the
apps whose permissions the groups need. Running it again changes nothing.
The groups and their permissions are defined in ``articles.roles``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles


def ensure_permissions(apps):
    for label in ("articles", "regions", "taggit"):
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module; create_permissions
        # skips such apps unless told they have models.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    ensure_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editor_scope_and_review_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("regions", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # Groups may already hold users; undoing the migration leaves them in place.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
