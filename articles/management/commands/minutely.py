from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles import schedule, side_lists, sidebars


class Command(BaseCommand):
    help = (
        "每分钟由定时任务运行一次：写入阅读数，通告到点发布的定时稿件，重新排出热点榜，"
        "并为侧栏列表过旧的文章重新挑选相关新闻和推荐。"
    )

    def handle(self, *args, **options):
        call_command("flush_views", stdout=self.stdout)
        call_command("flush_ads", stdout=self.stdout)
        gone_live = schedule.announce_gone_live()
        ranked = sidebars.rank_hot_lists()
        refreshed = side_lists.refresh_oldest(side_lists.REFRESH_PER_RUN)
        self.stdout.write(f"定时发布 {gone_live} 篇；热点榜 {ranked} 个；侧栏列表更新 {refreshed} 篇。")
