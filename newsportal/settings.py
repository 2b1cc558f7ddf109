"""Settings for newsportal, read from the environment.

Every value has a safe laptop default; a malformed value stops start-up with a
message that names the variable (see ``newsportal.env``).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.templatetags.static import static

from newsportal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# `make run`: the demo as readers see it, on a laptop over plain http. DEBUG is
# off (the site's own 404 and 500 pages, not Django's debug page with file
# paths), and the laptop's defaults below replace production's.
DEMO = env_bool("DJANGO_DEMO", default=False)
DEBUG = env_bool("DJANGO_DEBUG", default=not DEMO)

SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and DEMO:
    from newsportal.env import local_secret_key

    SECRET_KEY = local_secret_key(BASE_DIR / "var" / "demo-secret-key")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # bandit: DEBUG only; production refuses to start without one.
    SECRET_KEY = "django-insecure-newsportal-local-development-only"  # nosec B105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG or DEMO else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin theme (issue 18): before django.contrib.admin, so its templates
    # win; it replaces admin.site with its own site before admin autodiscovery.
    "unfold",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "taggit",
    "sorl.thumbnail",
    "ckeditor",
    "ckeditor_uploader",
    "reversion",
    "axes",
    "core",
    "regions",
    # Before articles: its post_migrate hook gives 编辑 the friend-link permissions.
    "links",
    "ads",
    "articles",
    "search",
    "comments",
    "topics",
    "notices",
    "dashboard",
    "members",
    # seed_demo and bench_seed: imports the domain apps, none imports it.
    "demo",
]

MIDDLEWARE = [
    # First, so a cached page is answered before anything else runs (issue 6).
    # Entries keep the headers the middleware below added (CSP and the other
    # security headers); every deploy's migrate makes them stale.
    "core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP and Permissions-Policy (core.security).
    "core.security.SecurityHeadersMiddleware",
    # %00 in the address: 404 or dropped, never a database error (core.security).
    "core.security.NulCharacterMiddleware",
    # Database down -> the friendly 503 page (issue 7, core/resilience.py).
    "core.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A page built for a logged-in reader is marked private (members.middleware).
    "members.middleware.PrivateReaderPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns its lockout signal into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# PostgreSQL only. No DATABASE_URL: the project's own embedded server, data
# in var/postgres/, started on first use (core.embedded_postgres).
DATABASE_URL = env_str("DATABASE_URL", default="")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"DATABASE_URL must be a postgres:// URL (PostgreSQL is the only database), not {DATABASE_URL.split(':')[0]}:"
        )
    default_database = dj_database_url.parse(DATABASE_URL)
else:
    from core.embedded_postgres import server

    embedded_postgres = server(env_str("EMBEDDED_POSTGRES_DIR", default=str(BASE_DIR / "var" / "postgres")))
    # Every process that loads these settings counts as one of its users, so
    # runserver's reloader keeps it running while it restarts its child.
    embedded_postgres.join()
    default_database = embedded_postgres.settings("newsportal")
# How long a request may wait on PostgreSQL in all (core.dbwait, under
# gunicorn): readers briefly, then the 503 page or a kept copy; staff (a
# session cookie, or the admin) long enough for an editor's save. Opening a
# connection waits at most DATABASE_CONNECT_TIMEOUT_SECONDS, everywhere.
DATABASE_READER_TIMEOUT_SECONDS = env_int("DATABASE_READER_TIMEOUT_SECONDS", default=1)
DATABASE_STAFF_TIMEOUT_SECONDS = env_int("DATABASE_STAFF_TIMEOUT_SECONDS", default=20)
DATABASE_CONNECT_TIMEOUT_SECONDS = env_int("DATABASE_CONNECT_TIMEOUT_SECONDS", default=3)
DATABASES = {
    "default": {
        **default_database,
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": DATABASE_CONNECT_TIMEOUT_SECONDS, **default_database.get("OPTIONS", {})},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Read replicas (issue 6) ---------------------------------------------
# DATABASE_REPLICA_URLS=postgres://...,postgres://... adds replica1..N; the
# router sends reads to a random replica and every write to default. Without
# the variable there is no router and everything uses default.
from core.db_router import replica_databases  # noqa: E402

DATABASES.update(
    replica_databases(
        env_list("DATABASE_REPLICA_URLS", default=[]),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        connect_timeout=DATABASE_CONNECT_TIMEOUT_SECONDS,
    )
)
DATABASE_REPLICA_ALIASES = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICA_ALIASES else []
# --- end read replicas -----------------------------------------------------

REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache with short timeouts that treats a stopped Redis
            # as an empty cache instead of failing every page (issue 7).
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", default="newsportal"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsportal",
            # The default 300 entries would let thumbnail records evict side lists.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# --- Kept values and the full-page cache (core.kept, core.pagecache) --------
# A kept page or value is fresh this long unless what it shows changes
# first; the previous copy is kept longer, to be served while one request
# builds it again.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", default=3600)
PAGE_CACHE_LOCK_SECONDS = env_int("PAGE_CACHE_LOCK_SECONDS", default=10)
# While Redis is unreachable each worker answers from its own copies of the
# pages it served, each for a random 50-100 % of this long after Redis last
# said it was current (0: never). A withdrawal in that time reaches readers
# that much later: Redis is where changes are recorded.
PAGE_CACHE_LOCAL_SECONDS = env_int("PAGE_CACHE_LOCAL_SECONDS", default=30)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", default=300)
# The reader pages kept whole (URL names); listing pages may carry ?page=.
PAGE_CACHE_VIEWS = {
    "topics:index",
    "topics:detail",
    "articles:home",
    "articles:photos",
    "articles:region",
    "articles:column",
    "articles:tag",
    "articles:author",
    "articles:source",
    "articles:detail",
    "feed-latest",
    "feed-region",
}
PAGE_CACHE_PAGINATED_VIEWS = {
    "topics:index",
    "articles:home",
    "articles:photos",
    "articles:region",
    "articles:column",
    "articles:tag",
    "articles:author",
    "articles:source",
}
# What share links append (WeChat, Weibo, QQ, analytics); utm_* too. Such a
# link is the same page.
PAGE_CACHE_IGNORED_PARAMS = set(
    env_list("PAGE_CACHE_IGNORED_PARAMS", default=["from", "isappinstalled", "share", "spm", "scene", "clicktime"])
)
# A hit on an article page is a view, counted with the page's lookup.
PAGE_CACHE_HIT_COUNTER = "articles.counters.page_hit_counter"
# One view per reader per article in this many seconds (0: every request
# counts). A reader is an address (an IPv6 /64) and one of this many browser
# slots picked by the User-Agent (articles.readers).
VIEW_DEDUPE_SECONDS = env_int("VIEW_DEDUPE_SECONDS", default=600, minimum=0)
BROWSERS_PER_ADDRESS = env_int("BROWSERS_PER_ADDRESS", default=8, minimum=1)
# Caching proxies in front (Varnish, see deploy/varnish/): each change is
# sent to them as a BAN of the pages that show it (core.proxies).
PROXY_PURGE_URLS = env_list("PROXY_PURGE_URLS", default=[])
PROXY_PURGE_TIMEOUT = env_int("PROXY_PURGE_TIMEOUT_MS", default=500) / 1000
# --- end kept values ----------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# The admin theme's own strings in Chinese (django-unfold ships no zh-hans catalog).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads answered by Django itself: development and the demo. Production
# serves /media/ from the proxy or from object storage.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG or DEMO)

# --- Static files and media storage (issue 6) ------------------------------
# In production whitenoise serves compressed files with hashed names, which
# it marks cacheable for a year; dev and tests keep the plain storage so they
# need no collectstatic.
# Media files are written whole under a temporary name, then renamed (core/storage.py).
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "core.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", default=3600)  # unhashed names only

# Media on S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, Tencent
# COS) when a bucket is named; needs the [s3] extra (django-storages + boto3).
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3.
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env_str("MEDIA_S3_REGION", default="") or None,
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env_str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": None,
            "querystring_auth": env_bool("MEDIA_S3_SIGNED_URLS", default=False),
            "file_overwrite": False,
        },
    }
if not DEBUG:
    # Static files straight from gunicorn, before sessions and auth touch the
    # request. Development has runserver's own static view and no collected
    # folder for whitenoise to read.
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")  # fmt: skip
# --- end static files and media storage -------------------------------------

# Uploads through the rich-text editor and the cover/photo fields: real raster
# images only, at most this many bytes and pixels (see articles.images).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# An article's video (articles.videos): an MP4 of at most this many bytes,
# checked by ffprobe and given a poster by ffmpeg (Debian package ffmpeg).
# The article form of the admin may send this much more than other staff
# pages (core.request_limits; nginx's location for that form).
VIDEO_UPLOAD_MAX_BYTES = env_int("VIDEO_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024)
# Addresses that pictures pasted from other sites may be fetched from although
# they are not public (articles.remote_images). Only tests set it, for their
# loopback server; never from the environment.
REMOTE_IMAGE_TEST_ADDRESSES: list[str] = []
# The article form, while open: every this many seconds it says who has it
# open (正在编辑, articles.presence; a page gone quiet for three beats is
# dropped) and keeps what was typed as the person's draft copy
# (articles.autosave).
ARTICLE_PRESENCE_SECONDS = env_int("ARTICLE_PRESENCE_SECONDS", default=20, minimum=1)
ARTICLE_AUTOSAVE_SECONDS = env_int("ARTICLE_AUTOSAVE_SECONDS", default=30, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Bodies are refused by their declared size before a byte is read
# (core.request_limits): staff pages and the editor's upload take a
# picture and the form around it (keep it equal to nginx's
# client_max_body_size); readers only send comments and reports. Readers
# upload no files at all: a file part from anyone but staff is not read.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", default=12 * 1024 * 1024)
READER_BODY_MAX_BYTES = env_int("READER_BODY_MAX_BYTES", default=64 * 1024)
# The one reader page that takes a file: a logged-in reader's avatar on the
# profile page (members). Its body may hold the picture plus the form around it.
READER_UPLOAD_PATH = "/members/profile/"
READER_UPLOAD_MAX_BYTES = env_int("READER_UPLOAD_MAX_BYTES", default=3 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "core.request_limits.StaffUploadsOnly",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Cover and photo sizes are generated once by sorl-thumbnail and stored with
# the media; which sizes exist is remembered in the cache only, so rendering a
# list of images never queries the database (see articles.thumbnails).
THUMBNAIL_KVSTORE = "articles.thumbnails.CacheKVStore"
THUMBNAIL_QUALITY = 82
THUMBNAIL_PRESERVE_FORMAT = True

CKEDITOR_UPLOAD_PATH = "uploads/"
# Stores the picture as Pillow writes it again, never the uploaded bytes (articles.images.reencode).
CKEDITOR_IMAGE_BACKEND = "articles.uploads.ReencodingBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "height": 420,
        "width": "100%",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "JustifyLeft", "JustifyCenter"],
            ["Link", "Unlink", "Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "Source"],
        ],
        "removePlugins": "exportpdf",
    }
}

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"

# The operator's branding: the breadcrumb's "地方网", the tagline and footer.
SITE_NAME = env_str("SITE_NAME", default="川中地方网")
SITE_TAGLINE = env_str("SITE_TAGLINE", default="身边的新闻，家乡的声音")
SITE_FOOTER = env_str("SITE_FOOTER", default="川中地方网 版权所有 · 新闻线索请联系本站编辑部")
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000")
# The footer's 备案 lines, each shown only when set: the ICP filing number
# (links to beian.miit.gov.cn), the public-security filing (公安备案, links to
# beian.mps.gov.cn) and the 互联网新闻信息服务许可证 number. The demo shows
# made-up samples so the footer can be seen; a real site sets its own.
SITE_ICP_BEIAN = env_str("SITE_ICP_BEIAN", default="川ICP备00000000号-1" if DEMO else "")
SITE_PSB_BEIAN = env_str("SITE_PSB_BEIAN", default="川公网安备51200002000000号" if DEMO else "")
SITE_NEWS_LICENCE = env_str("SITE_NEWS_LICENCE", default="51120170000（示例）" if DEMO else "")
# Notices (通知) also go out by email through Django's EMAIL_* settings when on.
NOTICES_BY_EMAIL = env_bool("NOTICES_BY_EMAIL", default=False)
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@localhost>")

# The admin theme (django-unfold, issue 18). Everything it shows comes from its
# own static files: no web fonts or scripts from another host, so the admin's
# Content-Security-Policy stays as it is.
UNFOLD = {
    "SITE_HEADER": f"{SITE_NAME} 编辑部",
    "SITE_TITLE": f"{SITE_NAME} 后台",
    "SITE_SYMBOL": "newspaper",
    # Light only: our admin stylesheets and the dashboard's SVG charts are drawn for a light page.
    "THEME": "light",
    # Our own additions on every admin page (static/css/admin.css).
    "STYLES": [lambda request: static("css/admin.css")],
}

LOGIN_URL = "admin:login"  # reader pages name members:login themselves
# Where a login lands when its next= is missing or points off the site (Django's
# default, /accounts/profile/, is no page of ours).
LOGIN_REDIRECT_URL = "admin:index"

# --- Login throttling and browser security headers (issue 7) ----------------
# django-axes: 5 wrong passwords for one username from one IP lock that pair
# out for 15 minutes; a right password resets the count. The database handler
# rather than the cache: the count must hold across gunicorn workers even
# without Redis (locmem is per process, which would multiply the allowance),
# and editors can see and clear lockouts in the admin (访问尝试).
AUTHENTICATION_BACKENDS = [
    "core.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Staff see admin/locked_out.html; readers their login page, offering the code login.
AXES_LOCKOUT_CALLABLE = "members.views.locked_out"
# The same client address as the comment rate limit, honouring TRUSTED_PROXY_COUNT.
AXES_CLIENT_IP_CALLABLE = "comments.throttle.client_ip"
# No framing anywhere; CSP frame-ancestors says the same to newer browsers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# comments.js gets its token from /comments/token/ and the admin posts it in
# forms, so no script needs to read the cookie (wapiti's cookie-flags check).
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# --- end login throttling and headers ---------------------------------------

# Reader comments (see comments/). Counts shared through CACHES, so with
# REDIS_URL the rate limit holds across every app server.
COMMENT_MIN_LENGTH = env_int("COMMENT_MIN_LENGTH", default=2)
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", default=1000)
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", default=5)  # per IP per minute
COMMENT_DUPLICATE_MINUTES = env_int("COMMENT_DUPLICATE_MINUTES", default=10)
COMMENT_REPORTS_TO_REQUEUE = env_int("COMMENT_REPORTS_TO_REQUEUE", default=3)  # from distinct /24 or /48 networks
COMMENT_TRUSTED_AFTER = env_int("COMMENT_TRUSTED_AFTER", default=0)  # approved comments; 0 = off
COMMENT_LIKE_RATE_LIMIT = env_int("COMMENT_LIKE_RATE_LIMIT", default=30)  # likes per IP per minute; 0 = off
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts
# only REMOTE_ADDR, since any client can send that header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
# 实名: only readers with a verified mobile number may comment (前台自愿: the
# nickname stays free). Off in the demo.
COMMENT_REQUIRE_VERIFIED = env_bool("COMMENT_REQUIRE_VERIFIED", default=False)

# --- Reader accounts (members) ---------------------------------------------
# Login codes go out through SMS_BACKEND: "console" prints them (development,
# the demo, tests); "aliyun" sends them with Aliyun SMS (dysmsapi), signed
# with the AccessKey below. `check --deploy` warns about the console in production.
SMS_BACKENDS = {"console": "members.sms.ConsoleBackend", "aliyun": "members.sms.AliyunBackend"}
SMS_BACKEND = env_str("SMS_BACKEND", default="console")
if SMS_BACKEND not in SMS_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"SMS_BACKEND must be one of {', '.join(SMS_BACKENDS)}, not {SMS_BACKEND!r}.")
ALIYUN_SMS_ACCESS_KEY_ID = env_str("ALIYUN_SMS_ACCESS_KEY_ID", default="")
ALIYUN_SMS_ACCESS_KEY_SECRET = env_str("ALIYUN_SMS_ACCESS_KEY_SECRET", default="")
ALIYUN_SMS_SIGN_NAME = env_str("ALIYUN_SMS_SIGN_NAME", default="")
ALIYUN_SMS_TEMPLATE_CODE = env_str("ALIYUN_SMS_TEMPLATE_CODE", default="")
ALIYUN_SMS_ENDPOINT = env_str("ALIYUN_SMS_ENDPOINT", default="https://dysmsapi.aliyuncs.com/")
SMS_CODE_MINUTES = env_int("SMS_CODE_MINUTES", default=10)  # a code is good this long, once
SMS_CODE_ATTEMPTS = env_int("SMS_CODE_ATTEMPTS", default=5)  # wrong tries before a code is void
SMS_CODE_INTERVAL_SECONDS = env_int("SMS_CODE_INTERVAL_SECONDS", default=60)  # per number
SMS_CODES_PER_PHONE_PER_HOUR = env_int("SMS_CODES_PER_PHONE_PER_HOUR", default=5)
SMS_CODES_PER_IP_PER_HOUR = env_int("SMS_CODES_PER_IP_PER_HOUR", default=20)
# Logged-in readers' pages (the nickname in the header is filled in by
# static/js/account.js from this cookie, so cached pages stay shared).
READER_COOKIE_NAME = "np_reader"
# --- end reader accounts -----------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="WARNING")},
}

if not DEBUG:
    # The demo speaks plain http to 127.0.0.1: no redirect, no HSTS, and
    # cookies every browser sends over http.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEMO)
    SESSION_COOKIE_SECURE = not DEMO
    CSRF_COOKIE_SECURE = not DEMO
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEMO else 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# django-ckeditor warns that its bundled CKEditor 4.22.1 is unsupported. We
# keep it deliberately: its upload endpoint is staff-only and accepts only
# verified raster images, and every body is re-sanitized with nh3 on save, so
# the editor's own bugs cannot put script into a reader's page. README,
# "About the CKEditor warning", has the full reasoning.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
