from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from articles.schedule import shows_newest
from core.kept import depends_on, fresh_until
from topics.models import Topic


class TopicIndexView(ListView):
    """专题 index, newest first."""

    template_name = "topics/index.html"
    context_object_name = "topics"
    paginate_by = 20

    def get_queryset(self):
        depends_on("list:topics")
        # A scheduled topic appears at its time with nothing announcing it.
        upcoming = Topic.objects.filter(is_published=True, published_at__gt=timezone.now())
        next_at = upcoming.order_by("published_at").values_list("published_at", flat=True).first()
        fresh_until(next_at and next_at.timestamp())
        return Topic.objects.published().newest_first()


class TopicDetailView(DetailView):
    """One 专题: banner, introduction, its sections of article cards."""

    template_name = "topics/detail.html"
    context_object_name = "topic"

    def get_object(self, queryset=None):
        return get_object_or_404(Topic.objects.published().select_related("region"), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        shows_newest()  # a section by tag or region lists the newest articles
        return super().get_context_data(sections=self.object.sections_shown(), **kwargs)
