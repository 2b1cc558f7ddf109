"""A moderator moves whole word lists in and out of the admin as CSV or TXT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comments import sensitive
from comments.models import SensitiveWord

CHANGELIST = "/admin/comments/sensitiveword/"
IMPORT = f"{CHANGELIST}import/"

CSV_FROM_EXCEL = (
    "敏感词,处理方式,拼音匹配,谐音变体,备注\r\n"
    "代开发票,拒绝发表,是,代开票,发票广告\r\n"
    "加微信,审核,是,加V信、加vx,\r\n"
    "刷单,,否,,空的处理方式用默认值\r\n"
)


@pytest.fixture
def moderating(client, moderator):
    client.force_login(moderator)
    return client


def upload(client, name, content, action="hold", update_existing=False, encoding="utf-8-sig"):
    data = content.encode(encoding) if encoding and isinstance(content, str) else content
    fields = {"file": SimpleUploadedFile(name, data), "action": action}
    if update_existing:
        fields["update_existing"] = "on"
    return client.post(IMPORT, fields)


def test_a_csv_saved_by_excel_is_imported_with_actions_pinyin_and_variants(moderating):
    response = upload(moderating, "词表.csv", CSV_FROM_EXCEL, action="replace")

    assert response.status_code == 302
    words = {w.word: w for w in SensitiveWord.objects.all()}
    assert words["代开发票"].action == "reject" and words["代开发票"].match_pinyin
    assert words["加微信"].action == "hold" and words["加微信"].variants == "加V信\n加vx"
    assert words["刷单"].action == "replace"
    assert "新增 3 个" in moderating.get(CHANGELIST).content.decode()
    assert sensitive.check("daikaifapiao").rejected


def test_a_gbk_csv_from_chinese_windows_is_read_too(moderating):
    upload(moderating, "words.csv", "赌博,转人工审核\n", encoding="gb18030")

    assert SensitiveWord.objects.get().word == "赌博"


def test_a_txt_list_gets_the_chosen_action_and_skips_comment_lines(moderating):
    upload(moderating, "words.txt", "# 广告词\n办证\n\n  贷款  \n", action="reject")

    assert sorted(SensitiveWord.objects.values_list("word", "action")) == [("办证", "reject"), ("贷款", "reject")]


def test_one_bad_row_imports_nothing_and_says_which_line(moderating):
    response = upload(moderating, "words.csv", "办证,拒绝发表\n贷款,删除\n代孕,拒绝发表,也许\n", action="reject")

    html = response.content.decode()
    assert response.status_code == 200
    assert "没有导入任何词" in html
    assert "第 2 行" in html and "删除" in html and "第 3 行" in html
    assert '<option value="reject" selected>' in html
    assert not SensitiveWord.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("words.xlsx", b"PK\x03\x04", "只能导入 .csv 或 .txt 文件"),
        ("words.csv", b"abc\x00def", "不是文本文件"),
        ("words.csv", b"\xff\xfe\xfa\xfb\x80\x81", "无法识别文件的编码"),
        ("words.csv", b"", "文件是空的"),
        ("words.txt", "，，，\n", "无法匹配任何内容"),
        ("words.csv", '"' + "长" * 200_000, "CSV 格式有误"),
    ],
)
def test_files_that_are_not_word_lists_are_refused_with_a_message(moderating, name, content, message):
    response = upload(moderating, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SensitiveWord.objects.exists()


def test_words_already_listed_are_kept_unless_the_moderator_asks_to_update(moderating):
    SensitiveWord.objects.create(word="办证", action="hold", note="审核员加的")

    upload(moderating, "words.txt", "办证\n代孕\n", action="reject")
    assert SensitiveWord.objects.get(word="办证").action == "hold"

    upload(moderating, "words.txt", "办证\n", action="reject", update_existing=True)
    assert SensitiveWord.objects.get(word="办证").action == "reject"


def test_an_exported_csv_imports_back_to_the_same_list(moderating):
    SensitiveWord.objects.create(word="加微信", action="hold", match_pinyin=True, variants="加V信\n加vx", note="引流")
    SensitiveWord.objects.create(word="=HYPERLINK", action="replace", note="-1+1")

    exported = moderating.get(f"{CHANGELIST}export/csv/")
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in exported["Content-Disposition"]
    assert exported.content.startswith(b"\xef\xbb\xbf")
    text = exported.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1+1" in text  # not a formula in Excel
    before = sorted(SensitiveWord.objects.values_list("word", "action", "match_pinyin", "variants", "note"))

    SensitiveWord.objects.all().delete()
    upload(moderating, "back.csv", exported.content, encoding=None)

    assert sorted(SensitiveWord.objects.values_list("word", "action", "match_pinyin", "variants", "note")) == before


def test_txt_export_and_export_of_the_selected_words(moderating):
    first = SensitiveWord.objects.create(word="办证")
    SensitiveWord.objects.create(word="贷款")

    assert moderating.get(f"{CHANGELIST}export/txt/").content.decode() == "办证\n贷款\n"
    picked = moderating.post(CHANGELIST, {"action": "export_csv", "_selected_action": [first.pk], "index": 0})
    assert "办证" in picked.content.decode("utf-8-sig") and "贷款" not in picked.content.decode("utf-8-sig")
    assert moderating.get(f"{CHANGELIST}export/xls/").status_code == 404


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_only_moderators_import_or_export(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(IMPORT).status_code == 403
    assert upload(client, "words.txt", "办证\n").status_code == 403
    assert client.get(f"{CHANGELIST}export/csv/").status_code == 403
    assert not SensitiveWord.objects.exists()


def test_the_word_list_page_offers_import_and_export(moderating):
    html = moderating.get(CHANGELIST).content.decode()

    assert "导入 CSV/TXT" in html and "导出 CSV" in html and "导出 TXT" in html


def test_an_overlong_variant_is_refused(moderating):
    response = upload(moderating, "words.csv", f"办证,审核,否,{'办' * 60}\n")

    assert "每个变体最多 50 个字" in response.content.decode()
    assert not SensitiveWord.objects.exists()
