from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        from taggit.models import Tag

        # Connect their signal handlers (the announcements of what changed, and
        # what each change makes stale) and register the system check for ffmpeg.
        from articles import changes, checks, staleness  # noqa: F401
        from articles.roles import ensure_roles_after_migrate
        from articles.slugs import taggit_slugify

        post_migrate.connect(ensure_roles_after_migrate, sender=self, dispatch_uid="articles_newsroom_roles")
        post_migrate.connect(changes.site_deployed, sender=self, dispatch_uid="articles_site_deployed")
        # taggit's own slugify leaves a punctuation-only name with an empty
        # slug. A custom tag model is taggit's way to change it, but that
        # would move every tag to a new table; slugify is the one method such
        # models override, so the stock model gets ours instead.
        Tag.slugify = taggit_slugify
