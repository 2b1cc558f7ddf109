"""The documented production environment is what ``make serve`` runs with.

Settings are read once at start-up, so each case starts a fresh ``manage.py``
with its own environment, as an operator would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-of-fifty-or-more-random-characters-0123456789",
    "DJANGO_ALLOWED_HOSTS": "news.example.cn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://news.example.cn",
    # Reader login codes go out by a real SMS provider (members.W001 warns about the console).
    "SMS_BACKEND": "aliyun",
    "ALIYUN_SMS_ACCESS_KEY_ID": "LTAI-example",
    "ALIYUN_SMS_ACCESS_KEY_SECRET": "example-secret",
    "ALIYUN_SMS_SIGN_NAME": "川中地方网",
    "ALIYUN_SMS_TEMPLATE_CODE": "SMS_000000",
}
PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'storages': s.STORAGES, 'middleware': s.MIDDLEWARE, 'routers': s.DATABASE_ROUTERS, "
    "'databases': sorted(s.DATABASES)}))"
)


def manage(*args, **env):
    ours = ("DJANGO_", "MEDIA_S3", "DATABASE_REPLICA")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
    environment.update(env)
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=Path(settings.BASE_DIR), env=environment, capture_output=True, text=True)


def settings_under(**env):
    result = manage("shell", "-c", PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_production_environment_passes_the_deployment_checklist_but_for_hsts_preload():
    result = manage("check", "--deploy", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    # Preloading HSTS is a one-way promise for every subdomain; the operator opts in.
    warnings = [line for line in result.stderr.splitlines() if line.startswith("?: (")]
    assert [line.split(")")[0] for line in warnings] == ["?: (security.W021"]


def test_production_serves_hashed_compressed_static_files_through_whitenoise():
    production = settings_under(**PRODUCTION)

    assert production["storages"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    middleware = production["middleware"]
    # Static files are answered right after the security headers are decided,
    # before sessions, auth or anything that might touch the database.
    after_security = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    assert middleware[after_security] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_development_needs_no_collectstatic():
    development = settings_under()

    assert development["storages"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_media_goes_to_object_storage_when_a_bucket_is_named():
    with_bucket = settings_under(MEDIA_S3_BUCKET="newsportal-media", MEDIA_S3_ENDPOINT_URL="https://oss.example.cn")

    media = with_bucket["storages"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "newsportal-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://oss.example.cn"
    assert settings_under()["storages"]["default"]["BACKEND"] == "core.storage.AtomicFileSystemStorage"


def test_replica_urls_add_replica_aliases_and_the_router():
    with_replicas = settings_under(
        DATABASE_REPLICA_URLS="postgres://r@replica-a.example/news, postgres://r@replica-b.example/news"
    )

    assert with_replicas["databases"] == ["default", "replica1", "replica2"]
    assert with_replicas["routers"] == ["core.db_router.PrimaryReplicaRouter"]
    assert settings_under()["routers"] == []


def test_production_cookies_are_secure_and_hsts_is_a_year(tmp_path):
    # Issue 7: only over HTTPS, and the browser remembers to use it.
    show = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_HTTPONLY]))"
    )
    result = manage("shell", "-c", show, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True, 31_536_000, True, True, True]


def production_python(code):
    """Run ``code`` in a fresh Python with the production environment and none of ours."""
    ours = ("DJANGO_", "MEDIA_S3", "DATABASE_REPLICA")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
    environment.update(PRODUCTION)
    return subprocess.run([sys.executable, "-c", code], cwd=Path(settings.BASE_DIR), env=environment,
                          capture_output=True, text=True)  # fmt: skip


def test_loading_the_wsgi_application_loads_what_the_first_request_needs():
    """gunicorn forks its workers from the process that loaded the application:
    a worker started after a recycle then answers its first request at once,
    without importing the views or reading jieba's dictionary first."""
    check = (
        "import sys, jieba, newsportal.wsgi; "
        "print('articles.views' in sys.modules, 'comments.views' in sys.modules, jieba.dt.initialized)"
    )
    result = production_python(check)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_gunicorn_freezes_the_loaded_application_before_forking_a_worker():
    """A worker's garbage collections then leave Django, the views and jieba's dictionary alone."""
    check = (
        "import gc, runpy, newsportal.wsgi; config = runpy.run_path('newsportal/gunicorn.conf.py'); "
        "loaded = len(gc.get_objects()); config['pre_fork'](None, None); print(gc.get_freeze_count() >= loaded)"
    )
    result = production_python(check)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]
