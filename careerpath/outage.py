"""While the database, or Redis where it is needed (careerpath/redis_cache.py), is unreachable: a clear 503 in
the visitor's language, never a 500.

Cached public pages never reach the database (careerpath.cache.PageCacheMiddleware answers them
first), so they are still served; everything else gets this answer until the database is back,
when the next request simply connects again.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from .api_errors import ErrorCode, refused
from .redis_cache import AWAY as REDIS_AWAY

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = _("Le service est momentanément indisponible : réessayez dans une minute.")
logger = logging.getLogger(__name__)


def is_outage(error: BaseException | None) -> bool:
    """Connecting failed or the connection broke: not a bug to report, the database or Redis is away."""
    return isinstance(error, (OperationalError, InterfaceError, *REDIS_AWAY))


def database_unavailable(request) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response = refused(request, 503, ErrorCode.UNAVAILABLE, UNAVAILABLE)
    else:
        # The language the page would have had: the error may come before LocaleMiddleware chose it.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            # Drawn without context processors: they could need the database.
            response = HttpResponse(render_to_string("503.html", {"LANGUAGE_CODE": language}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """A view that cannot reach the database answers 503, whatever the debug setting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            logger.warning("database or Redis unreachable: %s", exception)
            return database_unavailable(request)
        return None


def server_error(request):
    """handler500: an outage met outside a view (a middleware's query) is still a 503."""
    if is_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)
