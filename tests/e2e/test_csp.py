"""The Content-Security-Policy is enforced, and the site still works under it.

Reader pages (with the comment form and its script) must cause no policy
violation at all; the admin's article form must load CKEditor under the
looser staff policy and take typing. Violations are caught twice: the DOM's
``securitypolicyviolation`` event and Chromium's console message.
"""

import pytest
from django.urls import reverse

from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, ArticlePhotoFactory, CommentFactory, sichuan_regions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "csp-test-password-2026"
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.csp_messages = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_messages.append(m.text))
    return page


def violations(page):
    return page.evaluate("window.__violations") + page.csp_messages


def test_reader_pages_run_under_the_strict_policy_without_a_single_violation(live_server, browser):
    regions = sichuan_regions()
    article = ArticleFactory(
        region=regions.lezhi,
        title="乐至县柠檬丰收",
        body='<p style="text-align:center">居中的一段</p><p>正文</p>',
    )
    article.tags.add("柠檬")
    ArticlePhotoFactory(article=article, image__width=160, image__height=120)
    CommentFactory(article=article)
    page = watched(browser)
    policy = None

    for url in (
        "/",
        regions.lezhi.get_absolute_url(),
        article.get_absolute_url(),
        "/tag/柠檬/",
        reverse("search") + "?q=柠檬",
    ):
        response = page.goto(live_server.url + url, wait_until="networkidle")
        policy = response.headers["content-security-policy"]
        assert violations(page) == [], url
    assert "script-src 'self';" in policy

    # comments.js fetched its token and the form posts under the policy.
    page.goto(live_server.url + article.get_absolute_url(), wait_until="networkidle")
    page.fill("#comments input[name=nickname]", "小李")
    page.fill("#comments textarea[name=body]", "支持家乡柠檬产业！")
    page.click("#comments form button[type=submit]")
    page.wait_for_selector("#comments .comment-feedback:not(:empty)")
    assert violations(page) == []


def test_the_article_form_loads_ckeditor_and_takes_typing_under_the_staff_policy(live_server, browser):
    sichuan_regions()
    staff("csp-admin", is_superuser=True, password=PASSWORD)
    page = watched(browser)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    response = page.goto(live_server.url + "/admin/articles/article/add/")
    assert "'unsafe-eval'" in response.headers["content-security-policy"]
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("在内容安全策略下输入正文。")

    assert "在内容安全策略下输入正文。" in page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert violations(page) == []
