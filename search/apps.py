from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: the words of each article (kept up to date on save) and the /search/ page."""

    name = "search"
    verbose_name = "站内搜索"

    def ready(self) -> None:
        from search import indexing  # noqa: F401  (connects the save handler)
