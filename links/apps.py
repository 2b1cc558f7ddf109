from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "links"
    verbose_name = "友情链接"

    def ready(self):
        from links import changes  # noqa: F401  (announces what changed)
