from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language

from pathways.career_map import site_map

from .cache import cached_page


@cached_page()
def home(request):
    return render(request, "home.html", {"career_map": site_map(get_language())})


def healthz(request):
    """Liveness for a load balancer: 200 while the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Where browsers look for an icon on their own (a PDF, the API's JSON): the site's, from its static files.
    Not permanent: the static file's name changes with its content."""
    return redirect(static("favicon.svg"))
