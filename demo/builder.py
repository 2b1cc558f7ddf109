"""Writes planned articles to the database with their byline, tags, pictures and history.

Rows go in with ``bulk_create``, which skips ``Article.save()``; the body is
therefore passed through the same sanitizer here, so the stored HTML is what
a save would have produced.
"""

import datetime

from django.core.files.base import ContentFile
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, ArticleTransition, Byline, TaggedArticle
from articles.sanitize import sanitize_body
from demo.images import draw_jpeg

BATCH_SIZE = 200
Status = Article.Status


def build_articles(plans, newsroom, regions):
    """Create one article per plan; returns the saved articles in plan order."""
    storage = Article._meta.get_field("cover_image").storage
    articles = []
    for index, plan in enumerate(plans):
        article = _article(plan, newsroom, regions[plan.place.adcode])
        if plan.has_cover:
            article.cover_image = _save_picture(storage, "covers", plan, article, index, 0)
        articles.append(article)
    Article.objects.bulk_create(articles, batch_size=BATCH_SIZE)
    _add_bylines(plans, articles, newsroom)
    _add_photos(plans, articles, storage)
    _add_tags(plans, articles)
    _add_transitions(plans, articles, newsroom)
    return articles


def _article(plan, newsroom, region):
    story = plan.story
    editor, journalist = newsroom.users["editor"], newsroom.users["journalist"]
    return Article(
        title=story.title,
        subtitle=story.subtitle,
        summary=story.summary,
        body=sanitize_body(story.body),
        region=region,
        column=newsroom.columns[story.column_slug],
        source=newsroom.sources.get(plan.source_name),
        status=plan.status,
        published_at=plan.published_at,
        is_featured=plan.is_featured,
        is_pinned=plan.is_pinned,
        review_note=plan.review_note,
        submitted_by=journalist if plan.submitted_at else None,
        submitted_at=plan.submitted_at,
        created_by=journalist if plan.by_journalist else editor,
        created_at=plan.created_at,  # auto_now_add overwrites it; save_dates_and_counters() puts it back
    )


def _save_picture(storage, folder, plan, article, index, number):
    when = plan.published_at or plan.created_at
    label = f"{article.region.slug.upper()}   {when:%Y-%m-%d}   NEWSPORTAL DEMO"
    data = draw_jpeg(plan.story.theme, seed=f"{index}-{number}", label=label)
    return storage.save(f"{folder}/{when:%Y/%m}/demo-{index:03d}-{number}.jpg", ContentFile(data))


def _add_bylines(plans, articles, newsroom):
    by_name = {author.name: author for author in newsroom.authors.values()}
    by_name.update({author.name: author for author in newsroom.desk_editors})
    by_name[newsroom.journalist_author.name] = newsroom.journalist_author
    Byline.objects.bulk_create(
        [
            Byline(article=article, author=by_name[name], role=role, sort_order=order)
            for plan, article in zip(plans, articles)
            for order, (name, role) in enumerate(plan.byline)
        ],
        batch_size=BATCH_SIZE,
    )


def _photographer(plan):
    shooters = [name for name, role in plan.byline if role in (Byline.Role.PICTURE, Byline.Role.PHOTOGRAPHY)]
    return (shooters or [plan.byline[0][0]])[0]


def _add_photos(plans, articles, storage):
    photos = []
    for index, (plan, article) in enumerate(zip(plans, articles)):
        credit = f"{_photographer(plan)} 摄"
        captions = plan.story.captions
        for number in range(1, plan.photo_count + 1):
            photos.append(
                ArticlePhoto(
                    article=article,
                    image=_save_picture(storage, "photos", plan, article, index, number),
                    caption=captions[(number - 1) % len(captions)],
                    credit=credit,
                    sort_order=number,
                )
            )
    ArticlePhoto.objects.bulk_create(photos, batch_size=BATCH_SIZE)


def _add_tags(plans, articles):
    names = {name for plan in plans for name in plan.story.tags}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - tags.keys()):
        tags[name] = Tag.objects.create(name=name)  # save() makes the slug
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object=article, tag=tags[name])
            for plan, article in zip(plans, articles)
            for name in plan.story.tags
        ],
        batch_size=BATCH_SIZE,
    )


def _add_transitions(plans, articles, newsroom):
    """The audit trail each article's status implies, with plausible times."""
    editor, journalist = newsroom.users["editor"], newsroom.users["journalist"]
    ArticleTransition.objects.bulk_create(
        [
            ArticleTransition(article=article, from_status=old, to_status=new, by=by, at=at, note=note)
            for plan, article in zip(plans, articles)
            for old, new, by, at, note in _history(plan, editor, journalist)
        ],
        batch_size=BATCH_SIZE,
    )


def _history(plan, editor, journalist):
    minutes = datetime.timedelta(minutes=1)
    if plan.submitted_at:
        yield Status.DRAFT, Status.PENDING, journalist, plan.submitted_at, ""
    if plan.status == Status.REJECTED:
        yield Status.PENDING, Status.REJECTED, editor, plan.submitted_at + 40 * minutes, plan.review_note
    if plan.status in (Status.PUBLISHED, Status.WITHDRAWN):
        # A scheduled article was approved before its publish time, not at it.
        approved_at = min(plan.published_at, plan.created_at + 720 * minutes)
        if plan.by_journalist:
            yield Status.DRAFT, Status.PENDING, journalist, plan.created_at + (approved_at - plan.created_at) / 2, ""
        yield (Status.PENDING if plan.by_journalist else Status.DRAFT), Status.PUBLISHED, editor, approved_at, ""
    if plan.status == Status.WITHDRAWN:
        yield Status.PUBLISHED, Status.WITHDRAWN, editor, plan.published_at + 90 * minutes, "应当事人要求，核实后撤稿。"


def save_dates_and_counters(articles, plans):
    """Second pass: creation times from the plans, counters set by ``engagement``."""
    for plan, article in zip(plans, articles):
        article.created_at = plan.created_at
    Article.objects.bulk_update(articles, ["created_at", "view_count", "comment_count"], batch_size=BATCH_SIZE)
