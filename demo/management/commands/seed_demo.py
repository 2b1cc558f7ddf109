from django.core.management.base import BaseCommand

from articles.models import Article
from demo.catalog import ACCOUNTS, DEMO_PASSWORD, DEMO_READER


class Command(BaseCommand):
    help = "载入演示数据：账号、来源、作者、栏目、两百多篇文章及图片、评论。可重复运行，不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库里已有文章时什么也不做（make run 每次启动都会调用）。"
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("数据库里已有文章，跳过演示数据。")
            return
        # Imported here so that nothing of the generator loads unless the command runs.
        from demo.seed import seed_demo

        seed_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"演示账号（密码都是 {DEMO_PASSWORD}）："))
        for username, _, duty in ACCOUNTS:
            self.stdout.write(f"  {username:<11} {duty}")
        self.stdout.write(
            f"  {DEMO_READER[0]} 读者“{DEMO_READER[1]}”：在 /members/login/ 用手机号和密码登录（会员中心）"
        )
