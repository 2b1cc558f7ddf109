from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, pre_save


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "站点"

    def ready(self):
        # Importing it connects the page-cache invalidation handlers.
        from newsportal import backports, invalidation
        from newsportal.text import strip_control_characters

        # Sent once per app with models; this app has none, articles has.
        articles = apps.get_app_config("articles")
        post_migrate.connect(invalidation.site_deployed, sender=articles, dispatch_uid="pagecache_site_deployed")
        pre_save.connect(strip_control_characters, dispatch_uid="strip_control_characters")
        backports.apply()
