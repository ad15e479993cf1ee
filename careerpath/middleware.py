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


class CrossOriginResourcePolicyMiddleware:
    """No other site may load our pages, files or API answers into its own (Cross-Origin-Resource-Policy):
    Django sets the opener policy, not this one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
