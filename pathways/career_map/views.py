from django.shortcuts import render
from django.utils.translation import get_language

from careerpath.cache import cached_page

from .query import site_map


@cached_page()
def career_map(request):
    """Every role the team placed, by level and focus, and the moves between them."""
    return render(request, "pathways/career_map.html", {"career_map": site_map(get_language())})
