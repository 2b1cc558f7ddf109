from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.models import Article, Author, Column, Source
from regions.models import Region


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing().newest_first()


class ArticleListMixin:
    """A paginated list of published articles filtered by one subject."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, articles, subject):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_articles(Article.objects.published(), self.subject).for_listing().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class RegionView(ArticleListMixin, ListView):
    def get_subject(self):
        return get_object_or_404(Region.objects.active(), path=self.kwargs["path"])

    def filter_articles(self, articles, region):
        return articles.in_region(region)


class ColumnView(ArticleListMixin, ListView):
    def get_subject(self):
        return get_object_or_404(Column, slug=self.kwargs["slug"])

    def filter_articles(self, articles, column):
        return articles.filter(column=column)


class TagView(ArticleListMixin, ListView):
    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, articles, tag):
        return articles.filter(tags=tag)


class AuthorView(ArticleListMixin, ListView):
    def get_subject(self):
        return get_object_or_404(Author, pk=self.kwargs["pk"])

    def filter_articles(self, articles, author):
        return articles.filter(byline__author=author).distinct()


class SourceView(ArticleListMixin, ListView):
    def get_subject(self):
        return get_object_or_404(Source, pk=self.kwargs["pk"])

    def filter_articles(self, articles, source):
        return articles.filter(source=source)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_listing().prefetch_related("photos", "tags")

    def get_context_data(self, **kwargs):
        from comments.models import Comment

        return super().get_context_data(comments=Comment.objects.for_article_page(self.object), **kwargs)
