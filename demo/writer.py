"""Turns a topic, a place and a publish date into the text of one article."""

import datetime
from dataclasses import dataclass
from html import escape

from demo.catalog import GIVEN_NAMES, SURNAMES
from demo.topics_common import COMMON_TOPICS
from demo.topics_local import LOCAL_TOPICS

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


def article_values(rng, place, topic, town, published_local):
    """The value of every placeholder for one article, each drawn once: the
    title, lead, body and captions then state the same figures and person."""
    event_day = published_local.date() - datetime.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    values = {
        "place": place.short,
        "full": place.full,
        "scope": place.scope,
        "town": town,
        "person": person_name(rng),
        "month": published_local.month,
        "date": f"{event_day.month}月{event_day.day}日",
    }
    values.update((name, draw_figure(rng, spec)) for name, spec in topic.figures.items())
    return values


def draw_figure(rng, spec):
    """A figure in its range: (low, high) or (low, high, step) whole numbers; floats to one decimal."""
    low, high, *step = spec
    if isinstance(low, float):
        return f"{rng.uniform(low, high):.1f}"
    return rng.randrange(low, high + 1, *step)


def write_story(rng, place, topic, published_local):
    town = rng.choice(place.towns)
    values = article_values(rng, place, topic, town, published_local)

    def fill(template):
        # Whoever is quoted is someone new in each paragraph.
        return template.format(**values, someone=person_name(rng))

    headline = rng.choice(topic.titles)
    title, lead = headline if isinstance(headline, tuple) else (headline, rng.choice(topic.leads))
    lead = fill(lead)
    details = rng.sample(topic.details, k=min(len(topic.details), rng.randint(2, 3)))
    paragraphs = [lead, *map(fill, details), fill(rng.choice(topic.closings))]
    subtitle = fill(rng.choice(topic.subtitles)) if topic.subtitles and rng.random() < 0.35 else ""
    return Story(
        title=fill(title),
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
