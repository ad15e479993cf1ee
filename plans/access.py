"""Who may do what with a plan: the one place that says it.

A plan opens three ways, each to one kind of reader (`Reader`):
- its owner, through the private link of the result it was made from (the plan's key is the assessment's):
  whoever holds that link may do everything the plan offers;
- a link holder, through the token of a read-only share made without a counsellor: they read;
- a counsellor, signed in and in the counsellors' group, through the token of a share made for them: they read
  and comment on the steps.
A share opens its plan while it is live (`Share.is_live`, `Share.objects.live()`); withdrawing it deletes it.
Whoever may read a plan may download it as a PDF, which shows what they may see.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse

from accounts.kinds import COUNSELLOR_GROUP, is_verified

from .models import Counsellor, Plan, Share
from .pages import get_plan


class Reader(StrEnum):
    """Who reads a plan, as the address they open it by says (urls.py names it for each)."""

    OWNER = "owner"
    LINK_HOLDER = "link holder"
    COUNSELLOR = "counsellor"


class SignInNeeded(Exception):
    """A counsellor's address opened by someone not signed in as a counsellor."""


class ShareGone(Exception):
    """No share has this token for this reader: withdrawn, never made, or made for someone else."""


class ShareExpired(Exception):
    def __init__(self, share: Share):
        super().__init__(share.token)
        self.share = share


def is_counsellor(user) -> bool:
    """Signed in with both factors, active, and in the group an editor puts counsellor accounts in."""
    return is_verified(user) and user.is_active and user.groups.filter(name=COUNSELLOR_GROUP).exists()


def counsellor_of(user) -> Counsellor:
    """Their code is made the first time they look: nothing to set up beyond the group."""
    try:
        return user.counsellor
    except Counsellor.DoesNotExist:
        pass
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Counsellor.objects.create(user=user, code=Counsellor.new_code())
        except IntegrityError:
            continue  # a code already given, or a second request creating the same counsellor
    return Counsellor.objects.get(user=user)


@dataclass(frozen=True)
class PlanAccess:
    """A plan opened by one reader, and what they may do with it."""

    plan: Plan
    reader: Reader
    share: Share | None = None  # the share a link holder or a counsellor reads through

    @property
    def is_owner(self) -> bool:
        return self.reader is Reader.OWNER

    @property
    def is_link_holder(self) -> bool:
        return self.reader is Reader.LINK_HOLDER

    @property
    def is_counsellor(self) -> bool:
        return self.reader is Reader.COUNSELLOR

    @property
    def can_tick(self) -> bool:
        """Tick a step or a gap as done, or untick it."""
        return self.is_owner

    @property
    def can_rate(self) -> bool:
        """Re-rate a skill."""
        return self.is_owner

    @property
    def can_note(self) -> bool:
        """Write, change or clear their note on a step; the others read it."""
        return self.is_owner

    @property
    def can_share(self) -> bool:
        return self.is_owner

    @property
    def can_revoke(self) -> bool:
        return self.is_owner

    @property
    def can_comment(self) -> bool:
        """Comment on a step; the owner reads the comments on their plan, and so does whoever it is shared with."""
        return self.is_counsellor

    @property
    def can_download(self) -> bool:
        return True

    @property
    def url(self) -> str:
        """The plan's page, at the address this reader opened it by."""
        return self.share.get_absolute_url() if self.share else self.plan.get_absolute_url()

    @property
    def pdf_url(self) -> str:
        if self.is_owner:
            return reverse("plans:pdf", kwargs={"pk": self.plan.pk})
        name = "plans:counsellor-pdf" if self.is_counsellor else "plans:shared-pdf"
        return reverse(name, kwargs={"token": self.share.token})

    def pdf_status_url(self, key: str) -> str:
        """The page that waits for the PDF `key` (plans.pdfs) and offers it when drawn."""
        return f"{self.pdf_url}{key}/"

    def pdf_file_url(self, key: str) -> str:
        return f"{self.pdf_url}{key}/file/"

    def revocable_shares(self) -> QuerySet[Share]:
        """The shares this reader may withdraw: the plan's own, for its owner; none for anyone else."""
        return Share.objects.filter(plan=self.plan) if self.can_revoke else Share.objects.none()


def open_plan(user, reader: Reader, key) -> PlanAccess:
    """Open a plan for `user`, who comes as `reader` with `key`: the plan's key for its owner, a share's token
    for the others. Raises Http404 (no such plan), SignInNeeded, ShareGone or ShareExpired."""
    if reader is Reader.OWNER:
        return PlanAccess(get_plan(key), reader)
    if reader is Reader.COUNSELLOR and not is_counsellor(user):
        raise SignInNeeded
    share = live_share(user, reader, key)
    return PlanAccess(get_plan(share.plan_id), reader, share)


def live_share(user, reader: Reader, token: str) -> Share:
    """The live share behind a token for this reader: a link of its own for a link holder, one made for them for
    a counsellor (a withdrawn share no longer exists)."""
    shares = Share.objects.select_related("counsellor").filter(token=token)
    if reader is Reader.COUNSELLOR:
        shares = shares.filter(counsellor__user=user)
    else:
        shares = shares.filter(counsellor__isnull=True)
    share = shares.first()
    if share is None:
        raise ShareGone
    if not share.is_live:
        raise ShareExpired(share)
    return share
