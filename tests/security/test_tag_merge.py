"""Merging tags takes the tag change permission, for every role (issue 23, item 6).

taggit's merge view checked nothing but a staff login: a moderator (no tag
permission at all) who POSTed ``new_tag_name=X`` to
/admin/taggit/tag/merge-tags/ created tag X (then got a server error), and
/tag/x/ became a public page; journalists could run "Merge selected tags".
The people come from tests.articles.newsroom: 汤斌 journalist (记者, may add
and view tags), 孙审 moderator (审核员), 王编 editor (编辑, may change tags), admin.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from taggit.models import Tag

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"
MERGE_URL = "/admin/taggit/tag/merge-tags/"


@pytest.fixture
def tagged(regions):
    """Two articles about 乐至 lemons, tagged 乐至 / 乐至县 / 柠檬 by different hands."""
    first = ArticleFactory(region=regions["lezhi"], title="乐至柠檬丰收")
    second = ArticleFactory(region=regions["lezhi"], title="乐至县柠檬节")
    first.tags.add("乐至", "柠檬")
    second.tags.add("乐至县", "乐至", "柠檬")
    return first, second


def run_merge_action(client, *names):
    ids = [str(pk) for pk in Tag.objects.filter(name__in=names).values_list("pk", flat=True)]
    return client.post(CHANGELIST, {"action": "render_tag_form", ACTION_CHECKBOX_NAME: ids})


def offered_actions(client):
    response = client.get(CHANGELIST)
    action_form = response.context["action_form"]
    if action_form is None:
        return []
    return [value for value, _ in action_form.fields["action"].choices if value]


@pytest.mark.parametrize("who", ["moderator", "journalist"])
def test_a_moderator_or_journalist_cannot_merge_or_create_tags_through_the_merge_view(client, request, tagged, who):
    client.force_login(request.getfixturevalue(who))
    session = client.session
    session["selected_tag_ids"] = ",".join(str(tag.pk) for tag in Tag.objects.all())
    session.save()

    response = client.post(MERGE_URL, {"new_tag_name": "X"})

    assert response.status_code == 403
    assert not Tag.objects.filter(name="X").exists()
    assert client.get("/tag/x/").status_code == 404
    assert set(tagged[1].tags.names()) == {"乐至县", "乐至", "柠檬"}


def test_a_journalist_is_not_offered_the_merge_action_and_cannot_run_it(client, journalist, tagged):
    client.force_login(journalist)

    assert "render_tag_form" not in offered_actions(client)
    response = run_merge_action(client, "乐至", "乐至县")

    assert not (response.status_code == 302 and response["Location"].endswith("merge-tags/"))
    assert client.get(MERGE_URL).status_code == 403


def test_a_moderator_does_not_even_see_the_tag_list(client, moderator, tagged):
    client.force_login(moderator)

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(MERGE_URL).status_code == 403


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_an_editor_or_admin_merges_two_tags_and_every_article_follows(client, request, tagged, who):
    client.force_login(request.getfixturevalue(who))
    assert "render_tag_form" in offered_actions(client)

    response = run_merge_action(client, "乐至", "乐至县")
    assert response.status_code == 302 and response["Location"] == MERGE_URL
    form_page = client.get(MERGE_URL)
    assert form_page.status_code == 200
    assert "乐至县" in form_page.content.decode() and "合并为" in form_page.content.decode()
    done = client.post(MERGE_URL, {"new_tag_name": "乐至县"})

    assert done.status_code == 302 and done["Location"] == CHANGELIST
    first, second = tagged
    assert set(first.tags.names()) == {"乐至县", "柠檬"}
    assert set(second.tags.names()) == {"乐至县", "柠檬"}
    assert "合并" in " ".join(str(m) for m in client.get(CHANGELIST).context["messages"])


def test_merging_into_a_new_name_creates_that_tag_with_an_address(client, editor, tagged):
    client.force_login(editor)
    run_merge_action(client, "乐至", "乐至县")

    client.post(MERGE_URL, {"new_tag_name": "乐至新闻"})

    merged = Tag.objects.get(name="乐至新闻")
    assert merged.slug == "lezhixinwen"
    assert set(tagged[0].tags.names()) == {"乐至新闻", "柠檬"}
    assert client.get("/tag/lezhixinwen/").status_code == 200


def test_the_merge_view_without_a_selection_explains_instead_of_failing(client, editor, tagged):
    client.force_login(editor)

    response = client.post(MERGE_URL, {"new_tag_name": "X"}, follow=True)

    assert response.status_code == 200
    assert "请先在标签列表中勾选" in response.content.decode()
    assert not Tag.objects.filter(name="X").exists()


def test_a_selection_of_ids_that_are_no_tags_is_no_server_error(client, editor, tagged):
    client.force_login(editor)
    session = client.session
    session["selected_tag_ids"] = "abc,,999999"
    session.save()

    response = client.post(MERGE_URL, {"new_tag_name": "X"}, follow=True)

    assert response.status_code == 200
    assert not Tag.objects.filter(name="X").exists()


def test_an_empty_new_name_is_refused_with_a_message_and_merges_nothing(client, editor, tagged):
    client.force_login(editor)
    run_merge_action(client, "乐至", "乐至县")

    response = client.post(MERGE_URL, {"new_tag_name": "  "})

    assert response.status_code == 200
    assert "请填写" in response.content.decode()
    assert set(tagged[1].tags.names()) == {"乐至县", "乐至", "柠檬"}
