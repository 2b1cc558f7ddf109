"""王编 curates: 头条 and 置顶 with end times, 新闻推荐 from published articles."""

import json

from django.utils import timezone

from articles.models import Article
from tests.articles.newsroom import article_by, change_url, form_data

S = Article.Status


def test_the_editor_features_pins_and_recommends(client, regions, journalist, editor):
    story = article_by(journalist, regions["lezhi"], status=S.PUBLISHED, title="乐至蚕桑节开幕")
    related = article_by(journalist, regions["lezhi"], status=S.PUBLISHED, title="蚕茧收购价创新高")
    until = timezone.localtime(timezone.now() + timezone.timedelta(days=2)).replace(second=0, microsecond=0)
    client.force_login(editor)

    client.post(
        change_url(story),
        form_data(
            story,
            is_featured="on",
            featured_until_0=f"{until:%Y-%m-%d}",
            featured_until_1=f"{until:%H:%M:%S}",
            is_pinned="on",
            recommended=[related.pk],
            _save="保存",
        ),
    )

    story.refresh_from_db()
    assert (story.is_featured, story.featured_until, story.is_pinned, story.pinned_until) == (True, until, True, None)
    assert list(story.recommended.all()) == [related]


def test_recommendations_offer_only_published_articles(client, regions, journalist, editor):
    article_by(journalist, regions["lezhi"], status=S.PUBLISHED, title="已发布的蚕桑新闻")
    article_by(journalist, regions["lezhi"], status=S.PENDING, title="待审的蚕桑新闻")
    client.force_login(editor)

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "recommended", "term": "蚕桑"},
    )

    assert [row["text"] for row in json.loads(response.content)["results"]] == ["已发布的蚕桑新闻"]


def test_recommending_an_unpublished_article_is_refused(client, regions, journalist, editor):
    story = article_by(journalist, regions["lezhi"], status=S.PUBLISHED)
    pending = article_by(journalist, regions["lezhi"], status=S.PENDING)
    client.force_login(editor)

    response = client.post(change_url(story), form_data(story, recommended=[pending.pk], _save="保存"))

    assert response.status_code == 200
    assert not story.recommended.exists()
