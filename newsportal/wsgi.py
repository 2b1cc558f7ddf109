import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
application = get_wsgi_application()

# In gunicorn's master (preload_app), so every forked worker starts warm.
from newsportal.warmup import warm_up  # noqa: E402

warm_up()
