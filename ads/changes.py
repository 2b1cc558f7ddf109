"""An ad added, edited, removed, or its regions changed: announced
(core.changes) after the commit; articles.staleness maps it to the ``ads``
names of the pages whose slots show it. Start and end times need no
announcement: what ads.slots keeps is fresh only until the next of them."""

from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from ads.models import Ad
from core.changes import Change, announce


@dataclass(frozen=True)
class AdsChanged(Change):
    """The ads of a region (``region_id``) and the regions below it, or the site-wide ones (None), changed."""

    region_id: int | None


def _announce(region_ids):
    for region_id in region_ids or {None}:
        announce(AdsChanged(region_id))


def _regions_of(ad):
    return set(Ad.regions.through.objects.filter(ad_id=ad.pk).values_list("region_id", flat=True)) if ad.pk else set()


@receiver(pre_save, sender=Ad, dispatch_uid="ads_saving")
@receiver(pre_delete, sender=Ad, dispatch_uid="ads_deleting")
def ad_saving(sender, instance, **kwargs):
    instance.regions_before = _regions_of(instance)


@receiver(post_save, sender=Ad, dispatch_uid="ads_saved")
def ad_saved(sender, instance, **kwargs):
    _announce(getattr(instance, "regions_before", set()))


@receiver(post_delete, sender=Ad, dispatch_uid="ads_deleted")
def ad_deleted(sender, instance, **kwargs):
    # Its region rows go with it; where it showed was read at pre_delete.
    _announce(getattr(instance, "regions_before", set()))


@receiver(m2m_changed, sender=Ad.regions.through, dispatch_uid="ads_regions_changed")
def ad_regions_changed(sender, instance, action, pk_set, **kwargs):
    if action == "pre_clear":
        _announce(_regions_of(instance))
    elif action in ("post_add", "post_remove", "post_clear"):
        # The regions added or taken off, and where it shows now (everywhere, when none is left).
        now = _regions_of(instance)
        _announce(set(pk_set or ()) | (now or {None}))
