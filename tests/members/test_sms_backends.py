"""The SMS backends: Aliyun's request signature, a failed send, and the production check."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from members import sms
from members.checks import sms_backend_sends
from members.models import LoginCode
from tests.members.conftest import ask_code

# Aliyun's own worked example of the RPC signature (dysmsapi SendSms docs).
ALIYUN_EXAMPLE = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}


def test_the_aliyun_request_is_signed_as_aliyun_documents():
    query = sms.signed_query(ALIYUN_EXAMPLE, "testSecret")

    assert query.startswith("Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms")
    assert "SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8" in query
    assert "Timestamp=2017-07-12T02%3A42%3A19Z" in query


def test_the_aliyun_backend_sends_the_code_as_its_template_parameter(settings):
    settings.ALIYUN_SMS_TEMPLATE_CODE = "SMS_0001"
    settings.ALIYUN_SMS_SIGN_NAME = "川中地方网"
    params = sms.AliyunBackend().params(sms.Message("13800138000", "123456", 10))

    assert params["TemplateParam"] == '{"code": "123456"}'
    assert params["PhoneNumbers"] == "13800138000" and params["TemplateCode"] == "SMS_0001"


@pytest.mark.django_db
def test_a_code_that_could_not_be_sent_is_not_kept_and_the_reader_is_told(client, settings):
    settings.SMS_BACKEND = "aliyun"
    settings.ALIYUN_SMS_ENDPOINT = "https://127.0.0.1:9/"  # nothing listens there

    response = ask_code(client)

    assert response.status_code == 503
    assert "短信发送失败，请稍后再试" in response.content.decode()
    assert not LoginCode.objects.exists()


def test_production_is_warned_about_the_console_backend(settings):
    settings.SMS_BACKEND = "console"
    assert [w.id for w in sms_backend_sends(None)] == ["members.W001"]

    settings.SMS_BACKEND = "aliyun"
    assert sms_backend_sends(None) == []


def test_the_warning_is_part_of_check_deploy(settings):
    settings.SMS_BACKEND = "console"
    with pytest.raises(SystemCheckError, match="members.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


def test_aliyun_without_its_credentials_stops_start_up(settings):
    from members.checks import aliyun_is_configured

    settings.SMS_BACKEND = "aliyun"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = ""
    assert [e.id for e in aliyun_is_configured(None)] == ["members.E001"]
    assert "ALIYUN_SMS_ACCESS_KEY_SECRET" in aliyun_is_configured(None)[0].msg

    for name in ["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME"]:
        setattr(settings, name, "x")
    settings.ALIYUN_SMS_TEMPLATE_CODE = "SMS_1"
    assert aliyun_is_configured(None) == []
