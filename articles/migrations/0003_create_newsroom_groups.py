"""The newsroom's roles as Django groups, so every install has them.

Permissions are normally created after the last migration (post_migrate), so
on a fresh database they do not exist yet here: create them first for the
apps whose permissions the groups need. Running it again changes nothing.
The moderator group (审核员) gets its comment permissions in the comments
app's own migration; here it is only created, with no article permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = {
    "articles": ["add_article", "change_article", "view_article"]
    + [f"{verb}_{model}" for model in ("byline", "articlephoto") for verb in ("add", "change", "delete", "view")]
    + ["view_source", "view_author", "view_column"],
    "regions": ["view_region"],
    "taggit": ["add_tag", "view_tag"],
}

EDITOR = {
    "articles": [
        f"{verb}_{model}"
        for model in ("article", "byline", "articlephoto", "source", "author", "column")
        for verb in ("add", "change", "delete", "view")
    ]
    + ["review_article", "view_articletransition", "view_editorscope"],
    "regions": ["view_region"],
    "taggit": [f"{verb}_tag" for verb in ("add", "change", "delete", "view")],
}

GROUPS = {"记者": JOURNALIST, "编辑": EDITOR, "审核员": {}}


def ensure_permissions(apps):
    for label in ("articles", "regions", "taggit"):
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module; create_permissions
        # skips such apps unless told they have models.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    for name, codenames_by_app in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in codenames_by_app.items():
            perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            missing = set(codenames) - set(perms.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Permissions not found for group {name}: {sorted(missing)}")
            group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editor_scope_and_review_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("regions", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # Groups may already hold users; undoing the migration leaves them in place.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
