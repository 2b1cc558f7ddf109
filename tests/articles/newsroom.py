"""The newsroom the workflow tests share: a region tree and one user per role.

Its fixtures are registered for the whole suite (tests/conftest.py); a test
module imports only the helper functions. The people:
- 汤斌 (tangbin) and 李明 (liming), journalists (记者);
- 王编 (wangbian), editor with no region limit (编辑);
- 赵编 (zhaobian), editor for 资阳市 only;
- 孙审 (sunshen), moderator (审核员);
- admin, superuser.
"""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, EditorScope
from regions.models import Region
from tests.factories import ArticleFactory, RegionFactory, UserFactory


def staff(username, group=None, password=None, **extra):
    # Tests log in with force_login; hashing a real password costs a second per user.
    user = UserFactory(username=username, is_staff=True, password=password, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def regions(db):
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    chengdu = RegionFactory(
        name="成都市", short_name="成都", slug="chengdu", adcode="510100", level=Region.Level.CITY, parent=sichuan
    )
    wuhou = RegionFactory(name="武侯区", short_name="武侯", slug="wuhou", adcode="510107", parent=chengdu)
    return {"sichuan": sichuan, "ziyang": ziyang, "lezhi": lezhi, "chengdu": chengdu, "wuhou": wuhou}


@pytest.fixture
def journalist(db):
    return staff("tangbin", "记者")


@pytest.fixture
def other_journalist(db):
    return staff("liming", "记者")


@pytest.fixture
def editor(db):
    return staff("wangbian", "编辑")


@pytest.fixture
def ziyang_editor(regions):
    user = staff("zhaobian", "编辑")
    EditorScope.objects.create(user=user, region=regions["ziyang"])
    return user


@pytest.fixture
def moderator(db):
    return staff("sunshen", "审核员")


@pytest.fixture
def superuser(db):
    return staff("admin", is_superuser=True)


def article_by(user, region, status=Article.Status.DRAFT, **fields):
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1) if status == "published" else None)
    return ArticleFactory(created_by=user, region=region, status=status, **fields)


def stored_version(article):
    """The version (``updated_at``) the change form carries when opened now."""
    updated_at = Article.objects.filter(pk=article.pk).values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


def form_data(article, **overrides):
    """What the admin change form posts for ``article``, opened just now, with no inline rows."""
    data = {
        "version": stored_version(article) if article.pk else "",
        "title": article.title,
        "subtitle": article.subtitle,
        "summary": article.summary,
        "body": article.body,
        "region": article.region_id,
        "column": article.column_id or "",
        "source": article.source_id or "",
        "tags": "",
        "published_at_0": "",
        "published_at_1": "",
        "featured_until_0": "",
        "featured_until_1": "",
        "pinned_until_0": "",
        "pinned_until_1": "",
        "allow_comments": "on",
        "reject_note": "",
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    if article.pk:
        data |= opened_values(article, data)
    for prefix in ("byline", "photos", "transitions"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data.update(overrides)
    return data


def opened_values(article, data):
    """The hidden ``initial-*`` inputs of a change form: each field as it was opened."""
    shown = ["title", "subtitle", "summary", "body", "region", "column", "source", "published_at_0", "published_at_1"]
    opened = {f"initial-{name}": data[name] for name in shown}
    opened["initial-tags"] = ", ".join(sorted(article.tags.names()))
    for name in ("allow_comments", "is_featured", "is_pinned"):
        opened[f"initial-{name}"] = str(getattr(article, name))
    for name in ("featured_until", "pinned_until"):
        opened[f"initial-{name}_0"] = opened[f"initial-{name}_1"] = ""
    opened["initial-recommended"] = list(article.recommended.values_list("pk", flat=True))
    return opened


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"
