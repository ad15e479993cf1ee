"""The site's addresses as the URL conf names them, for tests that go over every page."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def named_routes(patterns=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(name, route) of each named address; the catch-alls (unnamed) answer whatever reaches them."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            routes += named_routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            routes.append((f"{namespace}{pattern.name}", prefix + str(pattern.pattern)))
    return routes


def parameters(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
