from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from .paths import same_site_path


def language_links(request):
    """The current page in every language, for the switcher shown on each page."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(same_site_path(request.path), code)
        links.append({
            "code": code,
            "name": name,
            "url": f"{url}?{query}" if query else url,
            "is_current": code == current,
        })
    return {"language_links": links}
