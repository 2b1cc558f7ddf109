import re

import pytest
from django.urls import reverse

from members import sms
from members.models import Reader
from tests.factories import UserFactory

PHONE = "13800138000"
READER_IP = "198.51.100.30"


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def last_code(phone=PHONE):
    """The code the console backend sent to ``phone`` last."""
    message = [m for m in sms.outbox if m.phone == phone][-1]
    assert re.search(rf"\b{message.code}\b", message.text)
    return message.code


def ask_code(client, phone=PHONE, ip=READER_IP):
    return client.post(reverse("members:login"), {"action": "send", "phone": phone}, REMOTE_ADDR=ip)


def enter_code(client, code, phone=PHONE, ip=READER_IP, **extra):
    data = {"action": "code", "phone": phone, "code": code, **extra}
    return client.post(reverse("members:login"), data, REMOTE_ADDR=ip)


@pytest.fixture
def reader(db):
    """Alice, a reader who signed up with her number and set a password."""
    user = UserFactory(username=PHONE)
    return Reader.objects.create(user=user, phone=PHONE, nickname="柠檬姑娘", phone_verified_at="2026-01-01T00:00Z")


@pytest.fixture
def logged_in(client, reader):
    client.force_login(reader.user)
    return client
