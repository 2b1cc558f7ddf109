"""Media files written whole or not at all.

Django's ``FileSystemStorage`` writes an upload straight under its final
name, so a full or read-only disk leaves a truncated picture that the site
then links to. ``AtomicFileSystemStorage`` writes to a hidden temporary name
in the same directory and links it to the final name only once every byte is
on disk; on any error the temporary file is deleted and ``MediaWriteFailed``
says in Chinese what went wrong, for the form or the editor to show.
"""

import errno
import os
import uuid

from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

REASONS = {
    errno.ENOSPC: "存储空间已满",
    errno.EDQUOT: "存储空间已满",
    errno.EROFS: "存储只读",
    errno.EACCES: "没有写入存储的权限",
    errno.EPERM: "没有写入存储的权限",
}
# What os.link raises on file systems without hard links (some network and FUSE mounts).
NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


class MediaWriteFailed(OSError):
    """A media file could not be written; ``str()`` is the message for the journalist."""

    def __init__(self, cause):
        super().__init__(cause.errno, cause.strerror)
        reason = REASONS.get(cause.errno, f"存储出错（{cause.strerror or cause}）")
        self.message = f"图片保存失败：{reason}，请联系管理员。"

    def __str__(self):
        return self.message


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return self._save_whole(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            raise MediaWriteFailed(error) from error

    def _save_whole(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        temporary = os.path.join(directory, f".{uuid.uuid4().hex}.part")
        try:
            self._write(temporary, content)
            name = self._link(temporary, name)
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)
        full_path = self.path(name)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _write(self, path, content):
        # 0o666 like Django: the umask decides, so nginx can read what is served.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as file:
            for chunk in content.chunks():
                file.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            file.flush()
            # A disk that fills up may only say so here, not on write().
            os.fsync(file.fileno())

    def _link(self, temporary, name):
        """Give the complete file its final name, never replacing another file.

        ``os.link`` fails when the name is taken (``os.replace`` would
        overwrite), so two uploads racing for one name both survive, as with
        Django's own ``O_EXCL``.
        """
        while True:
            try:
                os.link(temporary, self.path(name))
                return name
            except FileExistsError:
                if self._allow_overwrite:
                    os.replace(temporary, self.path(name))
                    return name
                name = self.get_available_name(name)
            except OSError as error:
                if error.errno not in NO_HARD_LINKS:
                    raise
                name = self.get_available_name(name)
                os.rename(temporary, self.path(name))
                return name
