"""The two endpoints of an ad: its signed click and its impression beacon.

``/ad/<id>/go/?sig=…`` leads only to the link stored with the ad, and only
when ``sig`` was made for that ad and that link (ads.slots.click_signature):
a wrong id, signature or link is a 404, never a redirect to an address taken
from the request. ``/ad/<id>/seen/?sig=…`` is posted by static/js/ads.js
(``navigator.sendBeacon``) when an ad comes into view. Both count in the
cache (ads.counting), never in the database.
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ads import counting, slots
from ads.models import Ad


@never_cache
@require_GET
def go(request, pk):
    link = Ad.objects.filter(pk=pk).values_list("link", flat=True).first()
    if link is None or not slots.signed(request.GET.get("sig", ""), slots.click_signature(pk, link)):
        raise Http404("没有这条广告。")
    counting.record(pk, counting.CLICK, request)
    response = HttpResponseRedirect(link)
    response["Referrer-Policy"] = "origin"
    return response


# A beacon carries no CSRF token, and changes nothing but a counter the signature guards.
@csrf_exempt
@never_cache
@require_POST
def seen(request, pk):
    if not slots.signed(request.GET.get("sig", ""), slots.seen_signature(pk)):
        raise Http404("没有这条广告。")
    counting.record(pk, counting.IMPRESSION, request)
    return HttpResponse(status=204)
