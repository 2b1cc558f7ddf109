"""One-file backups of the database and the uploaded media, and their restore.

An archive is a ``.tar.gz`` holding ``manifest.json``, the database
(``database.dump`` from ``pg_dump -Fc``, a consistent snapshot even while the
site writes) and ``media/``. ``manage.py backup`` / ``manage.py restore``
(and ``make backup`` / ``make restore FILE=...``) are the front ends.
"""

import json
import os
import shutil

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from core.embedded_postgres import programs_for

FORMAT = 1
DATABASE_FILE = "database.dump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass
class Summary:
    path: Path
    articles: int
    comments: int
    media_files: int


def _counts(connection):
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        counts = {}
        for name, table in (("articles", "articles_article"), ("comments", "comments_comment")):
            if table in tables:
                # Safe: the table name is one of two constants above, quoted by the backend.
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # nosec B608
                counts[name] = cursor.fetchone()[0]
            else:
                counts[name] = 0
    return counts


def _local_media_root():
    """MEDIA_ROOT, or None when media live on object storage (backed up there)."""
    return None if getattr(settings, "MEDIA_S3_BUCKET", "") else Path(settings.MEDIA_ROOT)


def _pg_tool(connection, name):
    """pg_dump/pg_restore of the server's major version where the machine has
    one (an older client refuses a newer server, and a newer one writes
    settings an older server does not know); else the embedded server's."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    folder, _ = programs_for(major)
    tool = str(folder / name) if folder else shutil.which(name)
    if not tool:
        raise BackupError(f"找不到 {name}：请安装 PostgreSQL {major} 客户端（Debian: postgresql-client-{major}）")
    return tool


def _pg_arguments(connection):
    params = connection.settings_dict
    argv = ["--dbname", params["NAME"], "--no-password"]
    if params.get("HOST"):
        argv += ["--host", params["HOST"]]
    if params.get("PORT"):
        argv += ["--port", str(params["PORT"])]
    if params.get("USER"):
        argv += ["--username", params["USER"]]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return argv, env


def _run(argv, env, what):
    # Safe: argv is built from settings (pg_dump/pg_restore and the database parameters), no shell.
    result = subprocess.run(argv, env=env, capture_output=True, text=True)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{what}失败：\n{result.stderr.strip()}")


def _dump_postgresql(connection, target):
    argv, env = _pg_arguments(connection)
    _run([_pg_tool(connection, "pg_dump"), "--format=custom", "--file", str(target), *argv], env, "pg_dump ")


def _restore_postgresql(connection, source, force):
    tool = _pg_tool(connection, "pg_restore")
    argv, env = _pg_arguments(connection)
    connection.close()
    # One transaction: a restore that fails half-way leaves the database as it was.
    clean = ["--clean", "--if-exists"] if force else []
    _run([tool, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", *clean, *argv,
          str(source)], env, "pg_restore ")  # fmt: skip


# --- archive ---------------------------------------------------------------


def create_backup(directory, alias="default"):
    """Write ``newsportal-<UTC time>.tar.gz`` into ``directory``; returns a Summary."""
    connection = connections[alias]
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    final = directory / f"newsportal-{stamp}.tar.gz"
    partial = final.with_name(final.name + ".part")
    media_root = _local_media_root()
    media_files = 0
    with tempfile.TemporaryDirectory(prefix="newsportal-backup-") as work:
        database_file = Path(work) / DATABASE_FILE
        _dump_postgresql(connection, database_file)
        counts = _counts(connection)
        manifest = {"format": FORMAT, "created_at": stamp, "engine": "postgresql", **counts}
        manifest_file = Path(work) / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, "manifest.json")
            archive.add(database_file, database_file.name)
            if media_root is not None and media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, f"media/{path.relative_to(media_root).as_posix()}")
                        media_files += 1
    partial.rename(final)  # never leave a half-written archive under the final name
    return Summary(final, counts["articles"], counts["comments"], media_files)


def _existing_tables(connection):
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore_backup(archive_path, force=False, alias="default"):
    """Load an archive into the database and MEDIA_ROOT; returns a Summary.

    Refuses a database that already has tables unless ``force``: a restore
    replaces what is there, and the wrong DATABASE_URL should not cost a site.
    """
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    connection = connections[alias]
    tables = _existing_tables(connection)
    if tables and not force:
        raise BackupError(
            f"数据库 {connection.settings_dict['NAME']} 已有 {len(tables)} 张数据表，恢复会覆盖其中的内容。"
            "确认无误请加 --force（make restore FILE=... FORCE=1）。"
        )
    with (
        tempfile.TemporaryDirectory(prefix="newsportal-restore-") as work,
        tarfile.open(archive_path, "r:gz") as archive,
    ):
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT or manifest.get("engine") != "postgresql":
            raise BackupError(f"这个备份来自 {manifest.get('engine')}，不是本站的 PostgreSQL 备份，无法恢复。")
        archive.extract(DATABASE_FILE, work, filter="data")
        _restore_postgresql(connection, Path(work) / DATABASE_FILE, force)
        media_files = _restore_media(archive)
    counts = _counts(connection)
    return Summary(archive_path, counts["articles"], counts["comments"], media_files)


def _restore_media(archive):
    media_root = _local_media_root()
    members = [m for m in archive.getmembers() if m.isfile() and m.name.startswith("media/")]
    if media_root is None or not members:
        return 0
    media_root.mkdir(parents=True, exist_ok=True)
    for member in members:
        member.name = member.name.removeprefix("media/")
        # The "data" filter refuses absolute paths, "..", links and devices.
        archive.extract(member, media_root, filter="data")
    return len(members)
