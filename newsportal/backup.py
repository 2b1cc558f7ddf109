"""One-file backups of the database and the uploaded media, and their restore.

An archive is a ``.tar.gz`` holding ``manifest.json``, the database
(``database.dump`` from ``pg_dump -Fc`` for PostgreSQL, ``database.sqlite3``
from SQLite's online backup API, which copies a consistent snapshot even while
the site writes) and ``media/``. ``manage.py backup`` / ``manage.py restore``
(and ``make backup`` / ``make restore FILE=...``) are the front ends.
"""

import json
import os
import shutil
import sqlite3
# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass
class Summary:
    path: Path
    articles: int
    comments: int
    media_files: int


def _database(alias="default"):
    connection = connections[alias]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"不支持的数据库类型：{connection.vendor}（只支持 PostgreSQL 和 SQLite）")
    return connection


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


# --- PostgreSQL ------------------------------------------------------------


def _pg_tool(connection, name):
    """pg_dump/pg_restore of the server's major version: an older or newer
    client refuses the server or writes dumps the server cannot read."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    versioned = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    tool = str(versioned) if versioned.exists() else shutil.which(name)
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


# --- SQLite ----------------------------------------------------------------


def _sqlite_copy(source_path, target_path):
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _dump_sqlite(connection, target):
    _sqlite_copy(connection.settings_dict["NAME"], target)


def _restore_sqlite(connection, source, force):
    connection.close()
    _sqlite_copy(source, connection.settings_dict["NAME"])


# --- archive ---------------------------------------------------------------


def create_backup(directory, alias="default"):
    """Write ``newsportal-<UTC time>.tar.gz`` into ``directory``; returns a Summary."""
    connection = _database(alias)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    final = directory / f"newsportal-{stamp}.tar.gz"
    partial = final.with_name(final.name + ".part")
    media_root = _local_media_root()
    media_files = 0
    with tempfile.TemporaryDirectory(prefix="newsportal-backup-") as work:
        database_file = Path(work) / DATABASE_FILES[connection.vendor]
        (_dump_postgresql if connection.vendor == "postgresql" else _dump_sqlite)(connection, database_file)
        counts = _counts(connection)
        manifest = {"format": FORMAT, "created_at": stamp, "engine": connection.vendor, **counts}
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
        return [name for name in connection.introspection.table_names(cursor) if not name.startswith("sqlite_")]


def restore_backup(archive_path, force=False, alias="default"):
    """Load an archive into the database and MEDIA_ROOT; returns a Summary.

    Refuses a database that already has tables unless ``force``: a restore
    replaces what is there, and the wrong DATABASE_URL should not cost a site.
    """
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"找不到备份文件：{archive_path}")
    connection = _database(alias)
    tables = _existing_tables(connection)
    if tables and not force:
        raise BackupError(
            f"数据库 {connection.settings_dict['NAME']} 已有 {len(tables)} 张数据表，恢复会覆盖其中的内容。"
            "确认无误请加 --force（make restore FILE=... FORCE=1）。"
        )
    with tempfile.TemporaryDirectory(prefix="newsportal-restore-") as work, tarfile.open(archive_path, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT or manifest.get("engine") != connection.vendor:
            raise BackupError(
                f"这个备份来自 {manifest.get('engine')}，当前数据库是 {connection.vendor}：请恢复到同类数据库。"
            )
        database_name = DATABASE_FILES[connection.vendor]
        archive.extract(database_name, work, filter="data")
        source = Path(work) / database_name
        (_restore_postgresql if connection.vendor == "postgresql" else _restore_sqlite)(connection, source, force)
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
