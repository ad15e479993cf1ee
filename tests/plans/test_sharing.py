"""Who sees a plan: its owner (the result's private link), a read-only link, the counsellors it is shared with,
and nobody else — for every view and every object, a revoked or expired share at once included."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans.models import COUNSELLOR_GROUP, Comment, Counsellor, Share
from tests.factories import COUNSELLOR_PASSWORD, counsellors_group, expire, make_plan, plan_url, share_with
from tests.html import page_of, text_of, texts
from tests.two_factor import sign_in_through_pages, sign_in_verified

pytestmark = pytest.mark.django_db


CONTROLS = (
    "form[action*='/tick/'], form[action*='/rating/'], form[action*='/note/'], form[action*='/shares/'], a[href*='/delete/']"
)


def test_the_owner_has_every_control_and_a_read_only_link_none(client, content):
    plan = make_plan(client)
    owner = page_of(client.get(plan_url(plan)))
    assert owner.select("form[action*='/tick/']") and owner.select("form[action*='/rating/']")
    assert owner.select("form[action*='/shares/']") and owner.select("a[href*='/delete/']")
    share = share_with(client, plan, None)
    stranger = Client()
    shared = stranger.get(share.get_absolute_url())
    assert shared.status_code == 200
    page = page_of(shared)
    assert not page.select(CONTROLS) and not page.select("form[method=post]")
    assert texts(page, ".plan-step-number") == texts(owner, ".plan-step-number")
    assert shared["Cache-Control"].startswith("max-age=0") and "private" in shared["Cache-Control"]
    assert shared["X-Robots-Tag"] == "noindex, nofollow"


def test_a_read_only_link_takes_no_post_and_speaks_english_under_en(client, content):
    plan = make_plan(client)
    share = share_with(client, plan, None)
    assert Client().post(share.get_absolute_url()).status_code == 405
    english = Client().get(f"/en{share.get_absolute_url()}")
    assert "A shared plan towards" in text_of(page_of(english).select_one("h1"))


def test_revoking_a_link_ends_it_at_once_and_an_expired_one_says_so(client, content):
    plan = make_plan(client)
    share = share_with(client, plan, None)
    url = share.get_absolute_url()
    client.post(plan_url(plan, tail=f"shares/{share.pk}/revoke/"))
    assert Client().get(url).status_code == 404
    other = share_with(client, plan, None, days=7)
    expire(other)
    gone = Client().get(f"/en{other.get_absolute_url()}")
    assert gone.status_code == 410 and "This share has expired" in gone.content.decode()
    assert "plan-step" not in gone.content.decode()


def test_a_made_up_or_another_kind_of_token_opens_nothing(client, content, make_counsellor):
    plan = make_plan(client)
    counsellor, browser = make_counsellor("claire")
    for_counsellor = share_with(client, plan, counsellor)
    assert Client().get("/plans/shared/not-a-token/").status_code == 404
    # A counsellor's share is not a public link.
    assert Client().get(f"/plans/shared/{for_counsellor.token}/").status_code == 404
    link = share_with(client, plan, None)
    # Nor does a public link open through the counsellors' pages.
    assert browser.get(f"/counsellor/plans/{link.token}/").status_code == 404


def test_a_counsellor_sees_only_what_is_shared_with_them(client, content, make_counsellor):
    mine, other = make_plan(client), make_plan(client)
    claire, claire_browser = make_counsellor("claire")
    _paul, paul_browser = make_counsellor("paul")
    share = share_with(client, mine, claire)
    share_with(client, other, None)  # a public link to the other plan is nobody's dashboard
    dashboard = page_of(claire_browser.get("/counsellor/"))
    assert [a["href"] for a in dashboard.select(".counsellor-plans tbody th a")] == [share.get_absolute_url()]
    assert claire.code in text_of(dashboard.select_one(".counsellor-code"))
    assert claire_browser.get(share.get_absolute_url()).status_code == 200
    # Paul, a counsellor without the share, sees nothing of it, and cannot comment.
    assert not page_of(paul_browser.get("/counsellor/")).select(".counsellor-plans")
    assert paul_browser.get(share.get_absolute_url()).status_code == 404
    assert paul_browser.post(share.get_absolute_url(), {"step": 1, "text": "?"}).status_code == 404
    assert not Comment.objects.exists()
    # Nor can a counsellor reach the owner's pages without the private link they never get.
    assert claire_browser.get(plan_url(other)).status_code == 200  # the private link alone opens a plan...
    assert other.pk not in {s.plan_id for s in Share.objects.filter(counsellor=claire)}  # ...which is never shown


def test_anonymous_visitors_and_accounts_outside_the_group_are_sent_to_sign_in(client, content, make_counsellor, editor):
    plan = make_plan(client)
    claire, _browser = make_counsellor("claire")
    share = share_with(client, plan, claire)
    outsider_browser = Client()
    sign_in_verified(outsider_browser, editor)  # an editor, signed in through the admin, outside the group
    for browser in (Client(), outsider_browser):
        for url in ("/counsellor/", share.get_absolute_url()):
            response = browser.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/counsellor/sign-in/")
        assert browser.post(share.get_absolute_url(), {"step": 1, "text": "?"}).status_code == 302
    assert not Comment.objects.exists()
    # Signed in outside the group, the sign-in page says why rather than sending them round in circles.
    followed = outsider_browser.get("/counsellor/", follow=True)
    assert followed.status_code == 200 and len(followed.redirect_chain) == 1
    assert "n’est pas un compte de conseiller" in text_of(page_of(followed).select_one(".alert-warning"))
    # A counsellor already signed in who opens the sign-in page goes on to their plans.
    assert _browser.get("/counsellor/sign-in/")["Location"] == "/counsellor/"


def test_a_comment_reaches_the_persons_plan_escaped(client, content, make_counsellor):
    plan = make_plan(client)
    claire, browser = make_counsellor("claire")
    share = share_with(client, plan, claire)
    response = browser.post(share.get_absolute_url(), {"step": 2, "text": "<b>Bien</b> : visez un stage."})
    assert response.status_code == 303
    page = client.get(plan_url(plan))
    assert "<b>Bien</b>" not in page.content.decode()
    comment = page_of(page).select_one("#step-2 .plan-comment")
    assert "<b>Bien</b> : visez un stage." in text_of(comment) and "Claire" in text_of(comment)
    # The read-only link shows it too; an empty or off-plan comment is refused.
    link = share_with(client, plan, None)
    assert "visez un stage" in Client().get(link.get_absolute_url()).content.decode()
    assert browser.post(share.get_absolute_url(), {"step": 2, "text": ""}).status_code == 400
    refused = browser.post(f"/en{share.get_absolute_url()}", {"step": 99, "text": "?"})
    assert refused.status_code == 400 and "This step is not part of this plan." in refused.content.decode()
    assert Comment.objects.count() == 1


def test_revoking_a_counsellors_share_ends_their_access_at_once(client, content, make_counsellor):
    plan = make_plan(client)
    claire, browser = make_counsellor("claire")
    share = share_with(client, plan, claire)
    assert browser.get(share.get_absolute_url()).status_code == 200
    client.post(plan_url(plan, tail=f"shares/{share.pk}/revoke/"))
    gone = browser.get(f"/en{share.get_absolute_url()}")
    assert gone.status_code == 404 and "This share no longer exists" in text_of(page_of(gone).select_one("h1"))
    assert browser.get(share.get_absolute_url()).status_code == 404
    assert browser.post(share.get_absolute_url(), {"step": 1, "text": "?"}).status_code == 404
    assert not page_of(browser.get("/counsellor/")).select(".counsellor-plans")


def test_an_expired_counsellor_share_leaves_the_dashboard_and_its_page(client, content, make_counsellor):
    plan = make_plan(client)
    claire, browser = make_counsellor("claire")
    share = share_with(client, plan, claire)
    expire(share)
    assert not page_of(browser.get("/counsellor/")).select(".counsellor-plans")
    assert browser.get(share.get_absolute_url()).status_code == 410
    assert browser.post(share.get_absolute_url(), {"step": 1, "text": "?"}).status_code == 410
    # Sharing again with the same counsellor renews the share.
    renewed = share_with(client, plan, claire)
    assert renewed.pk == share.pk and renewed.is_live


def test_revoking_needs_the_plans_own_link(client, content):
    plan, other = make_plan(client), make_plan(client)
    share = share_with(client, plan, None)
    assert client.post(plan_url(other, tail=f"shares/{share.pk}/revoke/")).status_code == 404
    assert Share.objects.filter(pk=share.pk).exists()


@pytest.mark.parametrize(("lang", "message"), [("", "Aucun conseiller"), ("/en", "No counsellor has this code")])
def test_an_unknown_code_is_refused_with_what_was_typed_kept(client, content, lang, message):
    plan = make_plan(client)
    response = client.post(plan_url(plan, lang, "shares/"), {"code": "NOPE-NOPE", "days": 30})
    assert response.status_code == 400
    page = page_of(response)
    assert message in text_of(page.select_one("#sharing").parent)
    assert page.select_one("#id_code")["value"] == "NOPE-NOPE"
    assert client.post(plan_url(plan, tail="shares/"), {"code": "", "days": 3}).status_code == 400
    assert not Share.objects.exists()


def test_a_code_typed_loosely_still_finds_its_counsellor(client, content, make_counsellor):
    plan = make_plan(client)
    claire, _browser = make_counsellor("claire")
    typed = f" {claire.code[:4].lower()}-{claire.code[4:].lower()} "
    client.post(plan_url(plan, tail="shares/"), {"code": typed, "days": 30})
    assert Share.objects.get().counsellor == claire


def test_a_counsellors_code_is_made_on_first_visit(client, content, django_user_model):
    user = django_user_model.objects.create_user("new", password=COUNSELLOR_PASSWORD)
    user.groups.add(counsellors_group())
    browser = Client()
    sign_in_through_pages(browser, "/counsellor/sign-in/", user, COUNSELLOR_PASSWORD)
    page = page_of(browser.get("/counsellor/"))
    assert text_of(page.select_one(".counsellor-code")) == Counsellor.objects.get(user=user).code


def test_sign_in_is_throttled_by_address_like_the_admins(client, content, make_counsellor):
    make_counsellor("claire")
    statuses = [
        Client().post("/counsellor/sign-in/", {"username": f"guess{n}", "password": "wrong"}).status_code for n in range(6)
    ]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    locked = Client().post("/counsellor/sign-in/", {"username": "claire", "password": COUNSELLOR_PASSWORD})
    assert locked.status_code == 429


def test_the_dashboard_makes_the_same_queries_whatever_the_number_of_plans(client, content, make_counsellor):
    claire, browser = make_counsellor("claire")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/counsellor/").status_code == 200
        return len(captured)

    share_with(client, make_plan(client), claire)
    one = queries()
    for _plan in range(3):
        plan = make_plan(client)
        client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
        share_with(client, plan, claire)
    assert len(page_of(browser.get("/counsellor/")).select(".counsellor-plans tbody tr")) == 4
    assert queries() == one


def test_the_dashboard_shows_who_shared_and_where_each_person_stands(client, content, make_counsellor):
    claire, browser = make_counsellor("claire")
    plan = make_plan(client)
    client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
    share = share_with(client, plan, claire)
    client.post(plan_url(plan, tail="shares/"), {"code": claire.code, "days": 30, "name": "Inès <b>B.</b>"})
    assert Share.objects.get(pk=share.pk).name == "Inès <b>B.</b>"
    named = page_of(browser.get("/counsellor/")).select_one(".counsellor-plans .shared-by")
    assert text_of(named) == "Inès <b>B.</b>" and not named.select("b")
    assert "Partagé par : Inès <b>B.</b>" in text_of(page_of(browser.get(share.get_absolute_url())).select_one(".shared-by"))
    plan.refresh_from_db()
    row = page_of(browser.get("/en/counsellor/")).select_one(".counsellor-plans tbody tr")
    cells = [text_of(cell) for cell in row.select("th, td")]
    assert cells[0].startswith("Inès <b>B.</b> Executive director of operations")
    assert cells[1].startswith(f"{plan.total} out of 100")
    assert cells[2] == plan.time_to_ready
    assert cells[3] == timezone.localdate().strftime("%-d %B %Y")
    assert cells[4] and cells[4] != "none"


def test_an_editor_finds_the_counsellors_group_and_their_codes_in_the_admin(client, content, editor, make_counsellor):
    claire, _browser = make_counsellor("claire")
    sign_in_verified(client, editor)
    groups = page_of(client.get(f"/admin/auth/user/{claire.user.pk}/change/")).select("select[name=groups] option")
    assert COUNSELLOR_GROUP in [text_of(option) for option in groups]
    listing = client.get("/admin/plans/counsellor/")
    assert listing.status_code == 200 and claire.code in listing.content.decode()
    assert client.get("/admin/plans/counsellor/add/").status_code == 403  # made by signing in, not by hand
