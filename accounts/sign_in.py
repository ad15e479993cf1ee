"""Signing in takes two steps: the password, then a code. Between them the account waits in the session, not
signed in: nothing opens to a password alone. `finish` signs in, with the device that gave the code."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.utils.crypto import constant_time_compare

from .kinds import AccountKind, account_kind

PENDING = "accounts.pending"
SIGNED_IN_AT = "accounts.signed_in_at"
PENDING_SECONDS = 5 * 60  # to find the phone and type a code; then the password again


def begin(request, user, kind: AccountKind, next_url: str) -> None:
    """The password was right for an account of this page's kind: remember who, for the second step."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        # A password changed meanwhile (or the account's kind) ends the wait, as it ends sessions.
        "hash": user.get_session_auth_hash(),
        "kind": str(kind),
        "next": next_url,
        "since": time.time(),
    }


def pending(request):
    """The account waiting for its second factor, with the address to go on to; None when none waits (never
    began, expired, or the account changed since)."""
    state = request.session.get(PENDING)
    if not isinstance(state, dict) or time.time() - state.get("since", 0) > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), state["hash"]):
        return None
    if account_kind(user) != state["kind"]:
        return None
    user.backend = state["backend"]
    return user, state["next"]


def sign_in_url(request) -> str:
    """The sign-in page the waiting account started from (the counsellors' when unknown), to start again."""
    state = request.session.get(PENDING)
    kind = state.get("kind") if isinstance(state, dict) else None
    return AccountKind(kind).sign_in_url if kind in set(AccountKind) else AccountKind.COUNSELLOR.sign_in_url


def finish(request, user, device) -> None:
    """Both factors given: sign in. django-otp keeps the device in the session (the session is verified), axes
    records the success, and the sign-in time starts the session's longest life (accounts.sessions)."""
    request.session.pop(PENDING, None)
    user.otp_device = device
    auth_login(request, user)
