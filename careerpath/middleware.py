from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest, DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from .api_errors import UNKNOWN_ADDRESS, UNKNOWN_HOST, UNREADABLE, ErrorCode, api_language, not_a_choice, refused
from .text import could_be_typed, typed_text


class ApiLanguageMiddleware:
    """The API has no language prefix: its texts follow the `lang` parameter or the Accept-Language header instead.

    LocaleMiddleware gives every unprefixed path the default language, which is right for the
    pages (French lives at /, English at /en/) but would make the header useless for the API.

    A Host the site does not serve is refused here for the API, before CommonMiddleware raises DisallowedHost:
    in JSON (`bad_request`) even where Django's debug page would answer it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            try:
                request.get_host()
            except DisallowedHost as refusal:
                return bad_request(request, refusal)
            language = api_language(request)
            if request.GET.get("lang", language) not in dict(settings.LANGUAGES):
                choices = ", ".join(code for code, _name in settings.LANGUAGES)
                with translation.override(language):
                    message = not_a_choice(choices)
                return refused(request, 422, ErrorCode.NOT_A_CHOICE, message, ["query", "lang"])
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class CrossOriginResourcePolicyMiddleware:
    """No other site may load our pages, files or API answers into its own (Cross-Origin-Resource-Policy):
    Django sets the opener policy, not this one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


PUBLIC_API = "/api/v1/"
PUBLIC_API_MAX_AGE = 60  # seconds a client or a shared cache may reuse an answer: an editor's change shows within a minute
# Headers a page on another site may read from an answer (besides the ones every browser lets it read).
EXPOSED_HEADERS = "ETag, Retry-After, Content-Language"


class PublicApiMiddleware(ConditionalGetMiddleware):
    """What the API's public reads (GET under /api/v1/) answer for other sites and for caches.

    CORS: any site may read them from a browser (Access-Control-Allow-Origin: *, without credentials: nothing
    there depends on who asks), and the preflight a browser sends before a GET with other headers is answered
    here. Writes (POST /route) stay same-origin. Caching: a successful answer may be kept a minute, and carries an
    ETag (a digest of its bytes, as ConditionalGetMiddleware makes it): a client that sends it back in
    If-None-Match gets a 304 without the body.
    """

    def __call__(self, request):
        if is_preflight(request):
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET"
            response["Access-Control-Allow-Headers"] = "Accept-Language, If-None-Match"
            response["Access-Control-Max-Age"] = str(24 * 60 * 60)
            response["Access-Control-Allow-Origin"] = "*"
            return response
        return super().__call__(request)

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD") or not request.path_info.startswith(PUBLIC_API):
            return response
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        patch_vary_headers(response, ["Accept-Language"])  # the `lang` parameter is part of the address
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_API_MAX_AGE)
        return super().process_response(request, response)


def is_preflight(request: HttpRequest) -> bool:
    """A browser asking whether another site's page may GET this API address."""
    return (
        request.method == "OPTIONS"
        and request.path_info.startswith(PUBLIC_API)
        and "Origin" in request.headers
        and request.headers.get("Access-Control-Request-Method") == "GET"
    )


def path_could_be_typed(request: HttpRequest) -> bool:
    """The path, decoded: Django has decoded it already, writing the bytes that are not UTF-8 as %XX again,
    which decoding once more gives back. A "%" the visitor sent encoded (%25) reads the same way: no address of
    this site holds one, so a NUL encoded twice (%2500) is refused too."""
    return typed_text(unquote_to_bytes(request.path_info)) is not None


def query_could_be_typed(request: HttpRequest) -> bool:
    """The query string, names and values, decoded. A WSGI server hands it over as Latin-1 text, which gives back
    the bytes sent (as Django reads it too); an ASGI one has decoded it already."""
    if isinstance(request, WSGIRequest):
        sent = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
    else:
        sent = request.META.get("QUERY_STRING", "").encode()
    return typed_text(unquote_to_bytes(sent)) is not None


def fields_within_limits(request: HttpRequest) -> bool:
    """No more query fields than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS). Past it, reading the query raises
    each time it is tried: the refusal's page, which reads it too (the language links), is drawn with none."""
    try:
        request.GET  # noqa: B018 (read to be checked)
    except TooManyFieldsSent:
        request.GET = QueryDict()
        return False
    return True


def form_could_be_typed(request: HttpRequest) -> bool:
    """A form's fields, names and values, when a POST sends one (urlencoded: as bytes, before Django decodes them
    and replaces what is not UTF-8; multipart: as Django reads them, which files' contents are not part of)."""
    if request.method != "POST":
        return True
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            return typed_text(unquote_to_bytes(request.body)) is not None
        if request.content_type == "multipart/form-data":
            names = [*request.POST, *request.FILES]
            values = [value for _name, values in request.POST.lists() for value in values]
            return all(could_be_typed(text) for text in (*names, *values))
    except RequestDataTooBig:
        pass  # the view meets it too when it reads the form, and answers as it does (the API: 413)
    return True


# The API's answer (its pages say the same in the site's 400 page).
UNREADABLE_REQUEST = _(
    "La demande contient des caractères qu’on ne saisit pas au clavier (caractères de contrôle) ou du texte qui "
    "n’est pas de l’UTF-8 : elle n’a pas été traitée."
)


def refusal(request: HttpRequest, status: int, message=UNREADABLE_REQUEST) -> HttpResponse:
    """The site's own 404 or 400 page, in the language of the address; under /api/ the API's JSON error, in the
    language the request asks for. LocaleMiddleware has not chosen it yet."""
    if request.path_info.startswith("/api/"):
        if status == 404:
            return refused(request, 404, ErrorCode.NOT_FOUND, UNKNOWN_ADDRESS, ["path"])
        return refused(request, 400, ErrorCode.UNREADABLE_INPUT, message, ["query" if request.GET else "body"])
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if status == 404:
            return defaults.page_not_found(request, Http404())
        return defaults.bad_request(request, BadRequest())


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 400 (handler400), for what Django refuses before any view: a Host outside ALLOWED_HOSTS, too many
    fields, a file name trying to escape. Under /api/ the API's JSON error, in the language the request asks for;
    elsewhere the site's own page."""
    if not request.path_info.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, DisallowedHost):
        return refused(request, 400, ErrorCode.UNKNOWN_HOST, UNKNOWN_HOST, ["header", "Host"])
    return refused(request, 400, ErrorCode.UNREADABLE_INPUT, UNREADABLE)


class RefuseUnreadableInputMiddleware:
    """Text no person could have typed (careerpath.text) is refused before anything reads it: in the path, 404
    (no page has such an address); in the query string or a form's fields, names or values, 400. Nothing reaches
    a view, the session or the database, where PostgreSQL would refuse a NUL with a server error; the page cache
    serves no kept page in place of the refusal (careerpath.cache.shared_page_key).

    Reading a multipart form here parses it before the views could change its upload handlers: none does
    (CsrfViewMiddleware reads it before them anyway). A JSON body is the API's to validate (its schemas' patterns).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not path_could_be_typed(request):
            return refusal(request, 404)
        if not query_could_be_typed(request) or not form_could_be_typed(request):
            return refusal(request, 400)
        if not fields_within_limits(request):
            return refusal(request, 400, UNREADABLE)
        return self.get_response(request)
