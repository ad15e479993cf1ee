from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    """The API has no language prefix: its texts follow the Accept-Language header instead.

    LocaleMiddleware gives every unprefixed path the default language, which is right for the
    pages (French lives at /, English at /en/) but would make the header useless for the API.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class SitePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once rather than on every response.

    Building the header took about a fifth of a cached page's time. A response whose policy can
    differ (a django-csp decorator, an exemption, a nonce, report-only or excluded paths, the debug
    pages) goes through django-csp's own code unchanged.
    """

    _built: dict[str, str] = {}

    def process_response(self, request, response):
        if not self.is_site_wide(request, response):
            return super().process_response(request, response)
        settings_key = repr(settings.CONTENT_SECURITY_POLICY)  # a test may override the setting
        if settings_key not in self._built:
            self._built = {settings_key: build_policy(**asdict(PolicyParts()))}
        response[HEADER] = self._built[settings_key]
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def is_site_wide(request, response) -> bool:
        overrides = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                     "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        return not (
            settings.DEBUG
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or policy.get("EXCLUDE_URL_PREFIXES")
            or getattr(request, "_csp_nonce", None) is not None
            or HEADER in response
            or any(hasattr(response, name) for name in overrides)
        )
