"""The API's one error shape, whatever refuses the request (a view, the schemas' validation, the door for
unreadable input, the rate limit, an outage, Django's own 404 and 405), in the language the request asks for.

    {"status": 422, "code": "out_of_range", "detail": "…",
     "errors": [{"code": "out_of_range", "loc": ["body", "ratings", "team-leadership"], "message": "…"}]}

`code` values are the contract (an enumeration in the OpenAPI document); `detail` and `message` are for people.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.csrf import csrf_exempt
from ninja import Schema
from pydantic import Field


class ErrorCode(StrEnum):
    UNREADABLE_INPUT = "unreadable_input"
    UNKNOWN_HOST = "unknown_host"
    MALFORMED_JSON = "malformed_json"
    NOT_FOUND = "not_found"
    UNKNOWN_ROLE = "unknown_role"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    BODY_TOO_LARGE = "body_too_large"
    NOT_JSON = "not_json"
    INVALID_REQUEST = "invalid_request"
    MISSING = "missing"
    UNKNOWN_FIELD = "unknown_field"
    WRONG_TYPE = "wrong_type"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"
    TOO_SHORT = "too_short"
    BAD_FORMAT = "bad_format"
    NOT_A_CHOICE = "not_a_choice"
    DUPLICATE = "duplicate"
    UNKNOWN_SKILL = "unknown_skill"
    INCOMPLETE = "incomplete"
    INVALID = "invalid"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"


# The statuses every operation may answer, with what each means; the document declares them all.
STATUSES = {
    400: gettext_noop(
        "la demande n’a pas pu être lue : du texte que personne ne saurait saisir, un corps qui n’est pas "
        "du JSON, ou un en-tête Host que le serveur ne sert pas"
    ),
    404: gettext_noop("pas d’adresse de ce nom, ou pas de poste publié sous ce slug"),
    405: gettext_noop("l’adresse ne prend pas cette méthode (l’en-tête Allow donne celles qu’elle prend)"),
    413: gettext_noop("le corps est plus grand que ce que le serveur lit"),
    415: gettext_noop("un corps envoyé sans le type de contenu JSON"),
    422: gettext_noop("un paramètre ou un champ du corps n’est pas valide : une entrée par problème"),
    429: gettext_noop("trop de demandes depuis l’adresse du client : Retry-After dit dans combien de secondes réessayer"),
    503: gettext_noop("le service est momentanément indisponible : Retry-After dit quand réessayer"),
}
RETRY_AFTER_STATUSES = (429, 503)

Loc = list[str | int]

UNKNOWN_ADDRESS = gettext_lazy("Cette adresse n’existe pas.")
UNKNOWN_HOST = gettext_lazy("Ce serveur ne répond pas pour l’hôte demandé (en-tête Host).")
UNREADABLE = gettext_lazy("La demande n’a pas pu être lue : elle n’a pas été traitée.")


class ErrorItem(Schema):
    code: ErrorCode = Field(description=gettext_noop("ce qui ne va pas, stable : un programme peut s’y fier"))
    loc: Loc = Field(
        description=gettext_noop(
            "où : la partie de la demande (« path », « query », « body », « header ») puis le champ, chacun une fois"
        )
    )
    message: str = Field(description=gettext_noop("la même chose, pour une personne, dans la langue de la demande"))


class Error(Schema):
    status: int = Field(description=gettext_noop("le statut HTTP, répété"))
    code: ErrorCode = Field(
        description=gettext_noop("le code de l’erreur s’il n’y en a qu’une ; invalid_request quand il y en a plusieurs")
    )
    detail: str = Field(description=gettext_noop("ce qui ne va pas, pour une personne, dans la langue de la demande"))
    errors: list[ErrorItem] = Field(min_length=1, description=gettext_noop("chaque problème trouvé, avec l’endroit où il est"))


@dataclass(frozen=True)
class Problem:
    code: ErrorCode
    message: Any  # text, or a lazy translation read in the language of the response
    loc: Sequence[str | int] = ()


class ApiError(Exception):
    """Raised by a view: the request is refused with this status and these problems."""

    def __init__(self, status: int, code: ErrorCode, message: str, loc: Sequence[str | int] = ()):
        self.status = status
        self.problems = [Problem(code, message, tuple(loc))]
        super().__init__(status, message)


class NotJson(ValueError):
    """A body sent without the JSON content type (the API's parser refuses to read it)."""


def api_language(request: HttpRequest) -> str:
    """The language of the API's texts: the `lang` parameter when it names one the site speaks, else the
    Accept-Language header (the API has no language prefix in its addresses)."""
    try:
        asked = request.GET.get("lang", "")
    except TooManyFieldsSent:  # refused with a 400 (`bad_request`), told in the header's language
        asked = ""
    if asked in dict(settings.LANGUAGES):
        return asked
    return translation.get_language_from_request(request, check_path=False)


def error_body(status: int, problems: Iterable[Problem], language: str) -> dict:
    """The one shape of every refusal under /api/, in `language`."""
    with translation.override(language):
        errors = [{"code": p.code.value, "loc": list(p.loc), "message": str(p.message)} for p in problems]
        single = len(errors) == 1
        return {
            "status": status,
            "code": errors[0]["code"] if single else ErrorCode.INVALID_REQUEST.value,
            "detail": errors[0]["message"] if single else _("La demande contient plusieurs erreurs : voir errors."),
            "errors": errors,
        }


def error_response(request: HttpRequest, status: int, problems: Iterable[Problem]) -> HttpResponse:
    """The one shape of every refusal under /api/, in JSON and in the request's language."""
    language = api_language(request)
    body = error_body(status, problems, language)
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
    response["Content-Language"] = language
    return response


def refused(request: HttpRequest, status: int, code: ErrorCode, message: Any, loc: Sequence[str | int] = ()) -> HttpResponse:
    """One problem; a lazy message is translated when the response is made, in the request's language."""
    return error_response(request, status, [Problem(code, message, tuple(loc))])


# The schemas' validation (pydantic's error types) in the API's words.
WRONG_TYPES = {
    "int_type": gettext_lazy("un nombre entier"),
    "int_parsing": gettext_lazy("un nombre entier"),
    "int_from_float": gettext_lazy("un nombre entier"),
    "string_type": gettext_lazy("un texte"),
    "dict_type": gettext_lazy("un objet"),
    "model_type": gettext_lazy("un objet"),
    "model_attributes_type": gettext_lazy("un objet"),
    "list_type": gettext_lazy("une liste"),
    "bool_type": gettext_lazy("true ou false"),
    "bool_parsing": gettext_lazy("true ou false"),
    "float_type": gettext_lazy("un nombre"),
    "none_required": gettext_lazy("null"),
}


@csrf_exempt  # a POST to an address that does not exist is a 404 too, not a page about cookies
def unknown_address(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under /api/ that the API does not have, whatever the method and the debug setting."""
    return refused(request, 404, ErrorCode.NOT_FOUND, UNKNOWN_ADDRESS, ["path"])


def validation_problem(error: dict[str, Any], loc: Sequence[str | int]) -> Problem:
    """One of pydantic's errors as a problem of the API, its message in the active language."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return Problem(ErrorCode.MISSING, _("Ce champ est obligatoire."), loc)
    if kind == "extra_forbidden":
        return Problem(ErrorCode.UNKNOWN_FIELD, _("Ce champ n’existe pas : il est refusé plutôt qu’ignoré."), loc)
    if kind in WRONG_TYPES:
        return Problem(ErrorCode.WRONG_TYPE, _("Valeur attendue : %(type)s.") % {"type": WRONG_TYPES[kind]}, loc)
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(ErrorCode.OUT_OF_RANGE, _("La valeur doit être au moins %(limit)s.") % {"limit": _bound(error)}, loc)
    if kind in ("less_than_equal", "less_than"):
        return Problem(ErrorCode.OUT_OF_RANGE, _("La valeur doit être au plus %(limit)s.") % {"limit": _bound(error)}, loc)
    if kind in ("string_too_long", "too_long"):
        limit = context.get("max_length")
        return Problem(ErrorCode.TOO_LONG, _("Trop long : %(limit)s au plus.") % {"limit": limit}, loc)
    if kind in ("string_too_short", "too_short"):
        limit = context.get("min_length")
        return Problem(ErrorCode.TOO_SHORT, _("Trop court : %(limit)s au moins.") % {"limit": limit}, loc)
    if kind == "string_pattern_mismatch":
        return Problem(ErrorCode.BAD_FORMAT, _("Ce texte n’a pas la forme attendue."), loc)
    if kind in ("literal_error", "enum"):
        return Problem(ErrorCode.NOT_A_CHOICE, not_a_choice(context.get("expected", "")), loc)
    if kind == "duplicate":
        return Problem(ErrorCode.DUPLICATE, _("Une même valeur apparaît deux fois."), loc)
    return Problem(ErrorCode.INVALID, _("Valeur non valide."), loc)


def not_a_choice(choices: str) -> str:
    return _("Valeur non permise : choisissez parmi %(choices)s.") % {"choices": choices}


def _bound(error: dict[str, Any]) -> Any:
    context = error.get("ctx") or {}
    return next(context[key] for key in ("ge", "gt", "le", "lt") if key in context)
