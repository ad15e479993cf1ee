from urllib.parse import urlencode

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from .cache import page_reads
from .paths import same_site_path


def language_links(request):
    """The current page in every language, for the switcher shown on each page."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    if (reads := page_reads(request.path_info)) is not None:
        # A page kept for everyone carries only the parameters it reads: the rest never made it.
        query = urlencode([(name, value) for name, values in request.GET.lists() if name in reads for value in values])
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(same_site_path(request.path), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"{url}?{query}" if query else url,
                "is_current": code == current,
            }
        )
    return {"language_links": links}
