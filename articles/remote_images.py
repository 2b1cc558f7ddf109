"""Pictures pasted from other sites, brought into the media library on save.

A picture copied out of a WeChat article shows in the editor but points at
mmbiz.qpic.cn, which the reader pages' Content-Security-Policy does not
allow (and which may vanish or refuse other sites' readers). When an article
is saved in the admin, each such picture is fetched, checked and re-encoded
exactly like an upload (``articles.images``), stored beside the editor's
uploads, and its ``src`` rewritten. A picture that cannot be brought home
is taken out of the body and named to the journalist, with the reason.

Whoever writes the body chooses the address fetched, so the fetch must not
become a way into the server's own network (SSRF): only http and https;
every address the host name resolves to must be public (no loopback,
private, shared, link-local, multicast or reserved range: 169.254.169.254,
the cloud metadata service, is link-local), checked after the DNS lookup and
again at every redirect; the connection goes to the address that was
checked, so a second lookup cannot answer differently; a timeout and a byte
cap. ``REMOTE_IMAGE_TEST_ADDRESSES`` lets the tests' loopback server through
and is empty unless a test sets it.
"""

import http.client
import io
import ipaddress
import posixpath
import socket
import ssl
import time
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from PIL import Image, UnidentifiedImageError

from articles.body_images import ATTRIBUTE, IMG_TAG
from articles.images import ALLOWED_FORMATS, STORED_EXTENSION, inspect_image, reencode, track_stored
from articles.sanitize import sanitize_body

FETCH_TIMEOUT_SECONDS = 5
# However many pictures were pasted, one save waits at most this long for them.
SAVE_BUDGET_SECONDS = 20
MAX_REDIRECTS = 3
MAX_PICTURES_PER_SAVE = 40
REDIRECTS = {301, 302, 303, 307, 308}


class NotBroughtHome(Exception):
    """Why one picture stays out of the body, in words for the journalist."""


@dataclass
class LeftOut:
    url: str
    reason: str

    def __str__(self):
        return f"{self.url}（{self.reason}）"


def bring_home(body):
    """``body`` (sanitized) with other sites' pictures stored here, and the ones left out.

    Returns ``(body, left_out)``; ``left_out`` lists a ``LeftOut`` per picture
    that was removed from the body. Call it inside ``images.undone_on_error``
    so the stored files go again if the save that follows fails.
    """
    body = sanitize_body(body or "")
    if "<img" not in body:
        return body, []
    brought, left_out = {}, {}
    deadline = time.monotonic() + SAVE_BUDGET_SECONDS

    def replace(match):
        attributes = {name: unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))}
        url = attributes.get("src", "")
        if not is_elsewhere(url):
            return match.group(0)
        if url not in brought and url not in left_out:
            try:
                if len(brought) + len(left_out) >= MAX_PICTURES_PER_SAVE:
                    raise NotBroughtHome(f"一次保存最多取回 {MAX_PICTURES_PER_SAVE} 张外站图片")
                brought[url] = store(fetch(url, deadline))
            except NotBroughtHome as refusal:
                left_out[url] = LeftOut(url, str(refusal))
        if url in left_out:
            return ""
        attributes["src"] = brought[url]
        return "<img " + " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items()) + ">"

    return IMG_TAG.sub(replace, body), list(left_out.values())


def is_elsewhere(src):
    """True for a picture on another site (not a path here, not our own host)."""
    if src.startswith(settings.MEDIA_URL) and not src.startswith("//"):
        return False
    if urlsplit(src).scheme not in ("http", "https", "") or not src.strip():
        return False
    return not url_has_allowed_host_and_scheme(src, allowed_hosts=set(settings.ALLOWED_HOSTS))


def fetch(url, deadline):
    """The bytes at ``url``, following at most ``MAX_REDIRECTS`` redirects, each checked."""
    url = "https:" + url if url.startswith("//") else url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NotBroughtHome("只能取回 http 或 https 地址的图片")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise NotBroughtHome("图片地址的端口无效") from None
        address = public_address(parts.hostname, port)
        timeout = min(FETCH_TIMEOUT_SECONDS, deadline - time.monotonic())
        if timeout <= 0:
            raise NotBroughtHome("本次保存取回外站图片的时间已用完，请再保存一次或改为上传")
        connection = _pinned_connection(parts.scheme, parts.hostname, address, port, timeout)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            # No Referer: picture hosts such as WeChat's refuse other sites' pages, not a plain fetch.
            connection.request("GET", path, headers={"Host": parts.netloc.rsplit("@", 1)[-1], "Accept": "image/*",
                                                     "User-Agent": "newsportal-image-fetch/1.0"})  # fmt: skip
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise NotBroughtHome(f"对方网站答复 HTTP {response.status}")
            return _read_capped(response)
        except (OSError, http.client.HTTPException) as error:
            raise NotBroughtHome(_network_reason(error)) from None
        finally:
            connection.close()
    raise NotBroughtHome(f"跳转超过 {MAX_REDIRECTS} 次")


def public_address(host, port):
    """The first address of ``host``, refused unless every one of them is public."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise NotBroughtHome("找不到这个网站（域名无法解析）") from None
    addresses = [info[4][0] for info in found]
    allowed = set(settings.REMOTE_IMAGE_TEST_ADDRESSES)
    for address in addresses:
        if address not in allowed and not is_public(address):
            raise NotBroughtHome("图片地址指向内网或本机，出于安全原因不取回")
    return addresses[0]


def is_public(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def store(data):
    """Check ``data`` like an upload, store it re-encoded, return its URL."""
    image_format = _format_of(data)
    picture = ContentFile(data, name=f"pasted.{STORED_EXTENSION[image_format]}")
    try:
        inspect_image(picture)
        clean = reencode(picture)
    except ValidationError as refusal:
        raise NotBroughtHome(" ".join(refusal.messages)) from None
    folder = posixpath.join(settings.CKEDITOR_UPLOAD_PATH, "pasted", timezone.localdate().strftime("%Y/%m/%d"))
    name = default_storage.save(posixpath.join(folder, clean.name), clean)
    track_stored(default_storage, name)
    return default_storage.url(name)


def _format_of(data):
    try:
        with Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS)) as image:
            return image.format
    except (UnidentifiedImageError, OSError, ValueError):
        raise NotBroughtHome("取回的不是 JPEG、PNG、GIF 或 WebP 图片") from None


def _read_capped(response):
    cap = settings.IMAGE_UPLOAD_MAX_BYTES
    too_large = NotBroughtHome(f"图片超过上传上限 {filesizeformat(cap)}")
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    data = response.read(cap + 1)
    if len(data) > cap:
        raise too_large
    return data


def _network_reason(error):
    if isinstance(error, TimeoutError | socket.timeout):
        return "对方网站响应超时"
    if isinstance(error, ssl.SSLError):
        return "对方网站的 HTTPS 证书无效"
    return "连接对方网站失败"


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address already checked, never looking the name up again."""

    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout)
        self.checked_address = address

    def connect(self):
        self.sock = socket.create_connection((self.checked_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.checked_address = address

    def connect(self):
        sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _pinned_connection(scheme, host, address, port, timeout):
    kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    return kind(host, address, port, timeout)
