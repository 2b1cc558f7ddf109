"""Acceptance rules for every image a person uploads.

Only real raster images are accepted: the bytes must decode fully with Pillow
as JPEG, PNG, GIF or WebP, within the configured size and pixel limits.
Pillow's decompression-bomb warning is treated as an error. SVG, HTML with an
image header and anything else get a message saying why.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}


def inspect_image(uploaded):
    """Return Pillow's format name for a valid upload, or raise ValidationError."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            "图片太大（%(size)s），上限为 %(limit)s。",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError("只接受 JPEG、PNG、GIF 或 WebP 图片，文件“%(name)s”的扩展名不对。", code="extension", params={"name": name})
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                image_format = image.format
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        "图片尺寸太大（%(width)s×%(height)s 像素），上限为 %(limit)s 像素。",
                        code="too_many_pixels",
                        params={"width": width, "height": height, "limit": f"{max_pixels:,}"},
                    )
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError("只接受 JPEG、PNG、GIF 或 WebP 图片，这个文件是 %(format)s。", code="format", params={"format": image_format})
                image.load()  # decode every byte: a truncated or polyglot file fails here
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError("图片像素过多，疑似“解压炸弹”，已拒绝。", code="bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("文件不是有效的图片（可能是 SVG、HTML 或已损坏的文件）。", code="invalid") from None
    finally:
        uploaded.seek(0)
    return image_format


def validate_raster_image(field_file):
    """Model-field validator: ``field_file`` is the FieldFile being assigned."""
    if getattr(field_file, "_committed", False):
        return  # already stored: the article is being edited without a new upload
    inspect_image(getattr(field_file, "file", field_file))
