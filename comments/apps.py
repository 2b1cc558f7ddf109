from django.apps import AppConfig
from django.db.models.signals import post_migrate


def grant_comment_roles_after_migrate(sender, apps=None, **kwargs):
    """Re-apply the role permissions after every migrate and test-database flush.

    A flush (as in live-server tests) empties the group-permission table that
    migration 0003 filled; the articles app re-applies its roles the same way.
    """
    from importlib import import_module

    from django.apps import apps as global_apps

    # A test-database flush sends post_migrate without the migration state.
    for migration in ("0003_moderator_groups", "0007_moderators_handle_bans"):
        import_module(f"comments.migrations.{migration}").grant(apps or global_apps, None)


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "评论"

    def ready(self):
        from comments import signals  # noqa: F401  (connects the handlers)

        post_migrate.connect(grant_comment_roles_after_migrate, sender=self, dispatch_uid="comments_roles")
