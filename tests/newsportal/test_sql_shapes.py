"""A query compiled once from stand-ins answers every later run like the ORM would."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from core.sql_shapes import StandIns
from tests.factories import ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db


def articles_titled(title, published_before, ids):
    return Article.objects.filter(title=title, published_at__lt=published_before, pk__in=ids)


def test_a_shape_run_with_other_values_finds_what_the_queryset_with_those_values_finds():
    county = RegionFactory()
    now = timezone.now()
    old_lemon = ArticleFactory(title="柠檬", region=county, published_at=now - timedelta(days=3))
    new_lemon = ArticleFactory(title="柠檬", region=county, published_at=now - timedelta(hours=1))
    tea = ArticleFactory(title="春茶", region=county, published_at=now - timedelta(days=3))
    stand_ins = StandIns()
    queryset = articles_titled(
        stand_ins.text("title"), stand_ins.moment("before"), [stand_ins.number("a"), stand_ins.number("b")]
    )
    shape = stand_ins.shape(*queryset.values_list("pk").query.get_compiler(using="default").as_sql())

    for title, before, a, b in [
        ("柠檬", now, old_lemon.pk, new_lemon.pk),
        ("柠檬", now - timedelta(days=1), old_lemon.pk, new_lemon.pk),
        ("春茶", now, tea.pk, old_lemon.pk),
        ("春茶", now, old_lemon.pk, new_lemon.pk),
    ]:
        with connection.cursor() as cursor:
            cursor.execute(shape.sql, shape.params({"title": title, "before": before, "a": a, "b": b}))
            found = {pk for (pk,) in cursor.fetchall()}
        assert found == set(articles_titled(title, before, [a, b]).values_list("pk", flat=True))


def test_a_stand_in_that_does_not_reach_the_parameters_is_an_error():
    stand_ins = StandIns()
    queryset = Article.objects.filter(title=stand_ins.text("title"))
    stand_ins.number("never used")

    with pytest.raises(ValueError, match="never used"):
        stand_ins.shape(*queryset.query.get_compiler(using="default").as_sql())
