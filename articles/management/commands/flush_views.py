from django.core.management.base import BaseCommand

from articles.counters import flush_views


class Command(BaseCommand):
    help = (
        "把缓存中累积的阅读数写入数据库（每日阅读数与文章总阅读数）。"
        "建议每分钟由定时任务运行一次；同时启动的第二次运行会直接退出，失败时计数留到下次写入。"
    )

    def handle(self, *args, **options):
        moved = flush_views()
        if moved is None:
            self.stdout.write("另一次写入正在进行，或 Redis 暂时不可用，本次跳过。")
        else:
            self.stdout.write(f"已写入 {moved} 次阅读。")
