from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.embedded_postgres import server


class Command(BaseCommand):
    help = "项目自带的 PostgreSQL（没有设置 DATABASE_URL 时使用）：status 查看状态，stop 停止（最后一个使用它的命令结束时也会自动停止）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args, action, **options):
        settings_dict = connections["default"].settings_dict
        if "EMBEDDED_ROOT" not in settings_dict:
            raise CommandError("设置了 DATABASE_URL，使用的是外部 PostgreSQL，没有自带的数据库服务器。")
        embedded = server(settings_dict["EMBEDDED_ROOT"])
        if action == "stop":
            connections.close_all()
            embedded.stop()
        running = embedded.is_running()
        self.stdout.write(f"自带 PostgreSQL（{embedded.data}）：{'运行中' if running else '未运行'}")
