from django.core.management.base import BaseCommand

from articles import side_lists


class Command(BaseCommand):
    help = "为已发布的文章重新挑选相关新闻、编辑推荐和上下篇（导入文章或升级后运行一次 --all）。"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="所有已发布文章，而不只是列表最旧的一批")
        parser.add_argument("--limit", type=int, default=side_lists.REFRESH_PER_RUN, help="不加 --all 时每次处理的篇数")

    def handle(self, *args, all, limit, **options):
        refreshed = side_lists.refresh_all() if all else side_lists.refresh_oldest(limit)
        self.stdout.write(self.style.SUCCESS(f"已更新 {refreshed} 篇文章的侧栏列表。"))
