"""Put one hostile payload into every field a person controls, the real way where it matters.

Comments go through the public posting endpoint and the moderators' approve
action in the admin; newsroom fields are stored directly (the admin forms
accept any text in them by design: a title may contain "<").
"""

from types import SimpleNamespace

from django.urls import reverse

from articles.models import Article, ArticlePhoto, Author, Byline, Column, Source
from comments.models import Comment
from regions.models import Region
from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, ArticlePhotoFactory, RegionFactory


def fit(model, field, text):
    """The payload cut to the field's max_length, as a form would refuse longer."""
    limit = model._meta.get_field(field).max_length
    return text[:limit] if limit else text


def hostile_site(payload, n=0):
    """A region, column, source, author, tag, article, photo and comment carrying ``payload``."""
    region = RegionFactory(
        short_name=fit(Region, "short_name", payload),
        description=payload,
        slug=f"xss{n}",
        level=Region.Level.PROVINCE,
    )
    column = Column.objects.create(name=fit(Column, "name", payload), slug=f"xss-column-{n}", description=payload)
    source = Source.objects.create(name=fit(Source, "name", payload))
    author = Author.objects.create(name=fit(Author, "name", payload), affiliation=fit(Author, "affiliation", payload))
    article = ArticleFactory(
        region=region,
        column=column,
        source=source,
        title=fit(Article, "title", payload),
        subtitle=fit(Article, "subtitle", payload),
        summary=payload,
        body=f"<p>正文开始</p>{payload}<p>正文结束</p>",
    )
    Byline.objects.create(article=article, author=author, role=Byline.Role.TEXT)
    article.tags.add(fit_tag(payload))
    ArticlePhotoFactory(
        article=article,
        image__width=160,
        image__height=120,
        caption=fit(ArticlePhoto, "caption", payload),
        credit=fit(ArticlePhoto, "credit", payload),
    )
    return SimpleNamespace(
        region=region, column=column, source=source, author=author, article=article, tag=article.tags.get()
    )


def fit_tag(payload):
    # taggit needs a slug; a payload of only symbols gets a readable prefix.
    return ("标签" + payload)[:100]


def post_and_approve(client, article, payload, ip="198.51.100.77"):
    """Post through the reader endpoint, approve as a moderator in the admin; the comment."""
    nickname = fit(Comment, "nickname", payload)
    body = f"评论：{payload}"
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"nickname": nickname, "body": body},
        headers={"Accept": "application/json"},
        REMOTE_ADDR=ip,
    )
    assert response.status_code == 201, response.content.decode()
    comment = Comment.objects.get(article=article)
    if comment.status != Comment.Status.APPROVED:
        moderator = staff("xss-moderator", "审核员")  # no password: hashing one costs a second
        client.force_login(moderator)
        client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve", "_selected_action": [comment.pk]},
        )
        client.logout()
        comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    return comment
