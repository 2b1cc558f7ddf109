"""System checks of the articles app: what ``manage.py check`` should warn about."""

from django.core.checks import Warning, register

from articles.videos import tools_missing


@register()
def video_tools(app_configs, **kwargs):
    """Videos are checked by ffprobe and given a poster by ffmpeg; without
    them every video upload is refused (with a message), so say so early."""
    missing = tools_missing()
    if not missing:
        return []
    return [
        Warning(
            f"找不到 {'、'.join(missing)}：文章视频的上传都会被拒绝。",
            hint="安装 Debian/Ubuntu 软件包 ffmpeg（apt-get install ffmpeg），它同时提供 ffprobe 和 ffmpeg。",
            id="articles.W001",
        )
    ]
