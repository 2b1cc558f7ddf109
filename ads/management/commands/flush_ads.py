from django.core.management.base import BaseCommand

from ads import counting


class Command(BaseCommand):
    help = "把缓冲的广告展示数和点击数写入每日统计（由 minutely 每分钟运行）。"

    def handle(self, *args, **options):
        moved = counting.flush()
        if moved is None:
            self.stdout.write("广告统计：另一个写入正在进行或 Redis 不可用，下次再写。")
        else:
            self.stdout.write(f"广告统计：写入 {moved} 次展示和点击。")
