import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
django_application = get_wsgi_application()

from core.dbwait import DatabaseBudgetApplication  # noqa: E402
from core.health import HealthCheckApplication  # noqa: E402
from core.pagecache import FastHitApplication  # noqa: E402
from core.request_limits import BodyLimitApplication  # noqa: E402
from core.warmup import warm_up  # noqa: E402
from search.words import load_dictionary  # noqa: E402

# The load balancer's /healthz and fresh page-cache hits are answered before
# Django's request cycle (core.health, core.pagecache); so is a body
# over its limit, before it is read (core.request_limits). What reaches
# Django waits on the database for a bounded time (core.dbwait).
application = HealthCheckApplication(
    FastHitApplication(BodyLimitApplication(DatabaseBudgetApplication(django_application)))
)
# In gunicorn's master (preload_app), so every forked worker starts warm.
warm_up()
load_dictionary()
