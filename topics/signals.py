"""What readers would notice when a 专题 changes, said once.

``topics_changed`` is sent with the topics whose pages changed and the
articles whose "本文收录于专题" line may have changed (the ones chosen
before or after). articles.changes announces it; articles.staleness
decides what it makes stale. Changes to the articles a topic lists reach
its page without this: the page names them (article:<id>, list:tag:<id>,
list:region:<id>).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

topics_changed = Signal()  # sent with topic_ids=[...], article_ids=[...]


@receiver(post_save, sender="topics.Topic", dispatch_uid="topic_saved")
@receiver(post_delete, sender="topics.Topic", dispatch_uid="topic_deleted")
def topic_changed(sender, instance, **kwargs):
    # Deleted: its chosen rows went first and named their articles.
    article_ids = instance.chosen_article_ids() if instance.pk else []
    topics_changed.send(sender=sender, topic_ids=[instance.pk], article_ids=article_ids)


@receiver(post_save, sender="topics.TopicSection", dispatch_uid="topic_section_saved")
@receiver(post_delete, sender="topics.TopicSection", dispatch_uid="topic_section_deleted")
def section_changed(sender, instance, **kwargs):
    topics_changed.send(sender=sender, topic_ids=[instance.topic_id], article_ids=[])


@receiver(post_save, sender="topics.SectionArticle", dispatch_uid="topic_article_saved")
@receiver(post_delete, sender="topics.SectionArticle", dispatch_uid="topic_article_deleted")
def chosen_changed(sender, instance, **kwargs):
    from topics.models import TopicSection

    topic_ids = TopicSection.objects.filter(pk=instance.section_id).values_list("topic_id", flat=True)
    topics_changed.send(sender=sender, topic_ids=list(topic_ids), article_ids=[instance.article_id])
