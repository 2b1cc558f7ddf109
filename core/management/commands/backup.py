from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "备份数据库和上传的媒体文件到 backups/newsportal-<时间>.tar.gz（见 README「备份与恢复」）。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "backups"), help="备份文件放在哪个目录")

    def handle(self, *args, **options):
        try:
            summary = create_backup(options["dir"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"已备份：文章 {summary.articles} 篇，评论 {summary.comments} 条，媒体文件 {summary.media_files} 个\n"
            f"{summary.path}"
        )
