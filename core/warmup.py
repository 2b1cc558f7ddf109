"""Load, before the first request, what the first request would load.

gunicorn loads the application once in its master process (``preload_app``)
and forks the workers from it, also each time a worker is recycled after
``max_requests``. Whatever the master has loaded every worker starts with;
the rest each new worker loads during its first request: the URLconf and
every view module, the translation catalogs and the compiled templates,
which made a new worker's first page-cache hit hundreds of times slower than
its second.
"""

from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation


def warm_up():
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and, through it, every view
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("首页")
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            with suppress(TemplateDoesNotExist, TemplateSyntaxError):  # a template of an app not installed here
                get_template(str(path.relative_to(folder)))
    # Nothing above should touch the database; if something did, the forked
    # workers must not share the master's connection.
    connections.close_all()
