from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "通知"

    def ready(self):
        from notices import receivers  # noqa: F401  (connects the handlers)
