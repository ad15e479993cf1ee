"""How long a signed-in session lives: 30 minutes without a request (SESSION_COOKIE_AGE, renewed by each
request: SESSION_SAVE_EVERY_REQUEST), and 12 hours at most whatever the activity (here). People's results and
plans use no session: their private links are not concerned."""

import time

from django.conf import settings
from django.contrib.auth import logout

from .sign_in import SIGNED_IN_AT


def stamp_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class SessionLifetimeMiddleware:
    """Signs out a session older than settings.SESSION_LONGEST_LIFE since its sign-in (or of unknown age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: the session is left untouched, so that the page does
        # not vary by cookie and stays shareable in the page cache.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if not isinstance(signed_in_at, int | float) or time.time() - signed_in_at > settings.SESSION_LONGEST_LIFE:
                logout(request)
        return self.get_response(request)
