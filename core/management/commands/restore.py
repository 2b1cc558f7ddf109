from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "从 manage.py backup 生成的文件恢复数据库和媒体文件；数据库已有数据表时需加 --force。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（backups/newsportal-*.tar.gz）")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据的数据库")

    def handle(self, *args, **options):
        try:
            summary = restore_backup(options["file"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"已恢复：文章 {summary.articles} 篇，评论 {summary.comments} 条，媒体文件 {summary.media_files} 个"
        )
