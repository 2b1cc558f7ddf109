"""Turns a topic, a place and a publish date into the text of one article."""

import datetime
from dataclasses import dataclass
from html import escape

from articles.demo.catalog import GIVEN_NAMES, SURNAMES
from articles.demo.topics_common import COMMON_TOPICS
from articles.demo.topics_local import LOCAL_TOPICS

# A place's own topics come up this many times more often than the common ones.
LOCAL_TOPIC_WEIGHT = 4


@dataclass
class Story:
    title: str
    subtitle: str
    summary: str
    body: str
    tags: list
    column_slug: str
    theme: str
    captions: list
    town: str


def topics_for(place):
    """(topics, weights) that fit a place; the province only gets provincial news."""
    local = [t for t in LOCAL_TOPICS if place.adcode in t.adcodes]
    common = [] if place.adcode == "510000" else list(COMMON_TOPICS)
    return local + common, [LOCAL_TOPIC_WEIGHT] * len(local) + [1] * len(common)


def person_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def fillers(rng, place, town, published_local):
    """Values for every placeholder; title and lead share one draw so their numbers agree."""
    event_day = published_local.date() - datetime.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    return {
        "place": place.short,
        "full": place.full,
        "scope": place.scope,
        "town": town,
        "person": person_name(rng),
        "n1": rng.randint(2, 20),
        "n2": rng.randint(30, 900),
        "n3": rng.randint(1000, 9999),
        "pct": rng.randint(5, 40),
        "yi": f"{rng.uniform(1.2, 30):.1f}",
        "month": published_local.month,
        "date": f"{event_day.month}月{event_day.day}日",
    }


def write_story(rng, place, topic, published_local):
    town = rng.choice(place.towns)
    headline = fillers(rng, place, town, published_local)

    def fill(template):
        # Later paragraphs get their own numbers and speaker, so no figure or name repeats by accident.
        return template.format(**fillers(rng, place, town, published_local))

    lead = rng.choice(topic.leads).format(**headline)
    details = rng.sample(topic.details, k=min(len(topic.details), rng.randint(2, 3)))
    paragraphs = [lead, *map(fill, details), fill(rng.choice(topic.closings))]
    subtitle = fill(rng.choice(topic.subtitles)) if topic.subtitles and rng.random() < 0.35 else ""
    return Story(
        title=rng.choice(topic.titles).format(**headline),
        subtitle=subtitle,
        summary=lead,
        body="".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs),
        tags=pick_tags(rng, topic, place),
        column_slug=topic.column,
        theme=topic.theme,
        captions=[fill(c) for c in topic.captions],
        town=town,
    )


def pick_tags(rng, topic, place):
    tags = rng.sample(topic.tags, k=rng.randint(2, 3))
    if place.short not in tags:
        tags.append(place.short)
    return tags
