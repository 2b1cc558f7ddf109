"""Upload files for image tests: real images, fakes and hand-built PNG headers."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML_WITH_PNG_HEADER = PNG_SIGNATURE + b"<html><script>alert(document.cookie)</script></html>"


def image_bytes(image_format, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming_size(width, height):
    """A few hundred bytes whose header announces ``width``×``height`` grey pixels.

    The pixel data is a short valid zlib stream; the file is rejected (or
    truncated) long before anything would decode that many pixels.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return PNG_SIGNATURE + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")


# --- Polyglots: valid pictures whose metadata carries markup (issue 23) -------

IMG_ONERROR = b"<img src=x onerror=alert(document.domain)>"
META_REFRESH = b'<meta http-equiv="refresh" content="0;url=https://evil.example/">'
UTF16_SCRIPT = "<script>alert(document.cookie)</script>".encode("utf-16-le")
PHP_SHORT_TAG = b"<?= system($_GET['c']) ?>"


def jpeg_with_comment(comment, size=(40, 30)):
    """A JPEG whose COM segment holds ``comment``."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG", comment=comment)
    return buffer.getvalue()


def jpeg_with_exif(description=b"", orientation=None, size=(40, 30)):
    """A JPEG with an EXIF ImageDescription and, if given, an Orientation tag.

    The left half is black and the right half white, so a rotation shows.
    """
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste((0, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if description:
        exif[0x010E] = description.decode("latin-1")
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()


def png_with_text(key, text):
    """A PNG with a tEXt chunk ``key`` holding ``text``."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(key, text)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 200, 30)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def gif_with_comment(comment, frames=1):
    """A GIF (animated when ``frames`` > 1) with ``comment`` in its comment extension."""
    pictures = [Image.new("RGB", (40, 30), (80 * n, 30, 30)) for n in range(frames)]
    buffer = io.BytesIO()
    pictures[0].save(
        buffer, format="GIF", comment=comment, save_all=frames > 1, append_images=pictures[1:], duration=120, loop=0
    )
    return buffer.getvalue()
