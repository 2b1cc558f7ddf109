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
