"""Decides, without touching the database, what every demo article will be.

One ``random.Random`` drives all choices, so the same seed always plans the
same titles, bylines and statuses; only the dates follow the clock.
"""

import datetime
import itertools
import re
from dataclasses import dataclass

from articles.models import Article, Byline
from demo.catalog import AUTHORS, DESK_EDITORS, JOURNALIST_AUTHOR
from demo.places import ZIYANG_ADCODES, Place
from demo.writer import Story, topics_for, write_story

# status -> how many articles; published ones are the bulk readers see.
STATUS_COUNTS = {
    Article.Status.PUBLISHED: 220,
    Article.Status.DRAFT: 6,
    Article.Status.PENDING: 5,
    Article.Status.REJECTED: 3,
    Article.Status.WITHDRAWN: 1,
}
SCHEDULED_COUNT = 1  # published, but with a publish time tomorrow morning
DAYS_BACK = 60
JOURNALIST_SHARE = 0.15  # of published articles, written in-house by the demo journalist
FEATURED_COUNT = 6
PINNED_COUNT = 2
# "乐至年产鲜茧96吨" and "乐至年产鲜茧450吨" are the same story twice; a place
# with few templates left may still repeat one after this many tries.
DIGITS = re.compile(r"[0-9.]+")
SHAPE_ATTEMPTS = 30
REVIEW_NOTES = (
    "标题与正文内容不符，请核实后修改。",
    "文中数据缺少出处，请补充来源并核对数字。",
    "图片缺少说明和署名，请补充后再提交。",
)


@dataclass
class Plan:
    story: Story
    place: Place
    status: str
    source_name: str | None
    byline: list  # [(author name, Byline.Role)]
    created_at: datetime.datetime
    published_at: datetime.datetime | None = None
    submitted_at: datetime.datetime | None = None
    review_note: str = ""
    by_journalist: bool = False
    is_featured: bool = False
    is_pinned: bool = False
    has_cover: bool = False
    photo_count: int = 0
    topic_key: str = ""


def plan_articles(rng, places, now_local):
    """All plans, newest first; titles are unique."""
    planner = _Planner(rng, places, now_local)
    plans = [planner.published(rng.random() < JOURNALIST_SHARE) for _ in range(STATUS_COUNTS[Article.Status.PUBLISHED])]
    plans += [planner.scheduled() for _ in range(SCHEDULED_COUNT)]
    for status in (Article.Status.DRAFT, Article.Status.PENDING, Article.Status.REJECTED, Article.Status.WITHDRAWN):
        plans += [planner.in_workflow(status) for _ in range(STATUS_COUNTS[status])]
    _mark_front_page(rng, plans)
    return plans


def _mark_front_page(rng, plans):
    recent = sorted((p for p in plans if p.status == Article.Status.PUBLISHED), key=lambda p: p.published_at)[-40:]
    for plan in rng.sample(recent, FEATURED_COUNT):
        plan.is_featured = plan.has_cover = True
    county_news = [p for p in recent if p.place.adcode in ZIYANG_ADCODES[1:]]
    for plan in rng.sample(county_news, min(PINNED_COUNT, len(county_news))):
        plan.is_pinned = True


class _Planner:
    def __init__(self, rng, places, now_local):
        self.rng = rng
        self.places = places
        self.local_places = [p for p in places if p.adcode in ZIYANG_ADCODES]
        self.now = now_local
        self.titles = set()
        self.shapes = set()

    def published(self, by_journalist):
        published_at = self._past_moment()
        plan = self._plan(Article.Status.PUBLISHED, published_at, by_journalist)
        plan.published_at = published_at
        return plan

    def scheduled(self):
        tomorrow = (self.now + datetime.timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
        plan = self._plan(Article.Status.PUBLISHED, self.now, by_journalist=True)
        plan.published_at = tomorrow
        return plan

    def in_workflow(self, status):
        """Drafts, pending, rejected and withdrawn articles, all by the demo journalist."""
        written_at = self.now - datetime.timedelta(hours=self.rng.randint(2, 96))
        plan = self._plan(status, written_at, by_journalist=True)
        if status in (Article.Status.PENDING, Article.Status.REJECTED):
            plan.submitted_at = written_at + datetime.timedelta(minutes=self.rng.randint(20, 90))
        if status == Article.Status.REJECTED:
            plan.review_note = self.rng.choice(REVIEW_NOTES)
        if status == Article.Status.WITHDRAWN:
            plan.published_at = written_at
        return plan

    def _plan(self, status, when, by_journalist):
        rng = self.rng
        place = rng.choice(self.local_places) if by_journalist else self._weighted_place()
        topic, story = self._unique_story(place, when)
        source = None if by_journalist else rng.choice(place.sources)
        is_photo_story = topic.column == "tuwen"
        return Plan(
            story=story,
            place=place,
            status=status,
            source_name=source,
            byline=self._byline(source),
            created_at=when - datetime.timedelta(minutes=rng.randint(30, 600)),
            by_journalist=by_journalist,
            has_cover=is_photo_story or rng.random() < 0.75,
            photo_count=rng.randint(3, 4) if is_photo_story else (2 if rng.random() < 0.1 else 0),
            topic_key=topic.key,
        )

    def _weighted_place(self):
        return self.rng.choices(self.places, weights=[p.weight for p in self.places])[0]

    def _unique_story(self, place, when):
        """A story whose title is new, and preferably not a known title with other numbers."""
        topics, weights = topics_for(place)
        for attempt in itertools.count():
            topic = self.rng.choices(topics, weights=weights)[0]
            story = write_story(self.rng, place, topic, when)
            shape = DIGITS.sub("#", story.title)
            if story.title not in self.titles and (shape not in self.shapes or attempt >= SHAPE_ATTEMPTS):
                self.titles.add(story.title)
                self.shapes.add(shape)
                return topic, story

    def _past_moment(self):
        """A reader-plausible time (07:00-22:59, Asia/Shanghai), more of them recent."""
        days_ago = int(self.rng.triangular(0, DAYS_BACK, 0))
        day = self.now - datetime.timedelta(days=days_ago)
        moment = day.replace(hour=self.rng.randint(7, 22), minute=self.rng.randint(0, 59), second=0, microsecond=0)
        return moment if moment <= self.now else moment - datetime.timedelta(days=1)

    def _byline(self, source_name):
        rng = self.rng
        if source_name is None:
            writers, photographers = [JOURNALIST_AUTHOR[0]], ["周涛"]
        else:
            writers = [name for name, affiliation, _ in AUTHORS if affiliation == source_name]
            photographers = [name for name, affiliation, photo in AUTHORS if affiliation == source_name and photo]
        lead = rng.choice(writers)
        lines = [(lead, Byline.Role.TEXT)]
        others = [name for name in photographers if name != lead]
        second_writers = [name for name in writers if name != lead]
        roll = rng.random()
        if roll < 0.3 or (roll < 0.55 and not others):
            lines.append((lead, Byline.Role.PICTURE))  # "文/图": one person wrote and shot it
        elif roll < 0.55:
            lines.append((rng.choice(others), Byline.Role.PHOTOGRAPHY))
        elif roll < 0.7 and second_writers:
            lines.append((rng.choice(second_writers), Byline.Role.TEXT))
        if rng.random() < 0.45:
            lines.append((rng.choice(DESK_EDITORS)[0], Byline.Role.EDITOR))
        return lines
