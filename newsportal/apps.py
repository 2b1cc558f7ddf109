from django.apps import AppConfig


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "站点"

    def ready(self):
        from newsportal import invalidation  # noqa: F401  (connects the page-cache invalidation handlers)
