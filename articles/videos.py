"""Acceptance rules for an article's video, and how it is stored.

Browsers on every phone play one kind of file: H.264 video, with AAC sound or
none, in an MP4 container. An upload is accepted only when ffprobe (Debian's
``ffmpeg`` package) reads it as exactly that, within ``VIDEO_UPLOAD_MAX_BYTES``,
and ffmpeg can decode a frame of it for the poster; anything else (a text
file renamed .mp4, WebM/VP9, an MP4 holding MPEG-4 Part 2 video) gets a
message saying why. Only the MP4 parser of ffmpeg ever reads the bytes, and
only from the local file (no other protocol, no external references).

The video is stored as uploaded, under a generated name; the poster is a
JPEG that ffmpeg writes from a frame about a second in, next to it. Nothing
is transcoded: that would hold a web worker for minutes.

ffprobe and ffmpeg are run with a list of arguments (no shell) and a time
limit. Without them on the server an upload is refused with a message, and
``manage.py check`` warns (articles.checks).
"""

import json
import os
import shutil

# ffprobe and ffmpeg run with argument lists, never through a shell.
import subprocess  # nosec B404
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from articles.images import track_stored
from core.storage import MediaWriteFailed

ACCEPTED = "只接受 MP4 视频（H.264 视频编码，AAC 音频或无声）"
EXTENSIONS = {"mp4"}
# ffmpeg's name for the demuxer of MP4 (and QuickTime, 3GP): the only parser that reads uploads.
MP4_DEMUXER = "mp4"
QUICKTIME_BRAND = "qt"
PROBE_TIMEOUT = 30  # seconds; reading the headers of a sound file takes well under one
POSTER_TIMEOUT = 30
POSTER_AT = 1.0  # seconds into the video: past a fade from black
POSTER_MAX_WIDTH = 1280
MISSING_TOOLS = "服务器没有安装 ffmpeg（其中的 ffprobe 用来检查视频），暂时不能上传视频，请联系管理员。"


@dataclass
class VideoFacts:
    duration: float
    width: int
    height: int
    poster: bytes


def tools_missing():
    """The names of the programs this module needs that are not on PATH."""
    return [name for name in ("ffprobe", "ffmpeg") if shutil.which(name) is None]


def inspect_video(uploaded):
    """Return the ``VideoFacts`` of a valid upload, or raise ValidationError.

    ``uploaded`` is a file object with ``name`` and ``size`` (an
    UploadedFile, or a File around a local file). The facts are also kept on
    it as ``video_facts``, so storing it does not probe it a second time.
    """
    name = getattr(uploaded, "name", "") or ""
    _check_byte_size(getattr(uploaded, "size", None))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(
            ACCEPTED + "，文件“%(name)s”的扩展名不是 .mp4。", code="extension", params={"name": os.path.basename(name)}
        )
    if tools_missing():
        raise ValidationError(MISSING_TOOLS, code="no_ffprobe")
    with _local_path(uploaded) as path:
        probe = _probe(path)
        duration, width, height = _check_streams(probe)
        poster = _poster(path, min(POSTER_AT, duration / 2))
    facts = VideoFacts(duration=duration, width=width, height=height, poster=poster)
    uploaded.video_facts = facts
    return facts


def validate_video(field_file):
    """Model-field validator: ``field_file`` is the FieldFile being assigned."""
    if getattr(field_file, "_committed", False):
        return  # already stored: the article is being edited without a new upload
    inspect_video(getattr(field_file, "file", field_file))


def _check_byte_size(size):
    max_bytes = settings.VIDEO_UPLOAD_MAX_BYTES
    if size is not None and size > max_bytes:
        raise ValidationError(
            "视频太大（%(size)s），上限为 %(limit)s，请压缩或剪短后再上传。",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )


@contextmanager
def _local_path(uploaded):
    """A path ffprobe can read: the upload's own temporary file, else a copy.

    Django keeps small uploads in memory; only those are copied.
    """
    if hasattr(uploaded, "temporary_file_path"):
        yield uploaded.temporary_file_path()
        return
    if not isinstance(uploaded, UploadedFile) and os.path.isabs(uploaded.name or "") and os.path.isfile(uploaded.name):
        yield uploaded.name  # a File opened on a local path by our own code (the demo); never a client's name
        return
    with tempfile.NamedTemporaryFile(suffix=".mp4") as copy:
        uploaded.seek(0)
        for chunk in uploaded.chunks():
            copy.write(chunk)
        copy.flush()
        uploaded.seek(0)
        yield copy.name


def _run(arguments, timeout):
    """Run ffprobe or ffmpeg; ValidationError when it is missing or too slow."""
    try:
        # bandit: a fixed program and argument list, no shell; the only
        # outside value is the path of our own temporary file.
        return subprocess.run(  # nosec B603
            arguments, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise ValidationError(MISSING_TOOLS, code="no_ffprobe") from None
    except subprocess.TimeoutExpired:
        raise ValidationError(
            "检查视频超时（超过 %(seconds)s 秒），文件可能已损坏，请重新导出后再上传。",
            code="timeout",
            params={"seconds": timeout},
        ) from None


# Read only as MP4, only from the local file: no other demuxer sees the bytes,
# and a reference inside the file to a URL or another file is not followed.
_INPUT = ["-protocol_whitelist", "file", "-f", MP4_DEMUXER]


def _probe(path):
    finished = _run(
        ["ffprobe", "-v", "error", *_INPUT, "-print_format", "json", "-show_format", "-show_streams", f"file:{path}"],
        PROBE_TIMEOUT,
    )
    try:
        probe = json.loads(finished.stdout or b"{}")
    except ValueError:
        probe = {}
    if finished.returncode != 0 or not probe.get("format"):
        raise ValidationError(
            ACCEPTED + "。这个文件不是有效的 MP4 视频（可能是其他格式的视频、改了扩展名的其他文件，或视频已损坏）。",
            code="not_mp4",
        )
    return probe


def _check_streams(probe):
    """(duration, width, height) of a probe showing H.264 + AAC (or silence) in MP4."""
    brand = (probe["format"].get("tags") or {}).get("major_brand", "").strip()
    if brand == QUICKTIME_BRAND:
        raise ValidationError(ACCEPTED + "。这是 QuickTime（.mov）文件，请导出为 MP4 后再上传。", code="quicktime")
    streams = probe.get("streams") or []
    # A cover picture inside the file counts as a video stream; it is not the video.
    videos = [s for s in streams if s.get("codec_type") == "video" and not _is_attached_picture(s)]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    if len(videos) != 1:
        raise ValidationError(
            ACCEPTED + "。这个文件里%(found)s，请导出为只有一路画面的 MP4 后再上传。",
            code="video_streams",
            params={"found": "没有画面" if not videos else f"有 {len(videos)} 路画面"},
        )
    video = videos[0]
    if video.get("codec_name") != "h264":
        raise ValidationError(
            ACCEPTED + "。这个视频的画面编码是 %(codec)s，手机浏览器不一定能播放，请导出为 H.264 编码后再上传。",
            code="video_codec",
            params={"codec": video.get("codec_name") or "未知"},
        )
    for audio in audios:
        if audio.get("codec_name") != "aac":
            raise ValidationError(
                ACCEPTED + "。这个视频的声音编码是 %(codec)s，请导出为 AAC 音频后再上传。",
                code="audio_codec",
                params={"codec": audio.get("codec_name") or "未知"},
            )
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    duration = _duration(probe, video)
    if not (width and height and duration > 0):
        raise ValidationError(ACCEPTED + "。读不出这个视频的画面尺寸或时长，文件可能已损坏。", code="not_mp4")
    if _rotation(video) % 180 == 90:
        width, height = height, width  # a phone held upright: shown as portrait
    return duration, width, height


def _is_attached_picture(stream):
    return bool((stream.get("disposition") or {}).get("attached_pic"))


def _duration(probe, video):
    for value in (probe["format"].get("duration"), video.get("duration")):
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return 0.0


def _rotation(video):
    for side_data in video.get("side_data_list") or []:
        if "rotation" in side_data:
            return int(float(side_data["rotation"]))
    return int(float((video.get("tags") or {}).get("rotate", 0) or 0))


def _poster(path, at):
    """A JPEG of the frame at ``at`` seconds, upright, at most POSTER_MAX_WIDTH wide."""
    scale = f"scale='min({POSTER_MAX_WIDTH},iw)':-2"
    arguments = ["ffmpeg", "-nostdin", "-v", "error", *_INPUT, "-ss", f"{at:.3f}", "-i", f"file:{path}",
                 "-frames:v", "1", "-vf", scale, "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"]  # fmt: skip
    finished = _run(arguments, POSTER_TIMEOUT)
    if finished.returncode != 0 or not finished.stdout.startswith(b"\xff\xd8"):
        raise ValidationError(
            ACCEPTED + "。这个视频的画面无法解码，文件可能已损坏，请重新导出后再上传。", code="undecodable"
        )
    return finished.stdout


class VideoField(models.FileField):
    """A FileField for an article's MP4: a new upload is stored under a
    generated name, with its poster, duration and size written to the
    model's ``<name>_poster``, ``<name>_duration``, ``<name>_width`` and
    ``<name>_height`` fields; clearing the video clears those too.

    Declare those fields after this one: Django prepares fields in order.
    """

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if not file:
            self._set_facts(model_instance, poster="", facts=None)
            return file
        if file._committed:
            return file
        facts = getattr(file.file, "video_facts", None) or inspect_video(file.file)
        stem = uuid.uuid4().hex
        try:
            file.save(f"{stem}.mp4", file.file, save=False)
            track_stored(file.storage, file.name)
            poster_name = self.storage.save(f"{os.path.dirname(file.name)}/{stem}.jpg", ContentFile(facts.poster))
            track_stored(self.storage, poster_name)
        except MediaWriteFailed as failure:
            failure.message = failure.message.replace("图片", "视频", 1)  # the storage speaks of pictures
            raise
        self._set_facts(model_instance, poster=poster_name, facts=facts)
        return file

    def generate_filename(self, instance, filename):
        # upload_to's date folders, our name: the uploader's file name never reaches the disk.
        folder = timezone.now().strftime(str(self.upload_to))
        return self.storage.generate_filename(f"{folder}{os.path.basename(filename)}")

    def _set_facts(self, instance, poster, facts):
        setattr(instance, f"{self.name}_poster", poster)
        setattr(instance, f"{self.name}_duration", facts.duration if facts else None)
        setattr(instance, f"{self.name}_width", facts.width if facts else None)
        setattr(instance, f"{self.name}_height", facts.height if facts else None)
