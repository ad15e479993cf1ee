"""View decorators every app's views may use."""

from django.views.decorators.cache import never_cache


def private(view):
    """Personal pages (a result, a plan, their PDFs): never stored by browsers or proxies, never indexed."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapped)
