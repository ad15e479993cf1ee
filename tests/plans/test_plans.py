"""A plan worked on over time: choosing a route, ticking, re-rating, notes, and what each change moves."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone, translation

from pathways.models import Assessment
from plans.models import Plan, Progress, Reading, Share, StepNote
from plans.pages import get_plan, plan_page
from roles.models import Degree, Role
from tests.assessments import EDO, form_url, skill_fields, submit
from tests.factories import make_plan, plan_url
from tests.html import page_of, text_of, texts

pytestmark = pytest.mark.django_db


def tick(client, plan, item, **data):
    return client.post(plan_url(plan, tail="tick/"), {"item": item, **data})


def steps(plan: Plan):
    return plan_page(get_plan(plan.pk)).steps


def test_the_result_page_offers_a_plan_then_opens_it(client, content):
    pk = submit(client)["Location"].split("/")[-2]
    offer = page_of(client.get(f"/assessment/{pk}/"))
    assert "Faire d’un de ces parcours mon plan" in text_of(offer.select_one(".plan-call"))
    choice = page_of(client.get(f"/assessment/{pk}/plan/"))
    routes = [radio["value"] for radio in choice.select("input[name=route]")]
    assert routes[0] == "route-best" and choice.select_one("input[name=route][checked]")["value"] == "route-best"
    client.post(f"/assessment/{pk}/plan/", {"route": routes[-1]})
    # The result page was kept in the cache; it now leads to the plan.
    assert "Ouvrir mon plan" in text_of(page_of(client.get(f"/assessment/{pk}/")).select_one(".plan-call"))
    assert Plan.objects.get(pk=pk).route == routes[-1]


def test_a_route_not_in_the_result_is_refused_in_the_persons_language(client, content):
    pk = submit(client)["Location"].split("/")[-2]
    response = client.post(f"/en/assessment/{pk}/plan/", {"route": "route-alt-99"})
    assert response.status_code == 400
    assert "Select a valid choice" in text_of(page_of(response).select_one("#route-error"))
    assert not Plan.objects.filter(pk=pk).exists()


def test_the_plan_shows_the_chosen_routes_steps_and_the_saved_results_gaps(client, content):
    plan = make_plan(client)
    page = page_of(client.get(plan_url(plan)))
    saved = plan_page(get_plan(plan.pk)).result
    assert len(page.select(".plan-step")) == len(saved.best.rows)
    assert texts(page, ".plan-gap strong") == [
        *(gap.skill.name for gap in saved.gaps),
        *(action.area_label for action in saved.experience_missing),
    ]
    assert texts(page, ".plan-readiness .score-total") == [f"{saved.total} sur 100"]
    assert "{#" not in text_of(page) and "{%" not in text_of(page)  # no template syntax leaks onto the page
    assert "Parcours suivi : Le chemin le plus court." in text_of(page.select_one(".plan header"))


def test_ticking_steps_counts_what_they_give_and_the_time_left_is_measured_from_there(client, content):
    plan = make_plan(client)
    rows = [state.row for state in steps(plan)]
    before = (plan.min_months, plan.max_months)
    assert before == (sum(row.min_months for row in rows), sum(row.max_months for row in rows))
    role_step = next(number for number, row in enumerate(rows, 1) if row.kind == "role")
    assert tick(client, plan, f"step-{role_step}").status_code == 303
    plan.refresh_from_db()
    row = rows[role_step - 1]
    # The quickest route from the role the step led to: the steps before it are behind the person.
    assert plan.max_months < before[1] and plan.min_months <= before[0]
    now = plan_page(get_plan(plan.pk)).answers
    assert now.current_role.slug == row.role.slug and now.situation == "role"
    saved = Assessment.objects.get(pk=plan.pk)
    for action in row.experience:
        assert now.experience_months[action.area] == saved.experience_months.get(action.area, 0) + action.months
    # The saved answers themselves never change.
    assert saved.current_role is None and saved.situation == "student"
    page = page_of(client.get(plan_url(plan)))
    assert f"Faite le {timezone.localdate().day}" in text_of(page.select_one(f"#step-{role_step} .plan-step-status"))


def test_ticking_a_degree_step_gives_its_degree_and_unticking_takes_everything_back(client, content):
    skilled = {name: 5 for name in skill_fields(client)}  # the degree is what holds the score down
    plan = make_plan(client, degree_level="", degree_field="", **skilled)
    rows = [state.row for state in steps(plan)]
    number = next(number for number, row in enumerate(rows, 1) if row.kind == "degree")
    before = (plan.total, plan.min_months, plan.max_months)
    tick(client, plan, f"step-{number}")
    degree = Degree.objects.get(pk=rows[number - 1].degree.pk)
    now = plan_page(get_plan(plan.pk)).answers
    assert (now.degree_level, now.degree_field) == (degree.level, degree.field)
    plan.refresh_from_db()
    assert plan.total > before[0]  # the degree part of the score is met
    assert tick(client, plan, f"step-{number}", undo="on").status_code == 303
    history = page_of(client.get(plan_url(plan, "/en"))).select(".score-history-table tbody tr td:last-child")
    with translation.override("en"):
        title = steps(plan)[number - 1].row.title
    assert [text_of(cell) for cell in history[-2:]] == [f"Done: step {number}, {title}", f"Unticked: step {number}, {title}"]
    plan.refresh_from_db()
    assert (plan.total, plan.min_months, plan.max_months) == before
    assert not Progress.objects.filter(plan=plan).exists()


def test_re_rating_skills_moves_the_score_and_the_history_keeps_each_measure(client, content):
    plan = make_plan(client)
    first = plan.total
    gaps = plan_page(get_plan(plan.pk)).gaps
    for state in gaps:
        if state.is_skill:
            response = client.post(
                plan_url(plan, tail="rating/"), {"skill": state.gap.action.skill.slug, "level": state.gap.action.required}
            )
            assert response.status_code == 303
    plan.refresh_from_db()
    assert plan.total > first
    page = page_of(client.get(plan_url(plan)))
    assert texts(page, ".plan-readiness .score-total") == [f"{plan.total} sur 100"]
    delta = plan.total - first
    assert f"(+{delta} depuis l’auto-évaluation" in text_of(page.select_one(".score-delta"))
    history = page.select(".score-history-table tbody tr")
    # The saved result, the plan's start, then one measure per rating.
    assert len(history) == 2 + sum(state.is_skill for state in gaps)
    assert text_of(history[-1].select("td")[0]) == str(plan.total)
    # Each measure says what changed before it.
    last_gap = [state for state in gaps if state.is_skill][-1].gap.action
    assert [text_of(row.select("td")[-1]) for row in history[:2]] == ["Auto-évaluation", "Plan commencé"]
    assert text_of(history[-1].select("td")[-1]) == f"« {last_gap.skill.name} » noté {last_gap.required}"
    assert len(page.select(".score-history-chart circle")) == len(history)
    # Each skill gap re-rated to its level reads as closed.
    assert all("Comblé" in text_of(page.select_one(f"#{state.gap.key}")) for state in gaps if state.is_skill)


def test_ticking_a_skill_gap_rates_the_skill_at_the_level_asked(client, content):
    plan = make_plan(client)
    gap = next(state.gap for state in plan_page(get_plan(plan.pk)).gaps if state.is_skill)
    tick(client, plan, gap.key)
    assert plan_page(get_plan(plan.pk)).answers.ratings[gap.action.skill.pk] == gap.action.required


@pytest.mark.parametrize(("lang", "message"), [("", "Cette date est dans le futur"), ("/en", "This date is in the future")])
def test_a_date_in_the_future_is_refused_next_to_its_step_and_kept(client, content, lang, message):
    plan = make_plan(client)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(plan_url(plan, lang, "tick/"), {"item": "step-1", "done_on": tomorrow})
    assert response.status_code == 400
    page = page_of(response)
    assert message in text_of(page.select_one("#error-step-1"))
    assert page.select_one("#done-on-step-1")["value"] == tomorrow
    assert not Progress.objects.exists()


def test_a_past_day_is_kept_as_given_and_a_date_that_is_no_date_is_refused(client, content):
    plan = make_plan(client)
    bad = tick(client, plan, "step-1", done_on="31/02/2026")
    assert bad.status_code == 400 and page_of(bad).select_one("#done-on-step-1").has_attr("autofocus")
    # Before the self-assessment too: the day is the person's record of when they did it.
    long_ago = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert tick(client, plan, "step-1", done_on=long_ago).status_code == 303
    assert Progress.objects.get().done_on.isoformat() == long_ago


def test_the_address_a_mistake_leaves_leads_back_to_the_plan(client, content):
    plan = make_plan(client)
    for tail in ("tick/", "rating/", "note/", "shares/"):
        response = client.get(plan_url(plan, tail=tail))
        assert response.status_code == 303 and response["Location"] == plan_url(plan)


def test_experience_gained_through_a_step_closes_the_gap_it_fills(client, content):
    plan = make_plan(client)
    page = plan_page(get_plan(plan.pk))
    gap = next(state.gap for state in page.gaps if not state.is_skill)
    giving = [state for state in page.steps if any(action.area == gap.action.area for action in state.row.experience)]
    for state in giving:
        tick(client, plan, state.step.key)
    gained = sum(action.months for state in giving for action in state.row.experience if action.area == gap.action.area)
    closed = next(state for state in plan_page(get_plan(plan.pk)).gaps if state.gap.key == gap.key).closed
    assert closed == (gained >= gap.action.months)
    assert gained and closed  # the route gives the experience the target lacks
    page = page_of(client.get(plan_url(plan)))
    assert "Comblé par les étapes faites" in text_of(page.select_one(f"#{gap.key}"))


def test_an_item_not_in_the_plan_and_a_bad_rating_get_a_400_and_change_nothing(client, content):
    plan = make_plan(client)
    readings = Reading.objects.count()
    assert tick(client, plan, "step-99").status_code == 400
    assert tick(client, plan, "skill-not-a-skill").status_code == 400
    skill = plan_page(get_plan(plan.pk)).skills[0][0]
    bad = client.post(plan_url(plan, "/en", "rating/"), {"skill": skill, "level": 9})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert client.post(plan_url(plan, tail="rating/"), {"skill": "nope", "level": 3}).status_code == 400
    assert Reading.objects.count() == readings and not Progress.objects.exists()


def test_a_note_is_kept_escaped_and_a_too_long_one_is_refused_with_its_text_kept(client, content):
    plan = make_plan(client)
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "<script>alert(1)</script> appeler Marie"})
    page = client.get(plan_url(plan))
    assert "<script>alert(1)</script>" not in page.content.decode()
    assert page_of(page).select_one("#note-1").get_text() == "<script>alert(1)</script> appeler Marie"
    too_long = "x" * 501
    response = client.post(plan_url(plan, "/en", "note/"), {"step": 1, "text": too_long})
    assert response.status_code == 400
    assert page_of(response).select_one("#note-1").get_text() == too_long
    assert "at most 500 characters" in text_of(page_of(response).select_one("#note-error-1"))
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "  "})
    assert not StepNote.objects.exists()
    assert client.post(plan_url(plan, tail="note/"), {"step": 42, "text": "hors plan"}).status_code == 400


def test_choosing_another_route_keeps_gaps_and_ratings_and_drops_the_old_steps(client, content):
    plan = make_plan(client)
    page = plan_page(get_plan(plan.pk))
    routes = [route.anchor for route in (page.result.best, *page.result.alternatives)]
    if len(routes) < 2:
        pytest.skip("this profile has a single route")  # the content gives this profile alternatives today
    gap = next(state.gap for state in page.gaps if state.is_skill)
    tick(client, plan, gap.key)
    tick(client, plan, "step-1")
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "note"})
    client.post(plan_url(plan), {"route": routes[1]})
    plan.refresh_from_db()
    assert plan.route == routes[1]
    assert list(Progress.objects.values_list("item", flat=True)) == [gap.key]
    assert not StepNote.objects.exists()


def test_deleting_the_result_removes_the_plan_and_all_it_holds(client, content):
    plan = make_plan(client)
    tick(client, plan, "step-1")
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "note"})
    client.post(plan_url(plan, tail="shares/"), {"code": "", "days": 30})
    client.post(f"/assessment/{plan.pk}/delete/")
    for model in (Plan, Progress, Reading, StepNote, Share):
        assert not model.objects.exists()
    assert client.get(plan_url(plan)).status_code == 404


def test_purge_removes_old_plans_but_keeps_one_worked_on_recently(client, content):
    idle, active = make_plan(client), make_plan(client)
    long_ago = timezone.now() - timedelta(days=400)
    Assessment.objects.update(created_at=long_ago)
    Plan.objects.filter(pk=idle.pk).update(updated_at=long_ago)
    call_command("purge_assessments", "--older-than", "365", stdout=io.StringIO())
    assert list(Plan.objects.values_list("pk", flat=True)) == [active.pk]
    assert not Reading.objects.filter(plan_id=idle.pk).exists()


def test_a_result_without_a_route_offers_no_plan(client, content):
    ready = {name: 5 for name in skill_fields(client)}
    pk = submit(
        client,
        degree_level="master",
        **{
            "years_operations": 20,
            "years_people": 20,
            "years_customer-service": 20,
            "years_facilities": 20,
            "years_business": 20,
        },
        **ready,
    )["Location"].split("/")[-2]
    page = page_of(client.get(f"/assessment/{pk}/plan/"))
    assert not page.select("input[name=route]")
    assert client.post(f"/assessment/{pk}/plan/", {"route": "route-best"}).status_code == 400


def test_the_plan_page_makes_the_same_queries_whatever_it_holds(client, content, django_user_model):
    plan = make_plan(client)

    def queries() -> int:
        """Of the page drawn, not served as kept: after the message of the last change, once the page kept is gone."""
        client.get(plan_url(plan))
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(plan_url(plan)).status_code == 200
        return len(captured)

    role_step = next(state.number for state in steps(plan) if state.row.kind == "role")
    tick(client, plan, f"step-{role_step}")  # a role held: its record is read once, whatever the steps
    client.post(plan_url(plan, tail="note/"), {"step": role_step, "text": "note"})
    few = queries()
    for number, _state in enumerate(steps(plan), 1):
        tick(client, plan, f"step-{number}")
        client.post(plan_url(plan, tail="note/"), {"step": number, "text": f"note {number}"})
    for state in plan_page(get_plan(plan.pk)).gaps:
        tick(client, plan, state.gap.key)
    for _share in range(3):
        client.post(plan_url(plan, tail="shares/"), {"code": "", "days": 7})
    assert queries() == few


def test_the_target_being_unpublished_leaves_the_plan_readable(client, content):
    plan = make_plan(client)
    Role.objects.filter(slug=EDO).update(status=Role.Status.DRAFT)
    assert client.get(plan_url(plan)).status_code == 200


def test_another_route_is_chosen_from_the_plan_page(client, content):
    plan = make_plan(client)
    link = page_of(client.get(plan_url(plan))).select_one("a[href$='?route=change']")["href"]
    choice = page_of(client.get(link))
    assert "Vous avez déjà un plan" in text_of(choice.select_one(".alert-warning"))
    assert choice.select_one("input[name=route][checked]")["value"] == plan.route


@pytest.mark.parametrize(("lang", "words"), [("", "était déjà au niveau demandé"), ("/en", "was already at")])
def test_a_re_rating_that_moves_nothing_says_why(client, content, lang, words):
    plan = make_plan(client)
    gap = next(
        state.gap.action for state in plan_page(get_plan(plan.pk)).gaps if state.is_skill and state.gap.action.required < 5
    )
    rate = plan_url(plan, lang, "rating/")
    client.post(rate, {"skill": gap.skill.slug, "level": gap.required})
    page = page_of(client.get(plan_url(plan, lang)))
    assert not page.select_one(".why-nothing-moved")  # closing the gap moved the score: nothing to explain
    plan.refresh_from_db()
    total = plan.total
    assert client.post(rate, {"skill": gap.skill.slug, "level": gap.required + 1}).status_code == 303
    plan.refresh_from_db()
    assert plan.total == total
    why = page_of(client.get(plan_url(plan, lang))).select_one(".why-nothing-moved")
    assert "why-already-met" in why["class"] and words in text_of(why)


@pytest.mark.parametrize("lang", ["", "/en"])
def test_each_skill_is_re_rated_in_the_words_the_assessment_form_uses(client, content, lang):
    plan = make_plan(client)  # every skill rated 2
    form = page_of(client.get(form_url(lang=lang)))
    page = page_of(client.get(plan_url(plan, lang)))
    reratings = page.select(".plan-rerating")
    assert len(reratings) == len(skill_fields(client))
    for rerating in reratings:
        levels = texts(rerating, "input[name=level] + label")
        assert len(levels) == 6 and rerating.select_one("input[name=level][checked]")["value"] == "2"
        assert text_of(rerating.select_one("summary")).endswith(levels[2])  # the level now, in words
    said = {text_of(label) for label in form.select("input[name^=skill_] + label")}
    assert {text for rerating in reratings for text in texts(rerating, "input[name=level] + label")} <= said


def shown_day(day) -> str:
    with translation.override("fr"):
        return dateformat.format(day, "j N Y")


def test_a_chart_of_one_day_names_the_day_once_and_says_the_measures_are_in_order(client, content):
    plan = make_plan(client)
    tick(client, plan, "step-1")
    chart = page_of(client.get(plan_url(plan))).select_one(".score-history-chart")
    measures, today = len(chart.select("circle")), shown_day(timezone.localdate())
    assert measures >= 3 and text_of(chart).count(today) == 1  # not at each end
    assert texts(chart, ".score-history-day") == [f"{measures} mesures du {today}, dans l’ordre"]

    # Measured on two days: the first and the last day, one at each end.
    plan.assessment.created_at = timezone.now() - timedelta(days=3)
    plan.assessment.save(update_fields=["created_at"])
    chart = page_of(client.get(plan_url(plan))).select_one(".score-history-chart")
    assert chart.select(".score-history-day") == []
    assert texts(chart, "text")[-2:] == [shown_day(timezone.localdate() - timedelta(days=3)), today]
