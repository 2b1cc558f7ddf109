"""`manage.py backup` then `manage.py restore` into an empty database gives
back the same articles, comments and media files; a database with tables is
only overwritten when the operator says --force."""

import subprocess
import sys

import psycopg2
import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, ArticlePhotoFactory, CommentFactory
from tests.faults.services import ROOT, site_environment


def restore(env, archive, *flags):
    return subprocess.run([sys.executable, "manage.py", "restore", str(archive), *flags], env=env, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip


def only_archive(directory):
    (archive,) = directory.glob("newsportal-*.tar.gz")
    return archive


@pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only
def test_a_postgresql_backup_restores_into_a_fresh_database(settings, tmp_path, fresh_postgres_database, capsys):
    articles = [ArticleFactory(title=f"乐至新闻{n}", body=f"<p>第{n}篇正文，柠檬丰收。</p>") for n in range(4)]
    photo = ArticlePhotoFactory(article=articles[0])
    for article in articles[:2]:
        CommentFactory.create_batch(3, article=article, body=f"评论《{article.title}》")

    call_command("backup", dir=str(tmp_path / "backups"))
    archive = only_archive(tmp_path / "backups")
    assert "文章 4 篇，评论 6 条，媒体文件 1 个" in capsys.readouterr().out

    restored_media = tmp_path / "restored-media"
    env = site_environment(fresh_postgres_database["url"], tmp_path / "static", DJANGO_MEDIA_ROOT=str(restored_media))
    result = restore(env, archive)
    assert result.returncode == 0, result.stderr

    db = fresh_postgres_database
    with psycopg2.connect(dbname=db["dbname"], host=db["host"], port=db["port"], user=db["user"]) as restored:
        cursor = restored.cursor()
        cursor.execute("SELECT COUNT(*) FROM articles_article")
        assert cursor.fetchone()[0] == Article.objects.count() == 4
        cursor.execute("SELECT COUNT(*) FROM comments_comment")
        assert cursor.fetchone()[0] == Comment.objects.count() == 6
        cursor.execute("SELECT id, body FROM articles_article ORDER BY id")
        assert cursor.fetchall() == list(Article.objects.order_by("id").values_list("id", "body"))
        cursor.execute("SELECT body FROM comments_comment ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == list(
            Comment.objects.order_by("id").values_list("body", flat=True)
        )
    assert (restored_media / photo.image.name).read_bytes() == photo.image.read()

    again = restore(env, archive)
    assert again.returncode != 0 and "--force" in again.stderr
    forced = restore(env, archive, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "文章 4 篇，评论 6 条" in forced.stdout
