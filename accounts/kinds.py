"""The two kinds of account that sign in, and the page each signs in through.

Staff (content editors) sign in through the admin; counsellors (career advisers, HR) through the counsellors'
space, where they read the plans people share with them. Visitors have no account: their results and plans
open through private links. Each sign-in page admits only its own kind (`accounts.forms.SignInForm`).
"""

from enum import StrEnum

from django.urls import reverse

COUNSELLOR_GROUP = "counsellors"  # the group an editor puts counsellor accounts in, in the admin


class AccountKind(StrEnum):
    STAFF = "staff"
    COUNSELLOR = "counsellor"

    @property
    def sign_in_url(self) -> str:
        return reverse("admin:login") if self is AccountKind.STAFF else reverse("plans:login")

    @property
    def home_url(self) -> str:
        """Where a signed-in account of this kind works."""
        return reverse("admin:index") if self is AccountKind.STAFF else reverse("plans:dashboard")


def account_kind(user) -> AccountKind | None:
    """What an account signs in as; None for an inactive account or one of neither kind. Staff first: an editor
    who also counsels signs in through the admin, and that session opens the counsellors' pages too."""
    if not user.is_active:
        return None
    if user.is_staff:
        return AccountKind.STAFF
    if user.groups.filter(name=COUNSELLOR_GROUP).exists():
        return AccountKind.COUNSELLOR
    return None


def is_verified(user) -> bool:
    """Signed in with both factors: the password, then a code (django-otp's middleware marks the session)."""
    return user.is_authenticated and getattr(user, "is_verified", lambda: False)()
