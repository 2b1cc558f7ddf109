"""Real video files for the video tests, made by ffmpeg once per test session.

Each is a second or two of ffmpeg's test picture and a tone: small enough to
post in a test, real enough that ffprobe reads them as a phone would send them.
"""

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PICTURE = ["-f", "lavfi", "-i", "testsrc=size=320x180:rate=25"]
TONE = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]
H264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast"]

# file name -> ffmpeg's arguments between the inputs and the output
KINDS = {
    # what a phone or an editing program exports: H.264 + AAC in MP4
    "h264-aac.mp4": [*PICTURE, *TONE, *H264, "-c:a", "aac", "-movflags", "+faststart"],
    "h264-silent.mp4": [*PICTURE, *H264, "-an"],
    "vp9.webm": [*PICTURE, *TONE, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus"],
    "mpeg4-part2.mp4": [*PICTURE, *TONE, "-c:v", "mpeg4", "-c:a", "aac"],
    "h264-mp3.mp4": [*PICTURE, *TONE, *H264, "-c:a", "libmp3lame"],
    "quicktime.mov": [*PICTURE, *H264, "-an", "-f", "mov"],
}


def make_video(path, arguments, seconds=2):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments, "-t", str(seconds), str(path)], check=True, timeout=60)
    return Path(path)


@pytest.fixture(scope="session")
def video_files(tmp_path_factory):
    """{name: bytes} of every kind in KINDS."""
    folder = tmp_path_factory.mktemp("videos")
    files = {name: make_video(folder / name, arguments) for name, arguments in KINDS.items()}
    # A phone held upright: stored 320×180, with a display rotation of 90°.
    files["h264-portrait.mp4"] = make_video(
        folder / "h264-portrait.mp4",
        ["-i", str(files["h264-silent.mp4"]), "-c", "copy", "-metadata:s:v:0", "rotate=90"],
    )
    return {name: path.read_bytes() for name, path in files.items()}


def video_upload(name, content):
    return SimpleUploadedFile(name, content, content_type="video/mp4")
