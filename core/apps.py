from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "基础设施"

    def ready(self):
        from core import backports
        from core.text import strip_control_characters

        pre_save.connect(strip_control_characters, dispatch_uid="strip_control_characters")
        backports.apply()
