from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's content (``seed_demo``) and the benchmark's (``bench_seed``): no model, no page."""

    name = "demo"
    verbose_name = "演示数据"
