"""The JSON API, version 1: django-ninja builds the OpenAPI schema from the same typed schemas
that validate requests, and serves its documentation page from files in its own package."""

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled

from pathways.api import router as pathways_router
from roles.api import router as roles_router

from .outage import database_unavailable

api = NinjaAPI(
    title="careerpath API",
    version="1",
    description=(
        "Roles toward operations leadership (written by the team or imported from ESCO), side-by-side "
        "comparisons, and the stateless route planner the site's result page uses. Read-only except "
        "POST /route, which stores nothing. Texts follow the Accept-Language header (fr or en). A control character "
        "or text that is not UTF-8 in a parameter is refused with 400, in the path with 404."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("", roles_router)
api.add_router("", pathways_router)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE is refused in JSON, like every other answer of the API."""
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_away(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Ninja answers a view's errors itself: an unreachable database is a 503 here too, debug or not."""
    return database_unavailable(request)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
    """Past a rate limit (careerpath.ratelimits): django-ninja adds Retry-After, the text says it too."""
    return api.create_response(
        request, {"detail": f"Too many requests from your address: try again in {exc.wait} seconds."}, status=429
    )
