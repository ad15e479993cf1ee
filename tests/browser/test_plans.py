"""A plan in a real browser: made from a saved result, worked on, shared by a link and with a counsellor,
who comments; the pages read well with assistive technology, fit a phone and work without the script."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Comment, Plan, Share
from tests.browser.pages import (
    a_result,
    assert_fits,
    choose_a_route,
    give_second_factor,
    open_a_plan,
    save_a_result,
    violations_on,
    watch_for_violations,
)
from tests.factories import counsellors_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-counsellor-password"
COMMENT = "Bien joué : demandez une lettre de recommandation à votre responsable."


def shown_score(page) -> int:
    return int(page.locator(".plan-readiness .score-total").inner_text().split()[0])


def history_rows(page):
    return page.locator(".score-history-table tbody tr")


def tick(page, step: int) -> None:
    page.locator(f"#step-{step} form.plan-tick [type=submit]").click()
    expect(page.locator(f"#step-{step}.plan-step-done")).to_be_visible()


def rate(page, skill: str, level: int) -> None:
    rerating = page.locator(".plan-rerating", has=page.locator(f"input[name=skill][value='{skill}']"))
    rerating.locator("summary").click()
    rerating.locator(f"input[name=level][value='{level}']").check()
    with page.expect_navigation():  # the page before may show a message of its own
        rerating.locator("[type=submit]").click()
    expect(page.locator(".alert-success[role=status]")).to_be_visible()


def share_with(page, code: str = "") -> None:
    page.locator("#id_code").fill(code)
    with page.expect_navigation():
        page.locator("section[aria-labelledby=sharing] form.row [type=submit]").click()
    expect(page.locator(".alert-success[role=status]")).to_be_visible()


def a_counsellor(django_user_model, username="conseillere"):
    user = django_user_model.objects.create_user(username, password=PASSWORD, first_name="Camille", last_name="Martin")
    user.groups.add(counsellors_group())  # the tests' database starts empty
    return user


def sign_in(page, site, username="conseillere", language="") -> None:
    page.goto(f"{site}{language}/counsellor/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("article.counsellor-login [type=submit]").click()
    give_second_factor(page, username)
    expect(page.locator(".counsellor-code")).to_be_visible()


@pytest.fixture
def second_context(browser, browser_context_args):
    """Someone else's browser: nothing of the person's (cookies, history) is in it."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    problems = watch_for_violations(page)
    yield page
    context.close()
    assert problems == [], problems


def test_a_plan_from_the_result_shared_with_a_counsellor_who_comments_then_revoked(
    page, site, browser, browser_context_args, django_user_model
):
    result_url = save_a_result(page, site)
    page.get_by_role("link", name="Faire d’un de ces parcours mon plan").click()
    expect(page.locator("h1")).to_have_text("Faire d’un parcours mon plan")
    routes = page.locator("input[name=route]")
    assert routes.count() >= 1
    expect(routes.first).to_be_checked()  # the shortest route is offered first
    choose_a_route(page, routes.count() - 1)
    plan_url = page.url.split("#")[0]
    assert plan_url == result_url + "plan/"
    plan = Plan.objects.get()
    assert page.locator(".plan-step").count() >= 2

    # Each change counts at once in the score shown, and adds a row to the score over time.
    at_start = shown_score(page)
    rows_at_start = history_rows(page).count()
    assert rows_at_start >= 1
    skill = page.locator(".plan-rerating input[name=skill]").first.get_attribute("value")
    rate(page, skill, 5)
    after_rating = shown_score(page)
    assert after_rating > at_start  # every skill was rated 1: a 5 raises the score
    assert history_rows(page).count() == rows_at_start + 1
    tick(page, 1)
    tick(page, 2)
    expect(page.locator(".plan-step-done")).to_have_count(2)
    assert history_rows(page).count() == rows_at_start + 3
    assert shown_score(page) >= after_rating
    assert history_rows(page).last.locator("td").first.inner_text() == str(shown_score(page))
    assert plan.progress.count() == 3

    # The counsellor signs in in their own browser; their code is made on their first visit.
    a_counsellor(django_user_model)
    counsellor_context = browser.new_context(**browser_context_args)
    counsellor = counsellor_context.new_page()
    problems = watch_for_violations(counsellor)
    sign_in(counsellor, site)
    expect(counsellor.locator(".counsellor-plans")).to_have_count(0)
    code = counsellor.locator(".counsellor-code").inner_text()

    share_with(page, code.lower())  # typed as it comes: the code is read case-insensitively
    expect(page.locator(".plan-shares")).to_contain_text("Camille Martin")

    counsellor.reload()
    rows = counsellor.locator(".counsellor-plans tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").first).to_contain_text(f"{shown_score(page)} sur 100")
    rows.first.get_by_role("link").click()
    expect(counsellor.locator("h1")).to_contain_text("Un plan partagé vers")
    counsellor_plan_url = counsellor.url.split("#")[0]
    expect(counsellor.locator("form.plan-tick")).to_have_count(0)  # a counsellor reads and comments, nothing more
    counsellor.locator("#comment-2").fill(COMMENT)
    counsellor.locator("#step-2 .plan-comment-form [type=submit]").click()
    expect(counsellor.locator("#step-2 .plan-comment")).to_contain_text(COMMENT)
    assert Comment.objects.get().step == 2

    page.reload()
    expect(page.locator("#step-2 .plan-comment")).to_contain_text(COMMENT)
    expect(page.locator("#step-2 .plan-comment")).to_contain_text("Camille Martin")
    expect(page.locator("#step-1 .plan-comment")).to_have_count(0)

    page.get_by_role("button", name="Retirer l’accès de Camille Martin").click()
    expect(page.locator(".alert-success[role=status]")).to_contain_text("plus personne n’y accède")
    expect(page.locator(".plan-shares")).to_have_count(0)
    assert not Share.objects.exists()
    assert counsellor.goto(counsellor_plan_url).status == 404
    counsellor.goto(f"{site}/counsellor/")
    expect(counsellor.locator(".counsellor-plans")).to_have_count(0)
    expect(counsellor.locator("article.counsellor-dashboard .alert-info")).to_be_visible()
    counsellor_context.close()
    assert problems == [], problems


def test_a_read_only_link_shows_the_plan_and_nothing_to_change(page, site, second_context):
    open_a_plan(page, site)
    tick(page, 1)
    page.locator("#step-1 .plan-note-details summary").click()  # folded until a note is written
    page.locator("#note-1").fill("Fait en alternance.")
    page.locator("#step-1 .plan-note-form [type=submit]").click()
    share_with(page)
    link = page.locator(".plan-shares .share-link").input_value()
    assert "/plans/shared/" in link

    reader = second_context
    reader.goto(link)
    plan = reader.locator("article.plan")
    expect(reader.locator("h1")).to_contain_text("Un plan partagé vers")
    expect(plan.locator(".plan-readiness .score-total")).to_have_text(page.locator(".plan-readiness .score-total").inner_text())
    expect(plan.locator(".plan-step")).to_have_count(page.locator(".plan-step").count())
    expect(plan.locator("#step-1.plan-step-done")).to_be_visible()
    expect(plan.locator("#step-1 .plan-note")).to_contain_text("Fait en alternance.")
    # Nothing to tick, rate, note, share, revoke or delete.
    expect(plan.locator("form, button, input, select, textarea")).to_have_count(0)
    expect(reader.locator("a[href*='/delete/'], a[href*='route=change']")).to_have_count(0)
    assert str(Plan.objects.get().pk) not in reader.content()  # nor the result's private link

    page.get_by_role("button", name="Retirer ce lien").click()
    expect(page.locator(".plan-shares")).to_have_count(0)
    assert reader.goto(link).status == 404


def pages_of_a_plan(page, site, language) -> dict:
    """Every page of the plans, in one language, with what each needs to show all of its sections."""
    found = {}
    page.goto(f"{site}{language}{a_result()}plan/")
    found["route choice"] = violations_on(page)
    choose_a_route(page)
    tick(page, 1)
    page.locator("#step-1 .plan-note-details summary").click()
    page.locator("#step-1 .plan-note-form textarea").fill("Une note.")
    page.locator("#step-1 .plan-note-form [type=submit]").click()
    rate(page, page.locator(".plan-rerating input[name=skill]").first.get_attribute("value"), 4)
    share_with(page)
    plan_url = page.url.split("#")[0]
    link = page.locator(".plan-shares .share-link").input_value()

    page.goto(f"{site}{language}/counsellor/sign-in/")
    found["sign-in"] = violations_on(page)
    page.locator("#id_username").fill("conseillere")
    page.locator("#id_password").fill("not the password")
    page.locator("article.counsellor-login [type=submit]").click()
    expect(page.locator("article.counsellor-login .alert-danger")).to_be_visible()
    found["sign-in, wrong password"] = violations_on(page)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("article.counsellor-login [type=submit]").click()
    give_second_factor(page, "conseillere", found)
    expect(page.locator(".counsellor-code")).to_be_visible()
    found["empty dashboard"] = violations_on(page)
    code = page.locator(".counsellor-code").inner_text()

    page.goto(plan_url)
    share_with(page, code)
    expect(page.locator(".plan-comments")).to_have_count(0)
    found["plan with progress and shares"] = violations_on(page)

    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.locator("#done-on-step-2").fill(future)
    response_status = []
    page.on("response", lambda response: response_status.append(response.status) if "/tick/" in response.url else None)
    page.locator("#step-2 form.plan-tick [type=submit]").click()
    expect(page.locator("#error-step-2")).to_contain_text("futur" if language == "" else "future")
    assert response_status == [400]
    expect(page.locator("#done-on-step-2")).to_have_value(future)
    expect(page.locator("#done-on-step-2")).to_have_attribute("aria-describedby", "error-step-2")
    found["plan, date in the future"] = violations_on(page)

    page.goto(f"{site}{language}/counsellor/")
    expect(page.locator(".counsellor-plans tbody tr")).to_have_count(1)
    found["dashboard with a plan"] = violations_on(page)
    page.locator(".counsellor-plans tbody tr a").click()
    page.locator("#comment-1").fill(COMMENT)
    page.locator("#step-1 .plan-comment-form [type=submit]").click()
    expect(page.locator("#step-1 .plan-comment")).to_be_visible()
    found["counsellor's plan with a comment"] = violations_on(page)
    page.locator("#step-2 .plan-comment-form [type=submit]").click()  # nothing written
    expect(page.locator("#comment-error-2")).to_be_visible()
    found["counsellor's plan, empty comment"] = violations_on(page)

    page.goto(plan_url)
    expect(page.locator("#step-1 .plan-comment")).to_be_visible()
    found["plan with a comment"] = violations_on(page)

    page.goto(link)
    found["read-only link"] = violations_on(page)
    Share.objects.update(expires_at=timezone.now() - timedelta(days=1))
    assert page.goto(link).status == 410
    found["expired link"] = violations_on(page)
    return {name: problems for name, problems in found.items() if problems}


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_plans_pages_have_no_wcag_violation(axe_page, site, language, django_user_model):
    a_counsellor(django_user_model)
    assert pages_of_a_plan(axe_page, site, language) == {}


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_plan_and_the_dashboard_do_not_scroll_sideways_on_a_phone(phone, site, language, django_user_model):
    a_counsellor(django_user_model)
    phone.goto(f"{site}{language}{a_result()}plan/")
    assert_fits(phone)
    choose_a_route(phone)
    tick(phone, 1)
    rate(phone, phone.locator(".plan-rerating input[name=skill]").first.get_attribute("value"), 4)
    share_with(phone)
    plan_url = phone.url.split("#")[0]
    link = phone.locator(".plan-shares .share-link").input_value()
    sign_in(phone, site, language=language)
    code = phone.locator(".counsellor-code").inner_text()
    phone.goto(plan_url)
    share_with(phone, code)
    assert_fits(phone)
    phone.goto(f"{site}{language}/counsellor/")
    expect(phone.locator(".counsellor-plans tbody tr")).to_have_count(1)
    assert_fits(phone)
    phone.locator(".counsellor-plans tbody tr a").click()
    expect(phone.locator(".plan-comment-form").first).to_be_visible()
    assert_fits(phone)
    phone.goto(link)
    assert_fits(phone)


def test_without_the_script_a_step_can_be_ticked_and_unticked(browser, browser_context_args, site):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    problems = watch_for_violations(page)
    page.goto(f"{site}/en{a_result()}plan/")
    choose_a_route(page)
    before = history_rows(page).count()
    page.locator("#step-1 form.plan-tick [type=submit]").click()
    expect(page.locator("#step-1.plan-step-done")).to_be_visible()
    assert page.url.endswith("/plan/#step-1")
    assert history_rows(page).count() == before + 1
    assert Plan.objects.get().progress.get().item == "step-1"
    page.locator("#step-1 form.plan-tick [type=submit]").click()  # "not done yet"
    expect(page.locator("#step-1.plan-step-done")).to_have_count(0)
    assert not Plan.objects.get().progress.exists()
    context.close()
    assert problems == []
