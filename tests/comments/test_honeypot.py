"""A bot that fills the hidden field is told "thanks" and nothing is saved.

Answering like a success gives the bot nothing to learn from; a person never
sees the field (off-screen, no tab stop, no autofill).
"""

from comments.models import Comment


def test_a_filled_honeypot_is_answered_like_success_but_discarded(article, post_comment):
    response = post_comment(article, website="http://spam.example/")

    assert response.status_code == 200
    assert response.json()["message"] == "评论已提交，审核通过后显示"
    assert not Comment.objects.exists()


def test_the_honeypot_is_on_the_article_page_and_hidden_from_people(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert 'class="comment-honeypot" aria-hidden="true"' in html
    assert 'name="website" tabindex="-1" autocomplete="off"' in html
