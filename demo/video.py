"""The demo's video: a published 乐至 story carrying a short real MP4.

The clip is made at seed time by ffmpeg (its test pattern and a tone, H.264
and AAC, 640×360, five seconds) and stored the way an upload is: probed,
given a poster and a generated name (articles.videos). Without ffmpeg the
story is skipped with one line; the rest of the demo does not need it.
"""

import subprocess  # nosec B404
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone

from articles.models import Article, Byline
from articles.videos import tools_missing

TITLE = "视频｜航拍乐至：万亩桑园春意浓"
LEZHI = "512022"
CLIP = ["-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-profile:v", "main", "-c:a", "aac", "-b:a", "64k",
        "-movflags", "+faststart"]  # fmt: skip


def ensure_video_story(regions, newsroom, stdout):
    lezhi = regions.get(LEZHI)
    if lezhi is None or Article.objects.filter(title=TITLE).exists():
        return
    if missing := tools_missing():
        stdout.write(f"没有找到 {'、'.join(missing)}（Debian 软件包 ffmpeg），跳过演示视频。")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lezhi-sangyuan.mp4"
        # bandit: ffmpeg with a fixed argument list, no shell.
        made = subprocess.run(  # nosec B603 B607
            ["ffmpeg", "-nostdin", "-v", "error", "-y", *CLIP, str(path)], capture_output=True, timeout=120, check=False
        )
        if made.returncode != 0:
            stdout.write(f"ffmpeg 没能生成演示视频，跳过：{made.stderr.decode(errors='replace').strip()[:200]}")
            return
        with path.open("rb") as clip:
            try:
                article = _story(lezhi, newsroom, File(clip, name=str(path)))
            except ValidationError as refused:
                stdout.write(f"演示视频没有通过检查，跳过：{' '.join(refused.messages)}")
                return
    stdout.write(f"新建视频新闻《{article.title}》（时长 {article.video_length}）。")


def _story(region, newsroom, clip):
    article = Article(
        title=TITLE,
        summary="春日的乐至县，连片桑园抽出新芽。记者用无人机记录下蚕桑之乡的田野风光。",
        body=(
            "<p>连日来，乐至县各地桑园新芽吐绿，蚕农们忙着施肥、修枝，为春蚕饲养做准备。</p>"
            "<p>记者跟随无人机的镜头，从空中俯瞰成片的桑园，感受蚕桑之乡的春日生机。</p>"
        ),
        region=region,
        column=newsroom.columns["tuwen"],
        source=newsroom.sources["乐至县融媒体中心"],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=2),
        created_by=newsroom.users["editor"],
        video=clip,
        video_caption="航拍乐至县桑园（演示视频：测试画面）",
    )
    article.full_clean()  # the same checks as the admin's form, the probe included
    article.save()
    Byline.objects.create(article=article, author=newsroom.authors["唐伟"], role=Byline.Role.PHOTOGRAPHY)
    article.tags.add("蚕桑", "视频")
    return article
