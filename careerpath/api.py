"""The JSON API, version 1: django-ninja builds the OpenAPI schema from the same typed schemas
that validate requests, and serves its documentation page from files in its own package."""

import json
import re
from functools import cache, partial, wraps
from typing import Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from ninja import NinjaAPI, Schema, Swagger
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.responses import Response
from pydantic import Field

from pathways.api import router as pathways_router
from roles.api import router as roles_router

from . import api_errors
from .api_document import in_language
from .api_errors import ApiError, ErrorCode, NotJson, error_body, error_response, refused, validation_problem
from .api_examples import declare_examples
from .api_pages import Url
from .cache import content_version
from .outage import database_unavailable


class JsonParser(Parser):
    """A body is read only when it says it is JSON: text sent as text/plain is refused (415), not guessed at."""

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            raise NotJson(request.content_type)
        return super().parse_body(request)


class CareerpathApi(NinjaAPI):
    """The places where django-ninja's defaults are not the contract: the error shape (one for every refusal,
    declared on every operation), the locations of invalid fields, the operations' names, the language."""

    def validation_error_from_error_contexts(self, error_contexts) -> ValidationError:
        """Each invalid field located once: its part of the request, then its path in it (ninja repeats the
        body's argument name after "body", and a query schema's name after "query")."""
        errors = []
        for context in error_contexts:
            model = context.model
            source = model.__ninja_param_source__
            for error in context.pydantic_validation_error.errors(include_url=False, include_input=False):
                loc = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                if source == "body" and loc and loc[0] in model.model_fields:
                    loc = loc[1:]  # the view's argument, not a field the client sends
                errors.append({"type": error["type"], "ctx": error.get("ctx"), "loc": [source, *loc]})
        return ValidationError(errors)

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    @property
    def urls(self):
        """ninja answers a method an address does not take with a plain-text 405: here, the API's JSON. The
        document names the server it was asked from."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if pattern.name == "openapi-json":
                pattern.callback = partial(document_with_server, api=self)
            pattern.callback = _json_not_allowed(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return without_unused_schemas(declare_examples(declare_errors_and_language(schema)))

    @cache  # noqa: B019 (one API, made once: its document changes only with the code)
    def document(self, language: str) -> dict:
        """The document in `language`, made once per language."""
        schema = in_language(self.get_openapi_schema(), language)
        with translation.override(language):
            schema["info"]["title"] = _(schema["info"]["title"])
            schema["info"]["license"]["name"] = _(schema["info"]["license"]["name"])
            too_high = validation_problem({"type": "less_than_equal", "ctx": {"le": 5}}, ["body", "ratings", "team-leadership"])
        schema["components"]["schemas"]["Error"]["examples"] = [error_body(422, [too_high], language)]
        return schema


class SwaggerInLanguage(Swagger):
    """The documentation page shows the document in the page's own language (`lang`, else Accept-Language)."""

    def get_openapi_url(self, api: NinjaAPI, path_params: dict) -> str:
        return f"{super().get_openapi_url(api, path_params)}?lang={translation.get_language()}"


def document_with_server(request: HttpRequest, api: CareerpathApi, **kwargs) -> HttpResponse:
    """The OpenAPI document in the request's language, with `servers` filled from the request: the scheme and host it
    came by, so that a client generated from it, or the documentation page, calls the server that gave it."""
    schema = api.document(translation.get_language())
    server = {"url": site_root(request), "description": _("le serveur d’où vient ce document")}
    contact = {"name": _("l’équipe de careerpath"), "url": f"{site_root(request)}/"}
    return Response({**schema, "servers": [server], "info": {**schema["info"], "contact": contact}})


def site_root(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").removesuffix("/")


def _json_not_allowed(view):
    @wraps(view)
    def answered_in_json(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = refused(
                request,
                405,
                ErrorCode.METHOD_NOT_ALLOWED,
                _("Cette adresse ne prend pas la méthode %(method)s : elle prend %(allowed)s.")
                % {"method": request.method, "allowed": allowed},
            )
            response["Allow"] = allowed
        return response

    return answered_in_json


LANGUAGE_PARAMETERS = [
    {
        "in": "query",
        "name": "lang",
        "required": False,
        "description": gettext_noop("la langue des textes et des messages de la réponse ; l’emporte sur Accept-Language"),
        "schema": {"$ref": "#/components/schemas/Language"},
    },
    {
        "in": "header",
        "name": "Accept-Language",
        "required": False,
        "description": gettext_noop(
            "les langues que lit le client (fr ou en) ; le français quand aucune des deux n’est demandée"
        ),
        "schema": {"type": "string"},
    },
]
RETRY_AFTER = {
    "Retry-After": {"description": gettext_noop("les secondes à attendre avant de réessayer"), "schema": {"type": "integer"}}
}
CONTENT_LANGUAGE = {"Content-Language": {"description": gettext_noop("la langue des textes"), "schema": {"type": "string"}}}


def declare_errors_and_language(schema: dict) -> dict:
    """Every operation takes `lang` and Accept-Language and may answer each error status, in the one shape."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = api_errors.Error.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["Error"] = error_schema
    for named in schemas.values():
        if "enum" in named:
            named.pop("description", None)  # the enumeration's docstring, for the code's readers: its fields describe it
    schemas["Language"] = {"type": "string", "enum": [code for code, _name in settings.LANGUAGES], "title": "Language"}
    for operations in schema["paths"].values():
        for operation in operations.values():
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            operation.setdefault("parameters", []).extend(p for p in LANGUAGE_PARAMETERS if p["name"] not in names)
            responses = operation["responses"]
            for status, description in api_errors.STATUSES.items():
                if status in (413, 415) and "requestBody" not in operation:
                    continue
                headers = {**CONTENT_LANGUAGE, **(RETRY_AFTER if status in api_errors.RETRY_AFTER_STATUSES else {})}
                responses[status] = {
                    "description": description,
                    "headers": headers,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
    return schema


def without_unused_schemas(schema: dict) -> dict:
    """Only the schemas an operation uses: ninja also lists the models it reads query parameters with (their
    fields are declared one by one as parameters), which a generator would turn into classes nobody sends."""
    schemas = schema["components"]["schemas"]
    used, pending = set(), _references(schema["paths"])
    while pending:
        name = pending.pop()
        if name not in used:
            used.add(name)
            pending |= _references(schemas[name])
    schema["components"]["schemas"] = {name: value for name, value in schemas.items() if name in used}
    return schema


REFERENCE = re.compile(r'"\$ref": "#/components/schemas/([^"]+)"')


def _references(node) -> set[str]:
    return set(REFERENCE.findall(json.dumps(node)))


# The terms of the answers: the team's content, and ESCO's data (credited in `attribution` wherever an answer
# carries it) under the Commission's decision on the reuse of its documents.
LICENCE = {
    "name": gettext_noop(
        "le contenu de careerpath : réutilisation avec la permission de l’équipe ; les données d’ESCO : réutilisation "
        "avec mention de la source (décision 2011/833/UE de la Commission)"
    ),
    "url": "https://eur-lex.europa.eu/eli/dec/2011/833/oj",
}

api = CareerpathApi(
    title=gettext_noop("API de careerpath"),
    version="1",
    description=gettext_noop(
        "Les postes vers la direction des opérations (rédigés par l’équipe ou importés d’ESCO), leurs comparaisons "
        "côte à côte, et le planificateur de parcours sans état qu’utilise la page de résultat du site. En lecture "
        "seule, sauf POST /route, qui n’enregistre rien. Les textes, les messages d’erreur et ce document suivent le "
        "paramètre `lang`, sinon l’en-tête Accept-Language (fr ou en ; le français par défaut). Chaque refus a une "
        "seule forme (le schéma Error) : un `code` stable par problème, l’endroit où il est (`loc`) et un message "
        "dans la langue de la demande."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=SwaggerInLanguage(),
    parser=JsonParser(),
    openapi_extra={"info": {"license": LICENCE}},
)
api.add_router("", roles_router)
api.add_router("", pathways_router)


class Resource(Schema):
    operation: str = Field(description=gettext_noop("l’operationId de l’opération dans le document"))
    method: Literal["GET", "POST"]
    url: str = Field(
        description=gettext_noop(
            "son adresse complète ; une partie entre accolades ({slug}) tient la place d’une valeur à y mettre"
        )
    )
    summary: str


class Root(Schema):
    api_version: str = Field(description=gettext_noop("la version de cette API (ses adresses commencent par /api/v<version>/)"))
    content_version: str = Field(
        description=gettext_noop(
            "change dès qu’un éditeur change le contenu (postes, compétences, parcours) : deux réponses lues sous la "
            "même version du contenu viennent du même contenu"
        )
    )
    documentation: Url = Field(description=gettext_noop("la page de documentation"))
    openapi: Url = Field(description=gettext_noop("le document OpenAPI"))
    resources: list[Resource] = Field(description=gettext_noop("chaque opération de l’API"))


@api.get("/", response=Root, summary=gettext_noop("Ce qu’offre l’API, avec sa version et celle du contenu"), tags=["discovery"])
def api_root(request: HttpRequest):
    root = site_root(request)
    return {
        "api_version": api.version,
        "content_version": str(content_version()),  # a text: the number is larger than JavaScript counts exactly
        "documentation": request.build_absolute_uri(reverse("api-v1:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
        "resources": [
            {**resource, "url": root + resource["url"], "summary": _(resource["summary"])} for resource in operations()
        ],
    }


@cache
def operations() -> list[dict]:
    """The document's operations, read once: they change only with the code."""
    return [
        {"operation": operation["operationId"], "method": method.upper(), "url": path, "summary": operation["summary"]}
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method, operation in methods.items()
    ]


@api.exception_handler(ApiError)
def refused_by_a_view(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(request, exc.status, exc.problems)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(request, 422, [validation_problem(error, error["loc"]) for error in exc.errors])


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return refused(request, 404, ErrorCode.NOT_FOUND, api_errors.UNKNOWN_ADDRESS)


@api.exception_handler(HttpError)
def unreadable_body(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals: a body it could not parse (400), or one we would not read (415)."""
    if isinstance(exc.__cause__, NotJson):
        return refused(
            request,
            415,
            ErrorCode.NOT_JSON,
            _("Le corps de la demande doit être du JSON (application/json)."),
            ["header", "Content-Type"],
        )
    malformed = _("Le corps de la demande n’est pas du JSON valide.")
    return refused(request, exc.status_code, ErrorCode.MALFORMED_JSON, malformed, ["body"])


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE is refused in JSON, like every other answer of the API."""
    return refused(request, 413, ErrorCode.BODY_TOO_LARGE, _("Le corps de la demande est trop volumineux."), ["body"])


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_away(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Ninja answers a view's errors itself: an unreachable database is a 503 here too, debug or not."""
    return database_unavailable(request)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
    """Past a rate limit (careerpath.ratelimits): django-ninja adds Retry-After, the text says it too."""
    return refused(
        request,
        429,
        ErrorCode.RATE_LIMITED,
        ngettext(
            "Trop de demandes depuis votre adresse : réessayez dans %(seconds)s seconde.",
            "Trop de demandes depuis votre adresse : réessayez dans %(seconds)s secondes.",
            exc.wait or 0,
        )
        % {"seconds": exc.wait},
    )
