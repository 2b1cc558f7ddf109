"""Text pasted from Word or a web page loses its invisible control characters on save.

Word's Shift+Enter pastes U+000B into a title; other programs leave form
feeds, escape characters or a stray NUL. Readers never see them, but an RSS
reader's XML parser refuses them, and PostgreSQL refuses NUL and lone
surrogates outright. Every plain-text field of every model drops them when
saved; tabs and line breaks stay.
"""

import pytest
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, Author, Column, Source
from comments.models import Comment
from regions.models import Region
from tests.articles.newsroom import form_data
from tests.factories import ArticleFactory, ArticlePhotoFactory, CommentFactory, RegionFactory

pytestmark = pytest.mark.django_db

# C0 controls but tab, line feed and carriage return; DEL and the C1 block;
# the characters XML 1.0 forbids (a lone surrogate, U+FFFE, U+FFFF).
CONTROL = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f", "\x85", "\x9f"]
XML_ILLEGAL = ["\ud800", "\udfff", "\ufffe", "\uffff"]


def test_a_title_pasted_from_word_keeps_its_words_and_loses_the_line_tab(client, regions, journalist):
    Tag.objects.create(name="柠檬节")
    client.force_login(journalist)
    draft = Article(
        title="Word粘贴的标题\x0b第二行",
        summary="第一段\n\t第二段\x0c",
        body="<p>正文\x0b第二行</p>",
        region=regions["lezhi"],
    )

    data = form_data(draft, tags="柠檬\x0b节, 乐至\x1b", _save="保存")
    response = client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get()
    assert (article.title, article.summary) == ("Word粘贴的标题第二行", "第一段\n\t第二段")
    assert "\x0b" not in article.body
    assert sorted(article.tags.names()) == ["乐至", "柠檬节"]
    assert Tag.objects.count() == 2  # the pasted 柠檬节 is the one that existed


@pytest.mark.parametrize("char", CONTROL + XML_ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
def test_every_plain_text_field_drops_the_character_on_save(regions, char):
    region = RegionFactory(description=f"频道{char}简介", short_name=f"测{char}试")
    article = ArticleFactory(
        region=region, title=f"标题{char}", subtitle=f"副{char}标题", summary=f"摘{char}要", body=f"<p>正{char}文</p>"
    )
    source = Source.objects.create(name=f"来{char}源")
    author = Author.objects.create(name=f"作{char}者", affiliation=f"单{char}位")
    column = Column.objects.create(name=f"栏{char}目", description=f"简{char}介")
    photo = ArticlePhotoFactory(article=article, caption=f"说{char}明", credit=f"摄{char}影")
    tag = Tag.objects.create(name=f"标{char}签")
    comment = CommentFactory(article=article, nickname=f"读{char}者", body=f"评{char}论")

    saved = [
        (Region, region.pk, ["description", "short_name"]),
        (Article, article.pk, ["title", "subtitle", "summary", "body"]),
        (Source, source.pk, ["name"]),
        (Author, author.pk, ["name", "affiliation"]),
        (Column, column.pk, ["name", "description"]),
        (ArticlePhoto, photo.pk, ["caption", "credit"]),
        (Tag, tag.pk, ["name"]),
        (Comment, comment.pk, ["nickname", "body"]),
    ]
    for model, pk, fields in saved:
        for field, value in zip(fields, model.objects.values_list(*fields).get(pk=pk)):
            assert char not in value, (model.__name__, field)
            assert len(value) >= 2, (model.__name__, field)
