"""Browsers and phones find the site's icon: /favicon.ico, and the 180 px
apple-touch-icon a phone puts on its home screen, in the site's red."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db

ICON_LINK = '<link rel="icon" href="/static/favicon.ico" sizes="any">'
TOUCH_ICON_LINK = '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">'


def accent_colour():
    """The stylesheet's --accent as an RGB tuple: the icons are meant to match it."""
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    hex_colour = re.search(r"--accent:\s*#([0-9a-fA-F]{6})", css).group(1)
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_every_page_links_the_icon_and_the_home_screen_icon(client, path):
    page = client.get(path).content.decode()

    assert ICON_LINK in page and TOUCH_ICON_LINK in page


def test_favicon_ico_at_the_root_leads_to_the_icon_file(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    with Image.open(finders.find("favicon.ico")) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_the_icons_wear_the_sites_accent_colour():
    with Image.open(finders.find("apple-touch-icon.png")) as touch:
        assert (touch.format, touch.size) == ("PNG", (180, 180))
        # iOS rounds the corners itself and would show transparent ones black.
        assert touch.convert("RGBA").getpixel((0, 0)) == (*accent_colour(), 255)
    with Image.open(finders.find("favicon.ico")) as icon:
        assert icon.convert("RGB").getpixel((24, 6)) == accent_colour()
