"""Settings for careerpath: one module, read from the environment.

Every variable has a safe default for local use; `.env.example` lists them all.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import hashlib
import os
import re
from contextlib import suppress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from careerpath.private_folder import is_private

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # Listed so that its documentation page uses the files shipped in its package, not a CDN.
    "ninja",
    # Django's admin on a site that asks staff for their second factor.
    "careerpath.apps.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's own form templates, found by the site's renderer (careerpath.forms)
    "bootstrap",
    "axes",
    "django_ratelimit",
    # Second factors (accounts.two_factor): codes from an authenticator app, and one-time recovery codes.
    "django_otp",
    "careerpath.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "careerpath.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    # Background tasks (careerpath.background): the django-tasks backport and its database backend.
    "django_tasks",
    "django_tasks_db",
    "careerpath.background",
    "accounts",
    "roles",
    "pathways",
    "plans",
]

MIDDLEWARE = [
    # First: a page kept for everyone skips the rest, and what it keeps carries every header the others set.
    "careerpath.cache.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "careerpath.middleware.CrossOriginResourcePolicyMiddleware",
    # Outside the rest, so that its ETag and 304 see the answer as sent, and its CORS headers reach every refusal.
    "careerpath.middleware.PublicApiMiddleware",
    # Before the refusal below, so that it answers over HTTPS with the security headers too.
    "django.middleware.security.SecurityMiddleware",
    # Text no person could have typed: 404 or 400 before the session or the database see it (and never a kept page).
    "careerpath.middleware.RefuseUnreadableInputMiddleware",
    "careerpath.outage.DatabaseOutageMiddleware",  # a view that cannot reach the database: 503, not 500
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "careerpath.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a second factor
    "accounts.sessions.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpath.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerpath.context_processors.language_links",
            ],
        },
    },
]

FORM_RENDERER = "careerpath.forms.SiteFormRenderer"

WSGI_APPLICATION = "careerpath.wsgi.application"

# DATABASE_URL unset: the embedded SQLite file; set: e.g. postgres://user:pass@host:5432/name
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# DJANGO_CACHE_URL unset: pages in a memory cache per process, and the content version, which
# every process must see (careerpath/cache.py), in files under DJANGO_CACHE_DIR;
# redis://host:6379/0 holds both for every process on every machine.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("DJANGO_CACHE_URL must be a redis:// or rediss:// URL.")
# Several instances each keeping their own files would each keep their own content version and rate counts: an
# editor's change would show on one and not the others, and each would let a client through up to the limit.
SINGLE_MACHINE = env_bool("DJANGO_SINGLE_MACHINE", False)
if not DEBUG and not CACHE_URL and not SINGLE_MACHINE:
    raise ImproperlyConfigured(
        "DJANGO_CACHE_URL must be set when DJANGO_DEBUG=0 (redis://host:6379/0, shared by every instance), "
        "or DJANGO_SINGLE_MACHINE=1 if the site runs on this machine alone."
    )


MEMORY_NEEDED = 256 * 2**20  # what the file caches may take in memory: 20,000 counts of a page (4 KB) each, and more


def private_cache_dir(memory: Path = Path("/dev/shm")) -> str:  # noqa: S108 (a folder of our own is made there, checked)
    """Where the file caches go without DJANGO_CACHE_DIR: in memory (`memory`, a tmpfs) where the machine has one with
    room for them, since a rate count is written on every POST and neither a count nor the content version need
    outlive a restart (on this machine's disk, replacing a count's file took 126 µs, a tenth of saving an assessment);
    else inside the checkout. Either way apart from other checkouts, and private to whoever runs the site, as the
    cache holds pickles: a folder in memory that someone else may write to is not used (careerpath.private_folder)."""
    try:
        room = os.statvfs(memory)
    except OSError:
        room = None
    if room and room.f_bavail * room.f_frsize >= MEMORY_NEEDED:
        checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:16]
        folder = memory / f"careerpath-{os.getuid()}-{checkout}"
        with suppress(OSError):
            folder.mkdir(mode=0o700, exist_ok=True)
        if is_private(folder):
            return str(folder)
    return str(BASE_DIR / ".cache")


CACHE_DIR = os.environ.get("DJANGO_CACHE_DIR") or ("" if CACHE_URL else private_cache_dir())


def redis_cache(forgive: str) -> dict:
    """One of the caches in Redis; `forgive` what carries on while Redis is away (careerpath/redis_cache.py)."""
    # A Redis that does not answer within half a second is away: a request waits no longer for it.
    options = {"forgive": forgive, "socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {"BACKEND": "careerpath.redis_cache.SharedCache", "LOCATION": CACHE_URL, "OPTIONS": options}


PAGES_KEPT = 500
CACHES = {
    # Per process without Redis: at most PAGES_KEPT entries, least recently used out first. Entries are
    # pages (at most careerpath.cache.MAX_PAGE_BYTES, 200 KB; most are 5 to 60 KB) and small counters,
    # so a process holds at most about 100 MB of them.
    # In Redis, a page that cannot be read or kept is made afresh.
    "default": redis_cache("all")
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": PAGES_KEPT},
    },
    # In Redis, a version that cannot be read is drawn afresh (pages are made, not found); one that cannot be
    # renewed refuses the content change.
    "content": redis_cache("reads")
    if CACHE_URL
    else {
        "BACKEND": "careerpath.private_folder.PrivateFileCache",
        "LOCATION": CACHE_DIR,
    },
    # Rate limit counts, which every process must share too; a folder of their own, so that the many
    # addresses counted never push the content version out of its folder (a file cache culls at random).
    # In Redis, a count that cannot be kept refuses the request (503).
    "ratelimit": redis_cache("")
    if CACHE_URL
    else {
        "BACKEND": "careerpath.private_folder.PrivateFileCache",
        "LOCATION": str(Path(CACHE_DIR) / "ratelimit"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
if CACHE_URL:
    # Sessions (staff, counsellors) read from Redis, written through to the database, so that a restarted Redis
    # signs nobody out; one that cannot be written refuses the request rather than leave a stale copy there.
    CACHES["sessions"] = redis_cache("reads")
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: a page's queries are short, and the role list's search crosses jit_above_cost, where
    # compiling took 137 of its 187 ms (measured on ESCO's 3,007 occupations); without it, 44 ms.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (gunicorn workers) may write: readers never wait for a writer (WAL),
    # writers queue up instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (careerpath.background: PDFs, the ESCO import). DJANGO_TASKS_BACKEND=database queues them in the
# database for `manage.py run_worker` (make worker); unset, each runs at once in the request that asks for it, as in
# the tests and `make dev`. On Django 6, the immediate backend is django.tasks.backends.immediate.ImmediateBackend.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in ("immediate", "database"):
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND must be immediate or database.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# ESCO's downloads an editor may import from the admin (roles.esco_runs.downloads), besides any path they type.
ESCO_DOWNLOADS = os.environ.get("DJANGO_ESCO_DOWNLOADS") or str(BASE_DIR.parent / "shared")
# A worker silent this long (killed, its machine gone) has its task run again by another (careerpath.background.lease).
TASKS_LEASE_SECONDS = float(os.environ.get("DJANGO_TASKS_LEASE_SECONDS", "30"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Counsellors sign in on the site (the admin has its own page).
LOGIN_URL = "plans:login"

# Only staff and counsellors have passwords (set in the admin or with createsuperuser): at least 12 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
# An occupation imported in English only still shows its English title to French visitors.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "en")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Proxies (load balancers) in front of the app: each adds to X-Forwarded-For, and the client's own address
# is read there (careerpath.clients), for login throttling and rate limits alike.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

# Password guessing (accounts.throttling): five failures against one account, or from one address whatever the
# accounts, lock it for an hour after the last; a success clears only that account's failures from that address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "accounts.throttling.OwnFailuresHandler"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "careerpath.clients.client_address"

# The second factor: the name authenticator apps show beside the account. Editors may delete someone's device
# (a lost phone) in the admin, never read its secret nor the recovery codes.
OTP_TOTP_ISSUER = "careerpath"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Signed-in sessions (staff, counsellors) end after 30 minutes without a request and 12 hours after sign-in
# (accounts.sessions); people's results and plans use no session.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_LONGEST_LIFE = 12 * 60 * 60


def env_rate(name: str, default: str) -> str:
    rate = os.environ.get(name) or default
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", rate):
        raise ImproperlyConfigured(f"{name} must be a count per period, e.g. 20/h or 100/10m (s, m, h, d).")
    return rate


# What one client address may send, counted in the "ratelimit" cache (careerpath/ratelimits.py).
RATE_LIMITS = {
    "assessments": env_rate("DJANGO_RATELIMIT_ASSESSMENTS", "20/h"),  # results saved: the form, what-if versions
    "deletions": env_rate("DJANGO_RATELIMIT_DELETIONS", "30/h"),
    "plans": env_rate("DJANGO_RATELIMIT_PLANS", "300/h"),  # a plan's changes: ticks, ratings, notes, shares, comments
    "pdfs": env_rate("DJANGO_RATELIMIT_PDFS", "30/h"),  # a plan's PDF: seconds of work each
    "routes": env_rate("DJANGO_RATELIMIT_ROUTES", "60/m"),  # POST /api/v1/route
    # What-ifs tried (GET; keeping one counts under "assessments"), a tenth of a second of work each. Sixty in
    # ten minutes is a try every ten seconds for ten minutes on end, more than a person weighing their answers
    # sends; it leaves one address a hundredth of a worker at most, and one who reaches it waits minutes, not hours.
    "what_if": env_rate("DJANGO_RATELIMIT_WHAT_IF", "60/10m"),
}
RATELIMIT_USE_CACHE = "ratelimit"
# 0 lifts every limit: for load tests from one address (make soak's first run), never in production.
RATELIMIT_ENABLE = env_bool("DJANGO_RATELIMITS", True)
# A file cache that cannot be read or written lets requests through rather than refusing them all (Redis away
# raises instead: 503, careerpath.outage).
RATELIMIT_FAIL_OPEN = True
# django-ratelimit 4.1 lists django-redis but not Django's own Redis backend, whose increments are just as
# atomic (INCR): W001 is a false alarm. Without Redis, the counts are files, shared by the processes of one
# machine, whose increment reads then writes (E003): two requests of one address at the same instant may
# count once. That is the trade for needing no server on one machine; DJANGO_CACHE_URL counts exactly.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if CACHE_URL else ["django_ratelimit.E003"])

# Nothing inline, nothing from elsewhere: scripts and styles come from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws form controls with data: SVG images
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# Browser features the site never uses, refused to its pages and to anything they could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Set by this host alone, over HTTPS, for every path: no subdomain or plain-HTTP page can plant them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # WeasyPrint (careerpath.pdf) warns of every CSS rule of Bootstrap's it ignores; its errors say what it left out.
    "loggers": {"weasyprint": {"level": "ERROR"}},
}
