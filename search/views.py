import hashlib
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from search import ranking
from search.query import SearchTerms, find_region
from search.results import find_hits

# Ten, as the search engines readers know show them: about three screens on a
# phone. Every result is highlighted and rendered for a search nobody made
# before, so twenty per page cost twice that on every new search.
RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=柠檬&region=512022&page=2: a results page for any input, never an error.

    The results list is the same for every reader, so it is a kept fragment
    (``{% kept_fragment %}``): its articles are read and highlighted only
    when the fragment is rendered.
    """
    terms = SearchTerms.parse(request.GET.get("q", ""))
    region_param = request.GET.get("region", "")
    region = find_region(region_param)
    context: dict[str, Any] = {
        "terms": terms,
        "region": region,
        "unknown_region": bool(region_param.strip()) and region is None,
    }
    if terms:
        page = Paginator(ranking.ranked_ids(terms, region), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            page_obj=page,
            hits=SimpleLazyObject(lambda: find_hits(list(page.object_list), terms)),
            more_than_shown=page.paginator.count >= ranking.RANKED_MATCHES,
            # The fragment shows the words as typed and links to other pages
            # with the same query string, so it is kept per query string.
            results_key=hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest(),
        )
    return render(request, "search/results.html", context)
