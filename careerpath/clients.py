"""Who is asking: the client's own address, the one rate limits and login throttling count."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client, behind the PROXY_COUNT proxies (load balancers) in front of the app.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N proxies the
    client is the N-th entry from the right; whatever the client itself wrote stands further left and
    is never read. Without proxies, or when the header does not hold a valid address there, the
    address of the connection is the client's.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.PROXY_COUNT < 1:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request came in past the outer ones, and the first entry was
    # written by the first proxy it met.
    candidate = forwarded[-min(settings.PROXY_COUNT, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
