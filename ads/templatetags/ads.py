"""``{% ad_slot "header" %}``: the slot's ads, from the page's region (ads.slots).

The region is the one of the page's region lists (articles.region_lists),
else none: the site-wide ads. Every slot of a page shares one kept set,
looked up once per request.
"""

from django import template

from ads import slots

register = template.Library()


def _shown(context):
    lists = context.get("region_lists")
    region_id = getattr(lists, "region_id", None)
    request = context.get("request")
    memo = getattr(request, "_ads_by_region", None) if request is not None else None
    if memo is not None and region_id in memo:
        shown = memo[region_id]
        slots.depends_on(*shown.names)
        slots.fresh_until(shown.changes_at)
        return shown
    shown = slots.for_region(region_id)
    if request is not None:
        if memo is None:
            memo = request._ads_by_region = {}
        memo[region_id] = shown
    return shown


@register.inclusion_tag("ads/ads.html", takes_context=True)
def ad_slot(context, slot):
    return {"slot": slot, "ads": _shown(context).ads.get(slot, [])}
