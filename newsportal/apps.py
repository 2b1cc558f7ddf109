from django.apps import AppConfig
from django.db.models.signals import pre_save


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "站点"

    def ready(self):
        from newsportal import backports
        from newsportal.text import strip_control_characters

        pre_save.connect(strip_control_characters, dispatch_uid="strip_control_characters")
        backports.apply()
