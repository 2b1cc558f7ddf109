"""Password guessing at the admin login: five wrong tries lock that name from that address."""

import pytest
from django.urls import reverse

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
