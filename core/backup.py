"""One-file backups of the database and the uploaded media, and their restore.

An archive is a ``.tar.gz`` holding ``manifest.json``, the database
(``database.dump`` from ``pg_dump -Fc``, a consistent snapshot even while the
site writes) and ``media/``. ``manage.py backup`` / ``manage.py restore``
(and ``make backup`` / ``make restore FILE=...``) are the front ends.
"""

import gzip
import json
import os
import shutil

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
import zlib
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
    The whole archive is unpacked and checked (``_unpack_checked``) before
    the database or the media folder is touched.
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
    with tempfile.TemporaryDirectory(prefix="newsportal-restore-") as work:
        work = Path(work)
        _unpack_checked(archive_path, work)
        _check_dump(connection, work / DATABASE_FILE)
        _restore_postgresql(connection, work / DATABASE_FILE, force)
        media_files = _restore_media(work / "media")
    counts = _counts(connection)
    return Summary(archive_path, counts["articles"], counts["comments"], media_files)


def _restore_media(unpacked):
    media_root = _local_media_root()
    files = sorted(path for path in unpacked.rglob("*") if path.is_file()) if unpacked.is_dir() else []
    if media_root is None:
        return 0
    for path in files:
        target = media_root / path.relative_to(unpacked)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
    return len(files)


# --- checks before anything is written --------------------------------------

UNTOUCHED = "数据库和媒体文件都没有改动。"


def _refuse(reason):
    """A one-line BackupError: the operator reads it as the command's last line."""
    raise BackupError(f"{' '.join(reason.split())}，{UNTOUCHED}")


def _unpack_checked(archive_path, work):
    """Unpack the archive into ``work`` after checking every byte and member name."""
    _check_compressed_stream(archive_path)
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(member)
            names = {member.name for member in members}
            for needed in ("manifest.json", DATABASE_FILE):
                if needed not in names:
                    _refuse(f"备份文件缺少 {needed}，不是完整的 manage.py backup 备份")
            archive.extractall(work, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        _refuse(f"备份文件已损坏，无法解包（{error}）")
    _check_manifest(work / "manifest.json")


def _check_compressed_stream(archive_path):
    # Reading to the end checks gzip's length and CRC: a truncated or altered
    # archive fails here, not half-way through a restore.
    try:
        with gzip.open(archive_path, "rb") as stream:
            while stream.read(1024 * 1024):
                pass
    except (EOFError, OSError, zlib.error) as error:
        _refuse(f"备份文件不完整或已损坏：压缩数据读不到正确的结尾（{error}）")


def _check_member(member):
    """Only what ``create_backup`` writes: two files and regular files under media/."""
    name = member.name
    parts = name.split("/")
    if name.startswith("/") or ".." in parts or "\\" in name or not all(parts):
        _refuse(f"备份文件里有不安全的路径“{name}”，可能被篡改过")
    if not member.isfile():
        _refuse(f"备份文件里的“{name}”不是普通文件（链接、目录或设备），可能被篡改过")
    if name not in ("manifest.json", DATABASE_FILE) and not (name.startswith("media/") and len(parts) > 1):
        _refuse(f"备份文件里有不该有的“{name}”（只应有 manifest.json、{DATABASE_FILE} 和 media/ 下的文件）")


def _check_manifest(path):
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        _refuse(f"备份文件里的 manifest.json 无法读取（{error}）")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("engine") != "postgresql":
        engine = manifest.get("engine") if isinstance(manifest, dict) else None
        _refuse(f"这个备份来自 {engine}，不是本站格式 {FORMAT} 的 PostgreSQL 备份，无法恢复")


def _check_dump(connection, dump):
    """Read the whole dump as pg_restore will, without a database.

    ``--list`` reads only the table of contents at its start; restoring to
    /dev/null also decompresses every table's data, so a dump cut or damaged
    after its header is caught too.
    """
    tool = _pg_tool(connection, "pg_restore")
    for options in (["--list"], ["--file", os.devnull]):
        # Safe: the tool path comes from _pg_tool and the dump is our own temporary file, no shell.
        result = subprocess.run([tool, *options, str(dump)], capture_output=True, text=True)  # nosec B603
        if result.returncode != 0:
            first_line = (result.stderr.strip().splitlines() or ["没有输出"])[0]
            _refuse(f"备份里的数据库文件已损坏（{first_line}）")
