"""Limits on what one client address may ask for in a while (settings.RATE_LIMITS).

django-ratelimit counts each address's requests in the cache RATELIMIT_USE_CACHE names, which every
process shares, so a limit holds whichever process answers; the address is
`careerpath.clients.client_address`, the one login throttling counts too.
"""

import ipaddress
import threading
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle

from .clients import client_address


def counted_address(_group: str, request: HttpRequest) -> str:
    """The client's address; for IPv6 its /64 network, which one subscriber usually holds whole."""
    address = client_address(request)
    try:
        network = ipaddress.ip_network(f"{address}/{64 if ':' in address else 32}", strict=False)
    except ValueError:
        return "unknown"  # no address to tell clients apart (a Unix socket): they are counted together
    return str(network.network_address)


def seconds_to_wait(request: HttpRequest, group: str) -> int | None:
    """Count this request against the group's limit for its address: None while under the limit, else the
    seconds until the address's count starts again."""
    usage = get_usage(request, group=f"careerpath.{group}", key=counted_address, rate=settings.RATE_LIMITS[group], increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)


def delay_in_words(seconds: int) -> str:
    """ "12 minutes", "1 heure, 5 minutes": whole minutes, rounded up, in the active language."""
    now = timezone.now()
    return timeuntil(now + timedelta(minutes=-(-seconds // 60)), now)


def too_many_requests(request: HttpRequest, wait: int, template: str = "429.html") -> HttpResponse:
    """429 with Retry-After, the page saying in the visitor's language when to retry."""
    response = render(request, template, {"delay": delay_in_words(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def limit_posts(group: str, *, methods: tuple[str, ...] = ("POST",)):
    """Answer a POST (or a request by one of `methods`) past the group's limit with the 429 page instead of
    running the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (wait := seconds_to_wait(request, group)) is not None:
                return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class AddressThrottle(BaseThrottle):
    """The same limits for the JSON API: django-ninja answers 429 with Retry-After, before reading the body."""

    def __init__(self, group: str):
        self.group = group
        self.last = threading.local()  # one instance serves every request of its operation

    def allow_request(self, request: HttpRequest) -> bool:
        self.last.wait = seconds_to_wait(request, self.group)
        return self.last.wait is None

    def wait(self) -> float | None:
        return self.last.wait
