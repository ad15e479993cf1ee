"""plans.access: who may open a plan, as which reader, and what each reader may do with it."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from plans.access import (
    PlanAccess,
    Reader,
    ShareExpired,
    ShareGone,
    SignInNeeded,
    counsellor_of,
    is_counsellor,
    open_plan,
)
from plans.models import Counsellor, Share
from tests.factories import expire, make_plan
from tests.two_factor import verified

pytestmark = pytest.mark.django_db

ACTIONS = ("can_tick", "can_rate", "can_note", "can_share", "can_revoke", "can_comment", "can_download")
MAY = {
    Reader.OWNER: {"can_tick", "can_rate", "can_note", "can_share", "can_revoke", "can_download"},
    Reader.LINK_HOLDER: {"can_download"},
    Reader.COUNSELLOR: {"can_comment", "can_download"},
}


@pytest.fixture
def shared_plan(client, content, make_counsellor_account):
    """A plan with a read-only link and a share for Claire; Paul is a counsellor it is not shared with; the
    outsider has an account outside the counsellors' group."""
    plan = make_plan(client)
    later = timezone.now() + timedelta(days=30)
    claire, paul = make_counsellor_account("claire"), make_counsellor_account("paul")
    outsider = make_counsellor_account("outsider", in_group=False)
    return SimpleNamespace(
        plan=plan,
        claire=verified(claire.user),
        paul=verified(paul.user),
        outsider=verified(outsider.user),
        claire_password_only=type(claire.user).objects.get(pk=claire.user.pk),
        anonymous=AnonymousUser(),
        link=Share.objects.create(plan=plan, expires_at=later),
        for_claire=Share.objects.create(plan=plan, counsellor=claire, expires_at=later),
    )


def withdraw(share: Share) -> None:
    Share.objects.filter(pk=share.pk).delete()


# Each kind of reader: what happens to the plan's shares first, who comes, by which door, with which key; then
# the reader they are taken for, or the refusal.
READERS = {
    "the owner": (None, "anonymous", Reader.OWNER, "plan", Reader.OWNER),
    "the owner, signed in as a counsellor": (None, "claire", Reader.OWNER, "plan", Reader.OWNER),
    "a link holder": (None, "anonymous", Reader.LINK_HOLDER, "link", Reader.LINK_HOLDER),
    "a counsellor with a live share": (None, "claire", Reader.COUNSELLOR, "for_claire", Reader.COUNSELLOR),
    "a counsellor without a share": (None, "paul", Reader.COUNSELLOR, "for_claire", ShareGone),
    "a counsellor with an expired share": (expire, "claire", Reader.COUNSELLOR, "for_claire", ShareExpired),
    "a counsellor whose share was revoked": (withdraw, "claire", Reader.COUNSELLOR, "for_claire", ShareGone),
    "a counsellor signed in without a second factor": (
        None,
        "claire_password_only",
        Reader.COUNSELLOR,
        "for_claire",
        SignInNeeded,
    ),
    "an anonymous visitor at a counsellor's door": (None, "anonymous", Reader.COUNSELLOR, "for_claire", SignInNeeded),
    "an account outside the counsellors' group": (None, "outsider", Reader.COUNSELLOR, "for_claire", SignInNeeded),
    "a link holder whose link expired": (expire, "anonymous", Reader.LINK_HOLDER, "link", ShareExpired),
    "a link holder whose link was revoked": (withdraw, "anonymous", Reader.LINK_HOLDER, "link", ShareGone),
    "a counsellor's share used as a link": (None, "anonymous", Reader.LINK_HOLDER, "for_claire", ShareGone),
    "a link used at a counsellor's door": (None, "claire", Reader.COUNSELLOR, "link", ShareGone),
}


def key_of(shared_plan, name: str):
    return shared_plan.plan.pk if name == "plan" else getattr(shared_plan, name).token


@pytest.mark.parametrize(("before", "who", "door", "key", "taken_for"), READERS.values(), ids=READERS.keys())
def test_each_reader_may_do_what_their_kind_may_and_no_more(shared_plan, before, who, door, key, taken_for):
    if before:
        before(getattr(shared_plan, key))
    user = getattr(shared_plan, who)
    if not isinstance(taken_for, Reader):
        with pytest.raises(taken_for):
            open_plan(user, door, key_of(shared_plan, key))
        return
    access = open_plan(user, door, key_of(shared_plan, key))
    assert access.plan == shared_plan.plan and access.reader is taken_for
    assert {action for action in ACTIONS if getattr(access, action)} == MAY[taken_for]


def test_no_plan_behind_a_private_link_is_a_404(db):
    with pytest.raises(Http404):
        open_plan(AnonymousUser(), Reader.OWNER, "00000000-0000-0000-0000-000000000000")


def test_an_expired_share_says_which_it_is(shared_plan):
    expire(shared_plan.link)
    with pytest.raises(ShareExpired) as refused:
        open_plan(AnonymousUser(), Reader.LINK_HOLDER, shared_plan.link.token)
    assert refused.value.share == shared_plan.link


def test_each_reader_has_their_own_page_and_pdf_address(shared_plan):
    plan, link, for_claire = shared_plan.plan, shared_plan.link, shared_plan.for_claire
    owner = open_plan(AnonymousUser(), Reader.OWNER, plan.pk)
    holder = open_plan(AnonymousUser(), Reader.LINK_HOLDER, link.token)
    claire = open_plan(shared_plan.claire, Reader.COUNSELLOR, for_claire.token)
    assert (owner.url, owner.pdf_url) == (f"/assessment/{plan.pk}/plan/", f"/assessment/{plan.pk}/plan/pdf/")
    assert (holder.url, holder.pdf_url) == (f"/plans/shared/{link.token}/", f"/plans/shared/{link.token}/pdf/")
    assert (claire.url, claire.pdf_url) == (
        f"/counsellor/plans/{for_claire.token}/",
        f"/counsellor/plans/{for_claire.token}/pdf/",
    )
    assert (owner.is_owner, holder.is_link_holder, claire.is_counsellor) == (True, True, True)
    assert owner.share is None and holder.share == link and claire.share == for_claire


def test_only_the_owner_may_revoke_and_only_the_plans_own_shares(shared_plan, client):
    other = make_plan(client)
    elsewhere = Share.objects.create(plan=other, expires_at=timezone.now() + timedelta(days=1))
    owner = open_plan(AnonymousUser(), Reader.OWNER, shared_plan.plan.pk)
    assert set(owner.revocable_shares()) == {shared_plan.link, shared_plan.for_claire}
    assert elsewhere not in owner.revocable_shares()
    for access in (
        PlanAccess(shared_plan.plan, Reader.LINK_HOLDER, shared_plan.link),
        PlanAccess(shared_plan.plan, Reader.COUNSELLOR, shared_plan.for_claire),
    ):
        assert not access.revocable_shares().exists()


def test_a_share_is_live_until_it_expires_in_python_and_in_the_database_alike(shared_plan, monkeypatch):
    share = shared_plan.link
    for offset, live in ((timedelta(seconds=-1), True), (timedelta(0), False), (timedelta(seconds=1), False)):
        monkeypatch.setattr(timezone, "now", lambda offset=offset: share.expires_at + offset)
        assert share.is_live is live
        assert Share.objects.live().filter(pk=share.pk).exists() is live


def test_a_counsellor_is_an_active_account_in_the_group_and_gets_a_code_on_first_look(shared_plan, django_user_model):
    assert is_counsellor(shared_plan.claire) and not is_counsellor(shared_plan.outsider)
    assert not is_counsellor(AnonymousUser())
    shared_plan.claire.is_active = False
    assert not is_counsellor(shared_plan.claire)
    assert counsellor_of(shared_plan.paul) == Counsellor.objects.get(user=shared_plan.paul)
    newcomer = django_user_model.objects.create_user("newcomer")
    made = counsellor_of(newcomer)
    assert made.code and counsellor_of(newcomer) == made
