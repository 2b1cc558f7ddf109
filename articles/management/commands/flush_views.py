from django.core.management.base import BaseCommand

from articles.counters import flush_views


class Command(BaseCommand):
    help = "把缓存中累积的阅读数写入数据库（每日阅读数与文章总阅读数）。建议每分钟由定时任务运行一次。"

    def handle(self, *args, **options):
        moved = flush_views()
        self.stdout.write(f"已写入 {moved} 次阅读。")
