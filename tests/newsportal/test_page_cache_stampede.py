"""When a hot page goes stale, a crowd of readers arriving together causes one
rebuild: everyone else gets the previous copy or the rebuilt one."""

import threading
import urllib.request
from collections import Counter

import pytest

from core.kept import mark_changed
from core.pagecache import HEADER
from tests.factories import ArticleFactory

READERS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_readers_at_once_on_a_stale_page_cause_one_rebuild(live_server):
    article = ArticleFactory(title="乐至县蚕桑丰收")
    url = live_server.url + article.get_absolute_url()
    urllib.request.urlopen(url).read()
    mark_changed([f"article:{article.pk}"])  # a moderation decision, say
    start = threading.Barrier(READERS)
    states = []

    def reader():
        start.wait()
        with urllib.request.urlopen(url) as response:
            states.append(response.headers[HEADER])

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    seen = Counter(states)
    assert seen["MISS"] == 1
    assert seen["STALE"] + seen["HIT"] == READERS - 1
