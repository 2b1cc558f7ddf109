from django.core.management.base import BaseCommand, CommandError

from regions.loader import DEFAULT_FILE, DivisionLoader, read_divisions
from regions.models import Region


class Command(BaseCommand):
    help = (
        "载入全国行政区划（省、地、县三级）。可重复运行：按区划代码更新，不重复创建，不改动编辑设置的简介、启用和排序。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=DEFAULT_FILE,
            help=f"区划数据文件（CSV：adcode,name,parent_adcode,level），默认 {DEFAULT_FILE}",
        )

    def handle(self, *args, file, verbosity, **options):
        try:
            divisions = read_divisions(file)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"读不了区划数据文件：{error}") from error

        progress = self.stdout.write if verbosity >= 1 else None
        created, updated = DivisionLoader(divisions, progress=progress).run()

        per_level = "；".join(
            f"{label} 新建 {created[level]}、更新 {updated[level]}" for level, label in Region.Level.choices
        )
        self.stdout.write(self.style.SUCCESS(f"完成：文件 {len(divisions)} 行。{per_level}。"))
        missing = Region.objects.exclude(adcode__in=[division.adcode for division in divisions]).count()
        if missing:
            self.stdout.write(f"数据库中另有 {missing} 个地区不在文件里，保持不变。")
