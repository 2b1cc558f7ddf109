from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "会员中心"

    def ready(self):
        from members import checks  # noqa: F401  registers the system checks
