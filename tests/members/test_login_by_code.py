"""A reader signs up and logs in with a code sent to their phone (console SMS backend)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from members import sms
from members.models import LoginCode, Reader
from tests.factories import UserFactory
from tests.members.conftest import PHONE, ask_code, enter_code, last_code

pytestmark = pytest.mark.django_db


def test_a_new_number_gets_a_code_and_becomes_a_verified_reader(client):
    response = ask_code(client, phone="138 0013 8000")

    assert response.status_code == 200
    assert "验证码已发送到 138****8000" in response.content.decode()
    assert 'value="138 0013 8000"' in response.content.decode(), "the number stays as typed"
    response = enter_code(client, last_code())

    assert response.status_code == 302 and response["Location"] == reverse("members:profile")
    reader = Reader.objects.get(phone=PHONE)
    assert reader.phone_verified and reader.user.username == PHONE
    assert not reader.user.has_usable_password() and not reader.user.is_staff
    assert reader.nickname.startswith("网友") and PHONE not in reader.nickname
    assert client.get(reverse("members:profile")).status_code == 200


def test_the_code_is_stored_only_as_a_digest(client):
    ask_code(client)

    stored = LoginCode.objects.get()
    assert last_code() not in stored.digest and len(stored.digest) == 64


def test_an_existing_reader_logs_in_to_their_own_account(client, reader):
    ask_code(client)
    enter_code(client, last_code(), next="/search/?q=柠檬")

    assert Reader.objects.count() == 1
    assert client.get(reverse("members:profile")).context["reader"] == reader


def test_next_leads_back_to_the_page_on_this_site_only(client):
    ask_code(client)
    assert enter_code(client, last_code(), next="/region/lezhi/")["Location"] == "/region/lezhi/"

    client.logout()
    ask_code(client, ip="198.51.100.31", phone="13900139000")
    response = enter_code(client, last_code("13900139000"), phone="13900139000", next="https://evil.example/")
    assert response["Location"] == reverse("members:profile")


def test_a_wrong_code_is_refused_and_keeps_the_number(client):
    ask_code(client)
    right = last_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = enter_code(client, wrong)

    assert response.status_code == 400
    page = response.content.decode()
    assert "验证码不正确或已失效" in page and f'value="{PHONE}"' in page
    assert "_auth_user_id" not in client.session
    assert enter_code(client, right).status_code == 302, "one wrong try leaves the code usable"


def test_a_code_works_once(client):
    ask_code(client)
    code = last_code()
    assert enter_code(client, code).status_code == 302
    client.logout()

    response = enter_code(client, code)

    assert response.status_code == 400 and "_auth_user_id" not in client.session


def test_an_expired_code_is_refused(client):
    ask_code(client)
    LoginCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert enter_code(client, last_code()).status_code == 400
    assert not Reader.objects.exists()


def test_five_wrong_tries_void_the_code(client):
    ask_code(client)
    right = last_code()
    for attempt in range(5):
        enter_code(client, f"{(int(right) + attempt + 1) % 1_000_000:06d}")

    assert enter_code(client, right).status_code == 400


def test_a_new_code_replaces_the_earlier_one(client):
    ask_code(client)
    first = last_code()
    cache.clear()  # the rate-limit windows, as if a minute had passed
    ask_code(client)

    assert len(sms.outbox) == 2
    assert enter_code(client, first).status_code == 400 or first == last_code()
    assert enter_code(client, last_code()).status_code == 302


def test_codes_never_open_a_staff_account(client):
    UserFactory(username=PHONE, is_staff=True)

    ask_code(client)
    response = enter_code(client, last_code())

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not Reader.objects.exists()


@pytest.mark.parametrize(
    "typed", ["", "12345", "1380013800", "23800138000", "138001380001", "一三八", "<script>", "1" * 5000, "\x00"]
)
def test_a_number_that_is_no_mobile_number_gets_a_message_not_a_code(client, typed):
    response = ask_code(client, phone=typed)

    assert response.status_code == 400
    assert "请输入正确的 11 位手机号" in response.content.decode() or "请填写手机号" in response.content.decode()
    assert sms.outbox == []


@pytest.mark.parametrize("typed", ["", "abc", "12345", "1234567", "<b>1</b>"])
def test_a_malformed_code_is_refused_with_a_message(client, typed):
    ask_code(client)

    response = enter_code(client, typed)

    assert response.status_code == 400
    errors = response.context["code_form"].errors["code"]
    assert errors in (["请填写短信验证码。"], ["验证码是 6 位数字。"])


def test_the_login_page_works_without_any_post_data(client):
    assert client.get(reverse("members:login")).status_code == 200
    assert client.post(reverse("members:login"), {}).status_code == 200
    assert client.post(reverse("members:login"), {"action": "code"}).status_code == 400
    assert get_user_model().objects.count() == 0
