"""Keep a value, rebuild it once while others use the kept copy, know what it depends on.

Each story runs twice: on a laptop's local-memory cache and on Redis.
"""

import threading
import time

import pytest
from django.core.cache import cache

from core import kept
from core.changelog import Counter


@pytest.fixture(autouse=True)
def both_caches(local_or_redis_cache):
    return local_or_redis_cache


def build_counted(calls, value, *names):
    def build():
        calls.append(value)
        kept.depends_on(*names)
        return value

    return build


def test_a_kept_value_is_built_once_and_then_read():
    calls = []

    assert kept.get_or_build("lemons", build_counted(calls, "柠檬", "article:1"), 60) == "柠檬"
    assert kept.get_or_build("lemons", build_counted(calls, "别的", "article:1"), 60) == "柠檬"
    assert calls == ["柠檬"]


def test_a_change_to_what_it_shows_makes_it_stale():
    calls = []
    kept.get_or_build("lemons", build_counted(calls, "旧", "article:1"), 60)

    kept.mark_changed({"article:1"})

    assert kept.get_or_build("lemons", build_counted(calls, "新", "article:1"), 60) == "新"


def test_a_change_to_something_else_leaves_it_fresh():
    calls = []
    kept.get_or_build("lemons", build_counted(calls, "旧", "article:1"), 60)

    kept.mark_changed({"article:2", "list:region:9"})

    assert kept.get_or_build("lemons", build_counted(calls, "新", "article:1"), 60) == "旧"


def test_a_value_built_while_a_change_was_committed_is_never_kept_fresh():
    """Issue 21: the change lands after the build read the old rows but before it was kept."""
    with kept.building() as build:
        kept.depends_on("article:7")
        value = "列出了已撤稿文章的页面"
        kept.mark_changed({"article:7"})  # the withdrawal commits meanwhile
    kept.keep("page", value, build, 60)

    found = kept.look(["page"])["page"]
    assert found.value == value  # served while it is built again
    assert not found.fresh


def test_what_an_inner_value_shows_the_outer_one_shows_too():
    with kept.building() as page:
        kept.get_or_build("hot", build_counted([], ["热点"], "article:3"), 60)
    kept.keep("page", "<html>", page, 60)

    kept.mark_changed({"article:3"})

    assert not kept.look(["page"])["page"].fresh


def test_a_value_expires_after_its_time_but_is_still_there_to_serve():
    with kept.building() as build:
        pass
    kept.keep("brief", "短暂", build, 0.05)
    time.sleep(0.1)

    found = kept.look(["brief"])["brief"]
    assert (found.value, found.fresh) == ("短暂", False)


def test_a_deadline_shortens_freshness():
    with kept.building() as build:
        kept.fresh_until(time.time() + 0.05)
    kept.keep("until-go-live", "首页", build, 300)
    assert kept.look(["until-go-live"])["until-go-live"].fresh
    time.sleep(0.1)
    assert not kept.look(["until-go-live"])["until-go-live"].fresh


def test_while_one_request_rebuilds_a_stale_value_the_others_use_the_kept_copy():
    kept.get_or_build("slow", build_counted([], "旧", "article:5"), 60)
    kept.mark_changed({"article:5"})
    started, release = threading.Event(), threading.Event()

    def slow_build():
        started.set()
        release.wait(5)
        return "新"

    rebuilder = threading.Thread(target=lambda: kept.get_or_build("slow", slow_build, 60))
    rebuilder.start()
    started.wait(5)
    try:
        assert kept.get_or_build("slow", lambda: pytest.fail("built twice"), 60) == "旧"
    finally:
        release.set()
        rebuilder.join()
    assert kept.get_or_build("slow", lambda: pytest.fail("built twice"), 60) == "新"


def test_a_page_built_around_a_stale_list_someone_else_rebuilds_is_kept_stale_too():
    """Issue 21: a page rebuilt while another request was rebuilding a list
    in it showed the list's old copy and was kept as fresh, so a withdrawn
    article stayed on it for minutes."""
    kept.get_or_build("list", build_counted([], "撤稿前的列表", "article:5"), 60)
    kept.mark_changed({"article:5"})
    started, release = threading.Event(), threading.Event()

    def slow_list():
        started.set()
        release.wait(5)
        return "撤稿后的列表"

    rebuilder = threading.Thread(target=lambda: kept.get_or_build("list", slow_list, 60))
    rebuilder.start()
    started.wait(5)
    try:
        page = kept.get_or_build("page", lambda: "页面：" + kept.get_or_build("list", slow_list, 60), 60)
    finally:
        release.set()
        rebuilder.join()

    assert page == "页面：撤稿前的列表"
    assert (
        kept.get_or_build("page", lambda: "页面：" + kept.get_or_build("list", slow_list, 60), 60)
        == "页面：撤稿后的列表"
    )


def test_a_value_nobody_has_yet_is_waited_for_not_built_twice():
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow_build():
        calls.append("built")
        started.set()
        release.wait(5)
        return "排名"

    first = threading.Thread(target=lambda: kept.get_or_build("new", slow_build, 60))
    first.start()
    started.wait(5)
    threading.Timer(0.05, release.set).start()
    assert kept.get_or_build("new", slow_build, 60) == "排名"
    first.join()
    assert calls == ["built"]


def test_a_local_copy_of_the_same_build_is_used_without_sending_the_value_again(both_caches):
    with kept.building() as build:
        kept.depends_on("article:1")
    entry = kept.keep("page", "大页面" * 1000, build, 60)

    found = kept.look(["page"], local={"page": entry})["page"]

    assert found.fresh and found.value == entry.value
    if both_caches == "redis":  # the local-memory cache holds its own copy anyway
        assert found.kept is entry


def test_a_hit_counter_counts_in_the_same_lookup_once_per_reader_window():
    with kept.building() as build:
        pass
    kept.keep("article-page", "正文", build, 60)
    counter = Counter(redis_hash="np-test-views", field="42", local_key="views-42", dedupe_key="seen:1.2.3.4:42",
                      dedupe_seconds=60)  # fmt: skip

    for _ in range(3):
        kept.look(["article-page"], count=counter)

    if hasattr(cache, "raw_client"):
        client = cache.raw_client()
        assert client.hget("np-test-views", "42") == b"1"
        client.delete("np-test-views")
    else:
        assert cache.get("views-42") == 1


def test_the_change_record_survives_an_emptied_cache_without_making_old_values_fresh():
    with kept.building() as build:
        kept.depends_on("article:1")
    number_before = build.number
    cache.clear()  # a Redis restart

    with kept.building() as after:
        pass
    assert after.number > number_before
