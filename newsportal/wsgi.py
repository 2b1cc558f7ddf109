import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
django_application = get_wsgi_application()

from core.pagecache import FastHitApplication  # noqa: E402
from newsportal.dbwait import DatabaseBudgetApplication  # noqa: E402
from newsportal.health import HealthCheckApplication  # noqa: E402
from newsportal.request_limits import BodyLimitApplication  # noqa: E402
from newsportal.warmup import warm_up  # noqa: E402

# The load balancer's /healthz and fresh page-cache hits are answered before
# Django's request cycle (newsportal.health, core.pagecache); so is a body
# over its limit, before it is read (newsportal.request_limits). What reaches
# Django waits on the database for a bounded time (newsportal.dbwait).
application = HealthCheckApplication(
    FastHitApplication(BodyLimitApplication(DatabaseBudgetApplication(django_application)))
)
# In gunicorn's master (preload_app), so every forked worker starts warm.
warm_up()
