"""A reader reports a comment and a moderator handles it in the admin (real Chromium).

小李 reports 老张's comment from the article page and cannot report it twice;
审核员 alice finds it in 评论举报 with the pending count in the title, sees
who reported, follows the link to the comment, and hides it: the comment
leaves the article page and the report is 已处理. A second reported comment
gets its author banned.
"""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from comments.models import Comment, CommenterBan, CommentReport
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def story(transactional_db):
    article = ArticleFactory(title="乐至县举办柠檬采摘节")
    bad = CommentFactory(article=article, nickname="老张", body="这条评论骂人了", ip_address="203.0.113.7")
    spam = CommentFactory(article=article, nickname="广告号", body="兼职日结看主页", ip_address="203.0.113.66")
    Comment.objects.recount([article.pk])
    moderator = UserFactory(username="alice", is_staff=True)
    moderator.groups.add(Group.objects.get(name="审核员"))
    return article, bad, spam


def report_from_the_page(page, comment, reason):
    holder = page.locator(f"#comment-{comment.pk}")
    holder.locator(".comment-report").first.click()
    holder.locator(".report-form select[name=reason]").select_option(reason)
    holder.locator(".report-form button[type=submit]").click()
    return holder.locator(".report-form [role=status]")


def log_in(page, base_url, next_url):
    page.goto(f"{base_url}/admin/login/?next={next_url}")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "newsportal-test")
    page.click("[type=submit]")


def run_action(page, row_text, action):
    page.locator("#result_list tbody tr").filter(has_text=row_text).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_a_report_is_handled_from_the_reader_to_the_moderator(live_server, story, browser):
    article, bad, spam = story
    url = f"{live_server.url}{article.get_absolute_url()}"
    reader = browser.new_context().new_page()
    reader.goto(url)

    expect(report_from_the_page(reader, bad, "abuse")).to_have_text("感谢举报，我们会尽快处理。")
    report_from_the_page(reader, spam, "spam")
    reader.reload()
    expect(report_from_the_page(reader, bad, "rumor")).to_have_text("您已经举报过这条评论，我们会尽快处理。")
    assert CommentReport.objects.filter(comment=bad).count() == 1

    admin = browser.new_context().new_page()
    log_in(admin, live_server.url, "/admin/comments/commentreport/")
    expect(admin.locator(".changelist-heading")).to_have_text("评论举报（待处理 2 条，涉及 2 条评论）")
    row = admin.locator("#result_list tbody tr").filter(has_text="这条评论骂人了")
    expect(row).to_contain_text("匿名读者")
    expect(row).to_contain_text("127.0.0.0/24")
    expect(row).to_contain_text("待处理")
    expect(row.locator("a", has_text="乐至县举办柠檬采摘节")).to_have_attribute("href", bad.get_absolute_url())

    row.locator("a", has_text="这条评论骂人了").click()
    expect(admin.locator("#content-main")).to_contain_text("127.0.0.1")
    admin.go_back()

    run_action(admin, "这条评论骂人了", "hide_comments")
    expect(admin.locator(".messagelist")).to_contain_text("已隐藏 1 条评论")
    expect(admin.locator(".changelist-heading")).to_have_text("评论举报（待处理 1 条，涉及 1 条评论）")

    run_action(admin, "兼职日结看主页", "ban_commenters")
    expect(admin.locator(".messagelist")).to_contain_text("已将 1 位评论者加入禁言名单")

    admin.goto(f"{live_server.url}/admin/comments/commentreport/?state=all")
    expect(admin.locator("#result_list")).to_contain_text("已处理")
    expect(admin.locator("#result_list")).to_contain_text("alice")
    admin.goto(f"{live_server.url}/admin/comments/commenterban/")
    expect(admin.locator("#result_list")).to_contain_text("地址 203.0.113.66/32")

    reader.reload()
    expect(reader.locator("#comments")).not_to_contain_text("这条评论骂人了")
    expect(reader.locator("#comments")).not_to_contain_text("兼职日结看主页")
    assert set(CommentReport.objects.values_list("state", flat=True)) == {"handled"}
    assert CommenterBan.objects.get().network == "203.0.113.66/32"
