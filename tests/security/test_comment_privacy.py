"""Journalists read the comments on their own articles, without readers' addresses (issue 23, item 9).

汤斌 (journalist) could read every comment in the admin, pending and spam
included, with each reader's IP address. He now sees the comments on the
articles he wrote and no address anywhere; moderators, who block spammers by
address, and editors, who oversee everything, see what they saw before.
"""

import pytest

from comments.models import Comment
from tests.articles.newsroom import article_by
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"
READER_IP = "203.0.113.77"
SPAMMER_IP = "198.51.100.99"


@pytest.fixture
def comments(regions, journalist, other_journalist):
    mine = article_by(journalist, regions["lezhi"], status="published", title="汤斌写的柠檬节")
    theirs = article_by(other_journalist, regions["wuhou"], status="published", title="李明写的武侯新闻")
    return {
        "on_mine": CommentFactory(
            article=mine, body="柠檬节很热闹", status=Comment.Status.PENDING, ip_address=READER_IP
        ),
        "on_theirs": CommentFactory(
            article=theirs, body="李明文章下的垃圾评论", status=Comment.Status.SPAM, ip_address=SPAMMER_IP
        ),
    }


def test_a_journalist_sees_only_comments_on_his_own_articles(client, journalist, comments):
    client.force_login(journalist)

    page = client.get(CHANGELIST, {"status": "all"}).content.decode()

    assert "柠檬节很热闹" in page
    assert "李明文章下的垃圾评论" not in page
    other = client.get(f"{CHANGELIST}{comments['on_theirs'].pk}/change/")
    assert other.status_code in (302, 404) and "李明文章下的垃圾评论" not in other.content.decode()


def test_a_journalist_sees_no_reader_address_anywhere(client, journalist, comments):
    client.force_login(journalist)

    pages = [
        client.get(CHANGELIST, {"status": "all"}),
        client.get(f"{CHANGELIST}{comments['on_mine'].pk}/change/"),
    ]
    searched = client.get(CHANGELIST, {"status": "all", "q": READER_IP})

    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert READER_IP not in html and SPAMMER_IP not in html
        assert "IP 地址" not in html
    assert list(searched.context["cl"].result_list) == []  # an address is not something he can search by


def test_a_journalist_cannot_filter_his_way_to_other_articles(client, journalist, comments):
    client.force_login(journalist)

    response = client.get(CHANGELIST, {"status": "all", "article__id__exact": comments["on_theirs"].article_id})

    assert "李明文章下的垃圾评论" not in response.content.decode()


@pytest.mark.parametrize("who", ["moderator", "editor"])
def test_moderators_and_editors_still_see_every_comment_with_its_address(client, request, comments, who):
    client.force_login(request.getfixturevalue(who))

    html = client.get(CHANGELIST, {"status": "all"}).content.decode()

    assert "柠檬节很热闹" in html and "李明文章下的垃圾评论" in html
    assert READER_IP in html and SPAMMER_IP in html
