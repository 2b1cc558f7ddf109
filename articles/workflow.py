"""Who may do what to an article: the one place the editorial rules live.

The model's transition methods and the admin both ask these functions, so a
button that is hidden, an action that is refused and a forged POST all follow
the same rule. Roles are Django groups (see the ``create_newsroom_groups``
migration): a journalist (记者) has ``articles.add_article``, an editor (编辑)
also has ``articles.review_article``; superusers have every permission.
"""

from dataclasses import dataclass

from django.db.models import Q

from regions.models import Region

JOURNALIST_GROUP = "记者"
EDITOR_GROUP = "编辑"
MODERATOR_GROUP = "审核员"

REVIEW_PERMISSION = "articles.review_article"


class TransitionNotAllowed(Exception):
    """A workflow move the user may not make; the message is shown to them."""


def _status():
    from articles.models import Article

    return Article.Status


def is_editor(user):
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


def is_journalist(user):
    return bool(user and user.is_active and user.has_perm("articles.add_article") and not is_editor(user))


def scope_regions(user):
    """The regions an editor handles, or ``None`` for "everything".

    An editor without an assigned scope (and every superuser) handles all
    regions; one assigned 资阳市 handles 资阳市 and its counties.
    """
    if user.is_superuser:
        return None
    roots = list(Region.objects.filter(editor_scopes__user=user))
    if not roots:
        return None
    condition = Q()
    for root in roots:
        condition |= Q(pk=root.pk) | Q(parent_id=root.pk) | Q(parent__parent_id=root.pk)
    return Region.objects.filter(condition)


def regions_for(user, regions):
    """Narrow a region queryset to what the user may assign to an article."""
    scope = scope_regions(user)
    return regions if scope is None else regions.filter(pk__in=scope.values("pk"))


def visible_articles(user, articles):
    """The articles a staff member sees in the admin.

    Editors see everything in their regions; journalists see the articles
    they created (their "我的稿件"); anyone else sees nothing.
    """
    if is_editor(user):
        scope = scope_regions(user)
        return articles if scope is None else articles.filter(region__in=scope.values("pk"))
    if is_journalist(user):
        return articles.filter(created_by=user)
    return articles.none()


def in_scope(user, article):
    scope = scope_regions(user)
    return scope is None or article.region_id is None or scope.filter(pk=article.region_id).exists()


def _is_own_article(user, article):
    return article.pk is None or article.created_by_id == user.pk


def can_view(user, article):
    if is_editor(user):
        return in_scope(user, article)
    return is_journalist(user) and _is_own_article(user, article)


def can_edit(user, article):
    """Editors edit anything in their regions; journalists only their own
    drafts and rejected articles, never one that is submitted or published."""
    if is_editor(user):
        return user.has_perm("articles.change_article") and in_scope(user, article)
    Status = _status()
    return (
        is_journalist(user)
        and user.has_perm("articles.change_article")
        and _is_own_article(user, article)
        and article.status in (Status.DRAFT, Status.REJECTED)
    )


def _author_or_editor(user, article):
    return can_edit(user, article)


def _editor_in_scope(user, article):
    return is_editor(user) and in_scope(user, article)


def _own_submission(user, article):
    return user.is_active and user.has_perm("articles.change_article") and article.created_by_id == user.pk


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    who: object


def _transitions():
    Status = _status()
    return {
        "submit": Transition("submit", "提交审核", (Status.DRAFT, Status.REJECTED), Status.PENDING, _author_or_editor),
        "publish": Transition("publish", "发布", (Status.DRAFT, Status.PENDING), Status.PUBLISHED, _editor_in_scope),
        "reject": Transition("reject", "退回", (Status.PENDING,), Status.REJECTED, _editor_in_scope),
        "withdraw": Transition("withdraw", "撤稿", (Status.PUBLISHED,), Status.WITHDRAWN, _editor_in_scope),
        "reopen": Transition("reopen", "改回草稿", (Status.REJECTED,), Status.DRAFT, _author_or_editor),
        # Pending means no editor has acted on it yet: the author may take it back.
        "recall": Transition("recall", "撤回", (Status.PENDING,), Status.DRAFT, _own_submission),
    }


def get_transition(name):
    return _transitions()[name]


def refusal(name, user, article):
    """Why ``user`` may not make transition ``name`` now, or ``None`` if they may."""
    transition = get_transition(name)
    if article.status not in transition.sources:
        return f"稿件当前状态为“{article.get_status_display()}”，不能{transition.label}。"
    if not transition.who(user, article):
        return f"您没有权限对这篇稿件执行“{transition.label}”。"
    return None


def can_reopen(user, article):
    return refusal("reopen", user, article) is None


def can_recall(user, article):
    return refusal("recall", user, article) is None


def can_preview(user, article):
    """Staff preview what they may see in the admin, published or not."""
    return bool(user.is_active and user.is_staff and can_view(user, article))


def can_curate(user, article):
    """头条, 置顶, 新闻推荐, publish time and comments switch: editors only."""
    return _editor_in_scope(user, article)
