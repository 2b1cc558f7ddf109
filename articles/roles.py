"""The newsroom's roles as Django groups: 记者, 编辑, 审核员.

Applied twice on purpose: by the ``0004_create_newsroom_groups`` migration, so
the groups exist as soon as the articles tables do (the comments app's own
migration adds the moderator's comment permissions to 审核员), and after every
``migrate`` or test-database flush by a post_migrate handler, which puts back
any permission a flush or a hand edit took away. Both are idempotent.
"""

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
    # Their channels' settings (articles.admin.EditorsSetUpTheirChannels), not the region tree.
    "regions": ["view_region", "change_region"],
    # 友情链接 in the footer, per region or site-wide.
    "links": [f"{verb}_friendlink" for verb in ("add", "change", "delete", "view")],
    # 广告位: the ads and, read-only, their daily counts.
    "ads": [f"{verb}_ad" for verb in ("add", "change", "delete", "view")] + ["view_addailystats"],
    "taggit": [f"{verb}_tag" for verb in ("add", "change", "delete", "view")],
    # 访问尝试: an editor unlocks a colleague locked out by django-axes by deleting the attempt.
    "axes": ["view_accessattempt", "delete_accessattempt"],
}

GROUPS = {"记者": JOURNALIST, "编辑": EDITOR, "审核员": {}}


def ensure_roles(apps, strict=True):
    """Create the groups and give them their permissions; never removes any.

    ``strict`` fails loudly on a permission that does not exist, which means
    a typo above. Migrations pass ``strict=False``: a permission of a model
    added later does not exist yet at that point in history.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames_by_app in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in codenames_by_app.items():
            perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            missing = set(codenames) - set(perms.values_list("codename", flat=True))
            if missing and strict:
                raise LookupError(f"Permissions for group {name} not found: {sorted(missing)}")
            group.permissions.add(*perms)


def ensure_roles_after_migrate(sender, apps=None, **kwargs):
    # A test-database flush sends post_migrate without the migration state.
    from django.apps import apps as global_apps

    ensure_roles(apps or global_apps)
