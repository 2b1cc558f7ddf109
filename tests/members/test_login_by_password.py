"""A reader who set a password logs in with number and password; guessing is locked out as at the admin."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.members.conftest import PHONE, READER_IP

pytestmark = pytest.mark.django_db


def log_in(client, password, username=PHONE, ip=READER_IP):
    data = {"action": "password", "username": username, "password": password}
    return client.post(reverse("members:login"), data, REMOTE_ADDR=ip)


def test_a_reader_logs_in_with_number_and_password(client, reader):
    response = log_in(client, "newsportal-test", username="138-0013-8000")

    assert response.status_code == 302 and response["Location"] == reverse("members:profile")
    assert client.get(reverse("members:profile")).context["reader"] == reader


def test_a_wrong_password_says_so_and_keeps_the_number(client, reader):
    response = log_in(client, "wrong")

    assert response.status_code == 400
    page = response.content.decode()
    assert "手机号或密码不正确" in page and f'value="{PHONE}"' in page


def test_five_wrong_passwords_lock_the_number_out_from_that_address(client, reader):
    for _ in range(5):
        log_in(client, "wrong")

    response = log_in(client, "newsportal-test")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "读者登录" in page and "连续 5 次密码错误，已暂时锁定密码登录，请 15 分钟后再试" in page
    assert page.count(f'value="{PHONE}"') == 2, "the number is kept in both forms, ready for a code"
    assert "后台" not in page.split("<main")[1]


def test_staff_log_in_at_the_admin_not_here(client):
    UserFactory(username="editor", is_staff=True)

    response = log_in(client, "newsportal-test", username="editor")

    assert response.status_code == 400
    assert "编辑部账号请从后台登录" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_reader_sets_a_password_after_signing_up_by_code(logged_in, reader):
    reader.user.set_unusable_password()
    reader.user.save()
    logged_in.force_login(reader.user)
    url = reverse("members:password")

    mismatch = logged_in.post(url, {"new_password1": "lemon-harvest-2026", "new_password2": "lemon-harvest"})
    assert mismatch.status_code == 400
    done = logged_in.post(url, {"new_password1": "lemon-harvest-2026", "new_password2": "lemon-harvest-2026"})

    assert done.status_code == 200 and "密码已保存" in done.content.decode()
    logged_in.logout()
    assert log_in(logged_in, "lemon-harvest-2026").status_code == 302
