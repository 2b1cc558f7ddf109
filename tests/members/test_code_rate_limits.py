"""Code requests are limited per number and per address; no code is sent past a limit."""

import time

import pytest

from comments import throttle
from members import sms
from tests.members.conftest import ask_code

pytestmark = pytest.mark.django_db


def test_one_code_per_number_per_minute(client):
    assert ask_code(client).status_code == 200

    response = ask_code(client, ip="203.0.113.9")

    assert response.status_code == 429
    assert "验证码已发送，请 60 秒后再试" in response.content.decode()
    assert len(sms.outbox) == 1


class Clock:
    """The rate limit's clock, moved on by hand."""

    def __init__(self):
        self.now = (time.time() // 3600) * 3600  # the start of an hour's window

    def time(self):
        return self.now


def test_a_number_gets_at_most_five_codes_an_hour(client, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "time", clock)
    for _ in range(5):
        assert ask_code(client).status_code == 200
        clock.now += 61

    response = ask_code(client)

    assert response.status_code == 429
    assert "一小时后再试" in response.content.decode()
    assert len(sms.outbox) == 5


def test_one_address_cannot_ask_codes_for_many_numbers(client, settings):
    settings.SMS_CODES_PER_IP_PER_HOUR = 3
    numbers = [f"1390000000{n}" for n in range(4)]
    answers = [ask_code(client, phone=number).status_code for number in numbers]

    assert answers == [200, 200, 200, 429]
    assert [m.phone for m in sms.outbox] == numbers[:3]
    assert ask_code(client, phone="13700000000", ip="203.0.113.10").status_code == 200, "another address is not held"


def test_the_limit_message_keeps_the_number_typed(client):
    ask_code(client)

    page = ask_code(client).content.decode()

    assert 'value="13800138000"' in page
