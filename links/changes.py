"""A friend link added, edited or removed: announced (core.changes) after the
commit; articles.staleness maps it to the ``links`` names of the pages whose
footer shows it."""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.changes import Change, announce
from links.models import FriendLink


@dataclass(frozen=True)
class LinksChanged(Change):
    """The friend links of a region (``region_id``), or the site-wide ones (None), changed."""

    region_id: int | None


@receiver(pre_save, sender=FriendLink, dispatch_uid="links_saving")
def link_saving(sender, instance, **kwargs):
    # A link moved to another region leaves the footer of the one it was in.
    before = FriendLink.objects.filter(pk=instance.pk).values_list("region_id", flat=True) if instance.pk else []
    instance.regions_before = set(before)


@receiver(post_save, sender=FriendLink, dispatch_uid="links_saved")
@receiver(post_delete, sender=FriendLink, dispatch_uid="links_deleted")
def link_changed(sender, instance, **kwargs):
    announce(LinksChanged(instance.region_id))
    for region_id in getattr(instance, "regions_before", set()) - {instance.region_id}:
        announce(LinksChanged(region_id))
