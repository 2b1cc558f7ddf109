"""Password guessing at the admin login: five wrong tries lock that name from that address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.articles.newsroom import staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUESSER = "203.0.113.66"


@pytest.fixture
def editor():
    return UserFactory(username="editor-wang", is_staff=True)


def log_in(client, password, ip=GUESSER, username="editor-wang"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def guess(client, times, ip=GUESSER):
    """The status of each wrong try: the form again (200) until the lock (429)."""
    return [log_in(client, f"wrong-{n}", ip=ip).status_code for n in range(times)]


def test_five_wrong_passwords_lock_out_even_the_right_one(client, editor):
    assert guess(client, 5) == [200, 200, 200, 200, 429]

    locked = log_in(client, "newsportal-test")

    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()
    assert "请 15 分钟后再试" in locked.content.decode()  # AXES_COOLOFF_MINUTES' default
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_logs_in_and_resets_the_count(client, editor):
    guess(client, 4)

    assert log_in(client, "newsportal-test").status_code == 302
    client.logout()
    guess(client, 4)
    assert log_in(client, "newsportal-test").status_code == 302


def test_the_lock_is_per_address_so_a_guesser_cannot_lock_the_editor_out_of_the_office(client, editor):
    guess(client, 5)

    assert log_in(client, "newsportal-test", ip="198.51.100.5").status_code == 302


def test_the_lock_is_per_name_so_other_staff_can_still_log_in_from_a_shared_address(client, editor):
    UserFactory(username="editor-li", is_staff=True)
    guess(client, 5)

    assert log_in(client, "newsportal-test", username="editor-li").status_code == 302


def test_forwarded_for_headers_do_not_buy_fresh_tries(client, editor):
    for n in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "editor-wang", "password": f"wrong-{n}"},
            REMOTE_ADDR=GUESSER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )

    assert log_in(client, "newsportal-test").status_code == 429


# --- Who clears a lockout, and where a login lands (issue 23, item 9) -------


def test_an_editor_clears_a_colleagues_lockout_under_access_attempts(client, editor):
    """The README promised editors this; the 编辑 group got 403 there."""
    guess(client, 5)
    desk = Client()
    desk.force_login(staff("wangbian", "编辑"))

    listing = desk.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor-wang" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="editor-wang")
    assert desk.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}).status_code == 302

    assert log_in(client, "newsportal-test").status_code == 302


@pytest.mark.parametrize("group", ["记者", "审核员"])
def test_journalists_and_moderators_cannot_see_or_clear_lockouts(client, editor, group):
    guess(client, 5)
    other = Client()
    other.force_login(staff("someone", group))
    attempt = AccessAttempt.objects.get(username="editor-wang")

    assert other.get("/admin/axes/accessattempt/").status_code == 403
    assert other.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "http://testserver.evil.example/"]
)
def test_a_login_with_an_off_site_next_lands_on_the_admin_index(client, editor, next_url):
    """It landed on /accounts/profile/, a 404, before."""
    response = client.post(
        reverse("admin:login"),
        {"username": "editor-wang", "password": "newsportal-test", "next": next_url},
        REMOTE_ADDR=GUESSER,
    )

    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_a_login_with_a_next_on_this_site_still_goes_there(client, editor):
    response = client.post(
        reverse("admin:login"),
        {"username": "editor-wang", "password": "newsportal-test", "next": "/admin/articles/article/"},
        REMOTE_ADDR=GUESSER,
    )

    assert response["Location"] == "/admin/articles/article/"
