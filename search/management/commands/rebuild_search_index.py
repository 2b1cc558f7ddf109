from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from articles.models import Article
from core.kept import mark_changed
from search.indexing import bulk_index_writes, rebuild_search_index


class Command(BaseCommand):
    help = "重新为所有文章生成搜索分词（导入数据或升级分词词典后运行）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="每批写入的文章数。")

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        with bulk_index_writes():
            changed = rebuild_search_index(Article.objects.order_by("pk"), batch_size=batch_size)
        if changed:
            mark_changed({"list:search"})  # kept rankings were made with the old words
        self.stdout.write(self.style.SUCCESS(f"已更新 {changed} 篇文章的搜索分词，共 {Article.objects.count()} 篇。"))
