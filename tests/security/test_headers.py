"""What every response tells the browser: CSP, no sniffing, no framing, little referrer."""

import pytest
from django.urls import reverse

from core.pagecache import HEADER
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_reader_pages_forbid_inline_script_plugins_and_framing(client):
    article = ArticleFactory()

    for url in ("/", article.get_absolute_url(), reverse("search") + "?q=乐至"):
        policy = directives(client.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]


def test_the_admin_gets_the_looser_policy_ckeditor_needs_and_nothing_foreign(client):
    policy = directives(client.get(reverse("admin:login")))

    assert policy["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_media_on_object_storage_may_be_shown(client, settings):
    from core.security import reader_policy

    settings.MEDIA_URL = "https://img.example.cn/media/"

    assert "https://img.example.cn" in reader_policy()


def test_every_page_refuses_sniffing_framing_and_powerful_features(client):
    for url in ("/", reverse("admin:login"), reverse("feed-latest"), "/no-such-page/"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url


def test_cached_pages_carry_the_headers_too(client):
    ArticleFactory()
    first = client.get("/")

    again = client.get("/")

    assert again[HEADER] == "HIT"
    for header in ["Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options",
                   "Referrer-Policy", "Cross-Origin-Opener-Policy"]:  # fmt: skip
        assert again[header] == first[header], header


def test_the_csrf_cookie_is_not_readable_by_script(client):
    response = client.get(reverse("comments:token"))

    assert response.cookies["csrftoken"]["httponly"] is True
