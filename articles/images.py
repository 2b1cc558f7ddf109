"""Acceptance rules for every image a person uploads, and how it is stored.

Only real raster images are accepted: the bytes must decode fully with Pillow
as JPEG, PNG, GIF or WebP, within the configured size and pixel limits, and
the file name must end in the extension of the format found inside. Pillow's
decompression-bomb warning is treated as an error. SVG, HTML with an image
header and anything else get a message saying why, and so does a picture
that carries HTML or script alongside its pixels (a polyglot).

What is stored is never the upload itself: ``reencode`` decodes it and has
Pillow write the pixels again (EXIF orientation applied; EXIF, XMP, ICC,
comments and text chunks left behind) under a generated name with the
extension of its format. Markup hidden where the check above does not look
(``<img onerror>`` in a JPEG comment, UTF-16 ``<script>``, ``<?=`` in a GIF)
and a name like ``shell.php.gif`` therefore never reach the media folder.
"""

import io
import uuid
import warnings
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name -> file name extensions that may carry it.
ALLOWED_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}, "WEBP": {"webp"}}
ALLOWED_EXTENSIONS = set().union(*ALLOWED_FORMATS.values())
ACCEPTED = "只接受 JPEG、PNG、GIF 或 WebP 图片"
STORED_EXTENSION = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# Lossy formats are written at this quality: close to a camera's own, and a
# picture uploaded twice does not visibly degrade.
QUALITY = 90


def inspect_image(uploaded):
    """Return Pillow's format name for a valid upload, or raise ValidationError.

    ``uploaded`` is any file object with ``name`` and ``size`` (an
    UploadedFile); it is left rewound for whoever stores it next.
    """
    name = getattr(uploaded, "name", "") or ""
    _check_byte_size(getattr(uploaded, "size", None))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            ACCEPTED + "，文件“%(name)s”的扩展名不是 .jpg、.png、.gif 或 .webp。",
            code="extension",
            params={"name": name},
        )
    uploaded.seek(0)
    try:
        image_format = _decode(uploaded)
        uploaded.seek(0)
        _check_no_markup(uploaded)
    finally:
        uploaded.seek(0)
    if extension not in ALLOWED_FORMATS[image_format]:
        raise ValidationError(
            "文件“%(name)s”实际是 %(format)s 图片，扩展名却是 .%(extension)s，请改成正确的扩展名后再上传。",
            code="extension_mismatch",
            params={"name": name, "format": image_format, "extension": extension},
        )
    return image_format


def _check_byte_size(size):
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if size is not None and size > max_bytes:
        raise ValidationError(
            "图片太大（%(size)s），上限为 %(limit)s，请压缩后再上传。",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )


def _check_pixels(width, height):
    # Never above Pillow's bomb threshold: warning filters are process-wide,
    # so in a threaded server this check, not the warning, is the guarantee.
    max_pixels = min(settings.IMAGE_UPLOAD_MAX_PIXELS, Image.MAX_IMAGE_PIXELS)
    if width * height > max_pixels:
        raise ValidationError(
            "图片尺寸太大（%(width)s×%(height)s 像素），上限为 %(limit)s 像素，请缩小后再上传。",
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": f"{max_pixels:,}"},
        )


@contextmanager
def _opened(uploaded):
    """The upload opened by Pillow, within our limits; ValidationError if it is no picture."""
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only the four parsers we accept ever see the bytes, so an exotic
            # format's decoder bugs are out of reach.
            with Image.open(uploaded, formats=list(ALLOWED_FORMATS)) as image:
                _check_pixels(*image.size)  # from the header, before decoding a pixel
                _check_frames(image)
                yield image
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError("图片像素多得异常，疑似“解压炸弹”，已拒绝。", code="bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            ACCEPTED + "。这个文件不是有效的图片（可能是 SVG、网页、改了扩展名的其他文件，或图片已损坏）。",
            code="invalid",
        ) from None


def _check_frames(image):
    # Re-encoding decodes every frame of an animation, so all of them count.
    frames = getattr(image, "n_frames", 1)
    width, height = image.size
    max_pixels = min(settings.IMAGE_UPLOAD_MAX_PIXELS, Image.MAX_IMAGE_PIXELS)
    if frames > 1 and frames * width * height > max_pixels:
        raise ValidationError(
            "动图太大（%(frames)s 帧，每帧 %(width)s×%(height)s 像素），所有帧合计上限为 %(limit)s 像素，请减少帧数或缩小后再上传。",
            code="too_many_frames",
            params={"frames": frames, "width": width, "height": height, "limit": f"{max_pixels:,}"},
        )


def _decode(uploaded):
    """Decode the whole image and return its format; raise ValidationError if it is not one."""
    with _opened(uploaded) as image:
        image.load()  # decode every byte: a truncated or disguised file fails here
        return image.format


# Markup that turns a valid picture into a polyglot: harmless as image/jpeg
# with nosniff, but not if a proxy, object store or old browser ever serves
# or sniffs it as HTML. Seven or more fixed bytes: compressed pixel data
# practically never contains them by chance.
POLYGLOT_MARKERS = (b"<script", b"<html", b"<?php", b"<svg", b"<!doctype", b"<iframe", b"<body", b"javascript:")
_CHUNK = 1024 * 1024


def _check_no_markup(uploaded):
    overlap = max(len(marker) for marker in POLYGLOT_MARKERS)
    tail = b""
    while chunk := uploaded.read(_CHUNK):
        window = (tail + chunk).lower()
        if any(marker in window for marker in POLYGLOT_MARKERS):
            raise ValidationError(
                "这个图片文件里夹带了网页或脚本代码，已拒绝。请用看图或修图软件重新导出后再上传。",
                code="polyglot",
            )
        tail = window[-overlap:]


def validate_raster_image(field_file):
    """Model-field validator: ``field_file`` is the FieldFile being assigned."""
    if getattr(field_file, "_committed", False):
        return  # already stored: the article is being edited without a new upload
    inspect_image(getattr(field_file, "file", field_file))


def reencode(uploaded, max_size=None):
    """A new file holding only the pixels of ``uploaded``, as Pillow writes them.

    Same format; EXIF orientation applied; no metadata; every frame of an
    animation with its timing. ``max_size`` (width, height) makes a
    still thumbnail of the first frame instead. The result is named
    ``<32 hex digits>.<extension of the format>`` and, like any upload,
    must carry no markup (``_check_no_markup``) even after this.
    """
    with _opened(uploaded) as image:
        image_format, loop = image.format, image.info.get("loop")
        if getattr(image, "n_frames", 1) > 1 and max_size is None:
            frames, durations = [], []
            for frame in ImageSequence.Iterator(image):  # one pass: each frame is decoded once
                frames.append(_bare(frame))
                durations.append(frame.info.get("duration", 100))
            options = {"save_all": True, "append_images": frames[1:], "duration": durations}
            if loop is not None:
                options["loop"] = loop
        else:
            frames, options = [_upright(image)], {}
            if max_size:
                frames[0].thumbnail(max_size)
    buffer = io.BytesIO()
    quality = {"quality": QUALITY} if image_format in ("JPEG", "WEBP") else {}
    frames[0].save(buffer, format=image_format, **quality, **options)
    buffer.seek(0)
    _check_no_markup(buffer)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{STORED_EXTENSION[image_format]}")


def _upright(image):
    image.load()
    return _bare(ImageOps.exif_transpose(image))


def _bare(frame):
    """A copy of the frame's pixels (and palette) with none of its metadata.

    Pillow writes a JPEG's or a GIF's comment again from ``info`` unless told
    otherwise, so ``info`` is emptied. Only transparency given as one colour
    is kept; a palette's per-entry alpha (bytes we would copy unchecked) is
    turned into an alpha channel instead.
    """
    transparency = frame.info.get("transparency")
    if frame.mode == "P" and isinstance(transparency, bytes):
        frame, transparency = frame.convert("RGBA"), None
    bare = frame.copy()
    bare.info = {} if transparency is None else {"transparency": transparency}
    return bare


# Pictures stored inside the innermost ``undone_on_error()`` block, as (storage, name).
_stored = ContextVar("stored_pictures", default=None)


@contextmanager
def undone_on_error():
    """Delete the pictures stored inside the block again if the block raises.

    The rows naming them are rolled back with the transaction, so the files
    would stay in the media folder linked from nowhere (a cover stored before
    a photo of the same article found the disk full, say).
    """
    stored = []
    token = _stored.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            with suppress(OSError):
                storage.delete(name)
        raise
    finally:
        _stored.reset(token)


def track_stored(storage, name):
    """Have the innermost ``undone_on_error()`` block delete this file if it raises."""
    if (stored := _stored.get()) is not None:
        stored.append((storage, name))


class ReencodedImageField(models.ImageField):
    """An ImageField that stores a new upload as ``reencode`` writes it.

    Files already stored (an article edited later) are left as they are.
    """

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode(file.file)
            file.save(clean.name, clean, save=False)
            track_stored(file.storage, file.name)
        return file
