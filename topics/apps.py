from django.apps import AppConfig
from django.db.models.signals import post_migrate


def grant_topic_roles_after_migrate(sender, apps=None, **kwargs):
    """Re-apply the editors' topic permissions after every migrate and
    test-database flush, as the comments app does for its roles."""
    from importlib import import_module

    from django.apps import apps as global_apps

    import_module("topics.migrations.0002_editor_permissions").grant(apps or global_apps, None)


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "专题"

    def ready(self):
        from topics import signals  # noqa: F401  (connects the handlers)

        post_migrate.connect(grant_topic_roles_after_migrate, sender=self, dispatch_uid="topics_roles")
