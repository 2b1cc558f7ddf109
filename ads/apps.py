from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = "广告位"

    def ready(self):
        from ads import changes  # noqa: F401  (announces what changed)
