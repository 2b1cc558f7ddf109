"""A moderator imports the word list in the admin, and a reader's disguised
advertisement lands in the queue with the word it hid (real Chromium)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from comments.models import Comment, SensitiveWord
from demo.seed import DEMO_WORDS
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def article(transactional_db):
    moderator = UserFactory(username="alice", is_staff=True)
    moderator.groups.add(Group.objects.get(name="审核员"))
    return ArticleFactory(title="乐至县举办柠檬采摘节")


def test_an_imported_list_catches_a_homophone_in_a_readers_comment(live_server, article, browser):
    admin = browser.new_context().new_page()
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/comments/sensitiveword/")
    admin.fill("#id_username", "alice")
    admin.fill("#id_password", "newsportal-test")
    admin.click("[type=submit]")
    admin.click("text=导入 CSV/TXT")
    admin.set_input_files("#id_file", str(DEMO_WORDS))
    admin.click("#word-import-form input[type=submit]")
    expect(admin.locator(".messagelist")).to_contain_text("新增")
    assert SensitiveWord.objects.filter(word="加微信", match_pinyin=True).exists()

    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    reader.fill("#comment-nickname", "热心网友")
    reader.fill("#comment-body", "想了解的加薇信，dai kai fa piao 也行")
    reader.click("#comment-form button[type=submit]")
    expect(reader.locator("#comment-form .errorlist[data-for=body]")).to_have_text(
        "内容含有不允许发表的词语，请修改后再提交。"
    )
    expect(reader.locator("#comment-body")).to_have_value("想了解的加薇信，dai kai fa piao 也行")

    reader.fill("#comment-body", "想了解的加薇信")
    reader.click("#comment-form button[type=submit]")
    expect(reader.locator("#comment-form .comment-feedback")).to_have_text("评论已提交，审核通过后显示")

    admin.goto(f"{live_server.url}/admin/comments/comment/")
    expect(admin.locator("#result_list")).to_contain_text("加微信（待审）")
    assert Comment.objects.get().status == Comment.Status.PENDING
