"""`manage.py restore` checks the whole archive before it writes anything.

A site was restored from last night's backup; then the operator is handed a
damaged or tampered archive. Whatever is wrong with it (gzip cut short, a
``../`` path or a link in the media part, a damaged database dump), the
restore ends with one Chinese line and exit code 1, and the database and the
media folder hold exactly what they held before.
"""

import io
import tarfile

import psycopg2
import pytest
from django.core.management import call_command

from tests.factories import ArticleFactory, ArticlePhotoFactory
from tests.faults.services import site_environment
from tests.faults.test_backup_roundtrip import only_archive, restore

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only


def rewritten(archive, target, change):
    """A copy of ``archive`` with ``change(name, data)`` applied to each member: None drops it,
    bytes replace it; ``change.extra`` (TarInfo, bytes) members are added at the end."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                copy.addfile(member, io.BytesIO(data))
        for info, data in getattr(change, "extra", []):
            copy.addfile(info, io.BytesIO(data) if data is not None else None)
    return target


def with_member(name, data=b"evil", kind=tarfile.REGTYPE, linkname=""):
    def keep(member_name, member_data):
        return member_data

    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, linkname, len(data) if kind == tarfile.REGTYPE else 0
    keep.extra = [(info, data if kind == tarfile.REGTYPE else None)]
    return keep


def with_dump(damage):
    def change(name, data):
        return damage(data) if name == "database.dump" else data

    return change


def cut_short(archive, target):
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) * 2 // 3])
    return target


TAMPERED = {
    "gzip-cut-short": (cut_short, "不完整或已损坏"),
    "dot-dot-in-media": (lambda a, t: rewritten(a, t, with_member("media/../../evil.txt")), "不安全的路径"),
    "dot-dot-at-top": (lambda a, t: rewritten(a, t, with_member("../evil.txt")), "不安全的路径"),
    "absolute-path": (lambda a, t: rewritten(a, t, with_member("/tmp/newsportal-evil.txt")), "不安全的路径"),
    "symlink-out": (
        lambda a, t: rewritten(a, t, with_member("media/covers/x.jpg", kind=tarfile.SYMTYPE, linkname="/etc/passwd")),
        "不是普通文件",
    ),
    "unexpected-member": (lambda a, t: rewritten(a, t, with_member("run-me.sh", b"#!/bin/sh\n")), "不该有的"),
    "no-dump": (lambda a, t: rewritten(a, t, lambda name, data: None if name == "database.dump" else data), "缺少"),
    "dump-cut-after-header": (
        lambda a, t: rewritten(a, t, with_dump(lambda d: d[: len(d) * 3 // 4])),
        "数据库文件已损坏",
    ),
    "dump-garbage": (lambda a, t: rewritten(a, t, with_dump(lambda d: b"PGDMP" + b"\x00" * 200)), "数据库文件已损坏"),
}


def site_state(db, media_root):
    """What a reader would see: the articles' titles and every media file's bytes."""
    with psycopg2.connect(dbname=db["dbname"], host=db["host"], port=db["port"], user=db["user"]) as restored:
        cursor = restored.cursor()
        cursor.execute("SELECT id, title FROM articles_article ORDER BY id")
        rows = cursor.fetchall()
    restored.close()
    files = {str(p.relative_to(media_root)): p.read_bytes() for p in sorted(media_root.rglob("*")) if p.is_file()}
    return rows, files


@pytest.fixture
def restored_site(tmp_path, fresh_postgres_database):
    """Last night's site restored from its backup, and a newer backup handed over afterwards."""
    for n in range(3):
        ArticleFactory(title=f"昨晚的新闻{n}")
    ArticlePhotoFactory(article=ArticleFactory(title="昨晚的组图"))
    call_command("backup", dir=str(tmp_path / "last-night"))
    media = tmp_path / "restored-media"
    env = site_environment(fresh_postgres_database["url"], tmp_path / "static", DJANGO_MEDIA_ROOT=str(media))
    assert restore(env, only_archive(tmp_path / "last-night")).returncode == 0

    ArticlePhotoFactory(article=ArticleFactory(title="今天的新闻"))
    call_command("backup", dir=str(tmp_path / "today"))
    return env, only_archive(tmp_path / "today"), media


@pytest.mark.parametrize("case", TAMPERED)
def test_a_damaged_or_tampered_archive_changes_nothing(case, restored_site, fresh_postgres_database, tmp_path):
    env, today, media = restored_site
    tamper, expected = TAMPERED[case]
    archive = tamper(today, tmp_path / "handed-over.tar.gz")
    before = site_state(fresh_postgres_database, media)

    result = restore(env, archive, "--force")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("CommandError: ") and expected in last_line and "都没有改动" in last_line
    assert site_state(fresh_postgres_database, media) == before
    assert "今天的新闻" not in str(before[0]) and len(before[0]) == 4
    assert not (tmp_path / "evil.txt").exists() and not (media.parent / "evil.txt").exists()


def test_the_untampered_archive_still_restores(restored_site, fresh_postgres_database):
    env, today, media = restored_site

    result = restore(env, today, "--force")

    assert result.returncode == 0, result.stderr
    titles = [title for _, title in site_state(fresh_postgres_database, media)[0]]
    assert "今天的新闻" in titles and len(titles) == 5
    assert len(site_state(fresh_postgres_database, media)[1]) == 2
