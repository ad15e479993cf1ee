import re
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from careerpath.cache import renew_content_version
from pathways.assessments import Answers
from pathways.catalogue import read_catalogue
from pathways.evaluation import evaluate
from pathways.models import MAX_EXPERIENCE_MONTHS, Assessment
from pathways.presentation import unpin
from roles.models import MAX_LEVEL, Role, RoleSkill
from tests.assessments import EDO, form_url, skill_fields, submit
from tests.html import page_of, text_of, texts
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def test_start_page_offers_every_published_role(client, content):
    page = client.get("/assessment/").content.decode()
    assert client.get("/assessment/").status_code == 200
    assert f'value="{EDO}"' in page and 'value="chief-operating-officer"' in page


def test_the_form_asks_each_skill_of_the_target_with_its_level_descriptions(client, content):
    page = client.get(form_url()).content.decode()
    target = Role.objects.with_profile().get(slug=EDO)
    assert len(skill_fields(client)) == len(target.role_skills.all())
    assert "Supervision des opérations quotidiennes" in page
    assert "Garantit le bon déroulement des opérations de toute l’organisation." in page  # level 5 anchor
    assert 'href="#category-operations-processes"' in page and 'id="category-operations-processes"' in page


def test_an_editors_change_to_a_skill_or_its_level_is_asked_at_once_in_each_language(client, content):
    page_of(client.get(form_url()))
    page_of(client.get(form_url(lang="/en")))  # the questions made once, and kept, in each language
    role_skill = RoleSkill.objects.select_related("skill").filter(role__slug=EDO, required_level__gt=0).first()
    skill = role_skill.skill
    skill.name_fr, skill.name_en = "Pilotage « renommé »", "Renamed <steering>"
    skill.save()
    role_skill.required_level = 1 + role_skill.required_level % MAX_LEVEL
    role_skill.save()

    for lang, name in (("", "Pilotage « renommé »"), ("/en", "Renamed <steering>")):
        rating = page_of(client.get(form_url(lang=lang))).select_one(f"input[name=skill_{skill.pk}]")
        legend = rating.find_parent("fieldset").legend
        assert name in text_of(legend) and f"{role_skill.required_level}/{MAX_LEVEL}" in text_of(legend)
        assert not legend.select("steering")  # a name is text, never markup


def test_the_what_if_changing_its_copy_of_the_questions_leaves_the_assessments_as_they_were(client, content):
    location = submit(client)["Location"]
    assert page_of(client.get(f"{location}what-if/")).select("input[type=range]")  # sliders, not radios, and no consent
    form = page_of(client.get(form_url()))
    assert not form.select("input[type=range]") and form.select_one("input[name=consent]")
    assert {len(form.select(f"input[type=radio][name={name}]")) for name in skill_fields(client)} == {MAX_LEVEL + 1}


def test_a_valid_answer_redirects_to_a_private_result(client, content):
    response = submit(client)
    assert response.status_code == 303
    saved = Assessment.objects.get()
    assert response["Location"] == f"/assessment/{saved.pk}/"
    assert set(saved.ratings) == {name.removeprefix("skill_") for name in skill_fields(client)}

    result = client.get(response["Location"])
    assert result.status_code == 200
    assert "no-store" in result["Cache-Control"]
    assert "noindex" in result["X-Robots-Tag"]
    page = page_of(result)
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert page.select_one('link[media="print"]')
    assert page.select_one(f'a[href="/assessment/{saved.pk}/delete/"]')


def test_the_result_shows_the_score_its_parts_and_the_routes_it_was_computed_from(client, content):
    page = page_of(client.get(submit(client)["Location"]))
    saved = Assessment.objects.get()
    evaluation = evaluate(read_catalogue(), Answers.of(saved, saved.target_role).profile(), saved.target_role_id)

    assert text_of(page.select_one(".score-total")) == f"{evaluation.target.total} sur 100"
    rows = [[text_of(cell) for cell in row.select("th, td")] for row in page.select("table.score-parts tbody tr")]
    parts, cap = rows[:3], rows[3:]
    assert [row[0] for row in parts] == ["Compétences", "Diplôme", "Expérience"]
    assert [int(row[3]) for row in parts] == [part.points for part in evaluation.target.parts]
    # The cap takes points off, with a true minus sign: "−14".
    assert [int(row[-1].replace("−", "-")) for row in cap] == ([evaluation.target.cap.points] if evaluation.target.cap else [])
    assert all(row[-1].startswith("−") for row in cap)
    shown_total = int(text_of(page.select_one("table.score-parts tfoot td")))
    assert shown_total == sum(int(row[-1].replace("−", "-")) for row in rows) == evaluation.target.total  # the parts add up
    assert text_of(page.select_one(".score-band"))

    titles = dict(Role.objects.values_list("pk", "title_fr"))
    best = page.select_one('section[aria-labelledby="route-best"]')
    shown = texts(best, ".route-step-role strong a, .route-step-target strong a")
    assert [title.split(" / ")[0] for title in shown] == [titles[pk] for pk in evaluation.routes.best.role_ids]
    assert len(page.select("section.route")) == 1 + len(evaluation.routes.alternatives)
    assert page.select_one("svg.route-lane-bars title") and page.select_one("svg.radar title")
    radar_rows = page.select("table.radar-table tbody tr")
    assert len(radar_rows) == len(saved.ratings)
    closest = texts(page, 'section[aria-labelledby="closest-heading"] li > a')
    assert [title.split(" / ")[0] for title in closest] == [titles[c.role_id] for c in evaluation.closest]


def test_the_route_chart_draws_each_step_of_each_saved_route_as_long_as_its_months(client, content):
    page = page_of(client.get(submit(client)["Location"]))
    view = unpin(Assessment.objects.get().pinned_result, "fr")
    routes = [view.best, *view.alternatives]
    lanes = page.select("figure.route-chart .route-lane")
    assert len(lanes) == len(routes) > 1
    scale = max(sum(row.max_months for row in route.rows) for route in routes)  # one axis for every route

    def percent(rect) -> float:
        return float(rect["width"].removesuffix("%"))

    for lane, route in zip(lanes, routes, strict=True):
        assert lane.select_one(".route-lane-title a")["href"] == f"#{route.anchor}"
        steps = [row for row in route.rows if row.kind != "target"]
        rects = lane.select(".route-segment rect")
        assert [rect.parent["class"][1] for rect in rects] == [
            "route-segment-degree" if row.kind == "degree" else "route-segment-role" for row in steps
        ]
        for rect, row in zip(rects, steps, strict=True):
            assert percent(rect) == pytest.approx(max(99 * row.min_months / scale, 0.4), abs=0.01), row.title
        beyond = sum(row.max_months - row.min_months for row in steps)
        extra = lane.select_one("rect.route-range")
        assert (percent(extra) if extra else 0) == pytest.approx(99 * beyond / scale, abs=0.01)
        assert texts(lane, ".route-lane-number") == [str(n) for n, row in enumerate(route.rows, 1) if row.kind != "target"]


def test_the_whole_journey_in_english(client, content):
    response = submit(client, lang="/en")
    assert response.status_code == 303
    assert response["Location"].startswith("/en/assessment/")
    page = client.get(response["Location"]).content.decode()
    for expected in ["out of 100", "Your route", "Operations supervisor", "Skills radar: you and the role"]:
        assert expected in page, expected


def test_a_person_already_qualified_is_told_they_are_ready(client, content):
    fields = {name: 5 for name in skill_fields(client, "junior-operations-officer")}
    response = submit(client, target="junior-operations-officer", years_operations=5, years_facilities=2, **fields)
    page = client.get(response["Location"]).content.decode()
    assert "100 sur 100" in page
    assert "Vous êtes prêt·e" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": None}, "consent", "Cochez cette case"),
        ({"years_operations": 99}, "years_operations", "au plus 50"),
        ({"years_people": -1}, "years_people", "supérieure ou égale à 0"),
        ({"years_business": "beaucoup"}, "years_business", "Saisissez un nombre entier"),
        ({"degree_field": ""}, "degree_field", "Indiquez le domaine"),
        ({"degree_level": "", "degree_field": "engineering"}, "degree_level", "Indiquez le niveau"),
        ({"position": "astronaut"}, "position", "Sélectionnez un choix valide"),
        ({"position": None}, "position", "Dites où vous en êtes : étudiant·e, en reconversion ou déjà en poste."),
        ({"preferred_scale": "9"}, "preferred_scale", "Sélectionnez un choix valide"),
    ],
)
def test_each_bad_answer_gets_a_message_and_nothing_is_lost(client, content, overrides, field, message):
    response = submit(client, **{"years_customer-service": 7}, **overrides)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}"' in page  # the summary links to the field
    assert 'name="years_customer-service" value="7"' in page  # what was typed is kept
    assert not Assessment.objects.exists()


def test_a_missing_skill_rating_is_reported_next_to_the_skill(client, content):
    first = skill_fields(client)[0]
    response = submit(client, **{first: None})
    assert response.status_code == 400
    assert "Choisissez un niveau de 0 à 5" in response.content.decode()


def test_bad_answers_are_explained_in_english(client, content):
    response = submit(client, lang="/en", consent=None, years_operations=99, position=None)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick this box" in page and "at most 50" in page
    assert "Say where you are: a student, changing careers or already in a role." in page


def test_no_situation_is_chosen_for_the_person(client, content):
    situation = page_of(client.get(form_url())).select_one("select[name=position]")
    first = situation.select_one("option")
    assert (first["value"], text_of(first)) == ("", "— Choisissez votre situation —")
    assert all(option["value"] == "" for option in situation.select("option[selected]"))  # the browser shows the first


@pytest.mark.parametrize("target", ["no-such-role", "", "<script>"])
def test_an_unknown_target_gets_the_picker_and_a_400(client, content, target):
    response = client.get("/assessment/", {"target": target})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()
    assert 'name="target"' in response.content.decode()
    assert client.post(f"/assessment/?target={target}", {}).status_code == 400


def test_a_draft_target_cannot_be_assessed(client, content):
    Role.objects.filter(slug=EDO).update(status=Role.Status.DRAFT)
    assert client.get(form_url()).status_code == 400


def test_results_are_reachable_only_by_their_uuid(client, content):
    location = submit(client)["Location"]
    assert client.get(location).status_code == 200
    assert client.get(f"/assessment/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/assessment/{uuid.uuid4()}/delete/").status_code == 404
    assert client.post(f"/assessment/{uuid.uuid4()}/delete/").status_code == 404
    assert client.get("/assessment/not-a-uuid/").status_code == 404
    assert location not in client.get("/assessment/").content.decode()  # nothing lists results


def test_delete_asks_first_then_removes_for_good(client, content):
    location = submit(client)["Location"]
    assert client.get(location).status_code == 200  # now also in the page cache
    confirm = client.get(f"{location}delete/")
    assert confirm.status_code == 200
    assert "irréversible" in confirm.content.decode()
    assert "no-store" in confirm["Cache-Control"]
    assert Assessment.objects.count() == 1

    response = client.post(f"{location}delete/", follow=True)
    assert "supprimés définitivement" in response.content.decode()
    assert not Assessment.objects.exists()
    assert client.get(location).status_code == 404


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_result_page_queries_stay_fixed_as_content_grows(client, content):
    location = submit(client)["Location"]
    renew_content_version()  # each count starts from nothing kept
    before = count_queries(client, location)
    from tests.factories import build_role_with_skills

    for _ in range(5):
        build_role_with_skills(12)
    assert count_queries(client, location) == before


def test_assessment_form_queries_stay_fixed_as_skills_grow(client, db):
    from tests.factories import build_role_with_skills

    small, large = build_role_with_skills(3), build_role_with_skills(30)
    renew_content_version()  # each count starts from nothing kept
    first = count_queries(client, form_url(small.slug))
    renew_content_version()
    assert count_queries(client, form_url(large.slug)) == first


def test_editors_manage_transitions_but_results_are_not_listed(client, content, editor):
    sign_in_verified(client, editor)
    assert client.get("/admin/pathways/transition/").status_code == 200
    assert "Responsable des opérations" in client.get("/admin/pathways/transition/").content.decode()
    assert client.get("/admin/pathways/assessment/").status_code == 404


def test_a_transition_is_drawn_between_the_teams_roles_not_every_imported_job(client, content, editor):
    Role.objects.create(slug="cueilleur", title_fr="Cueilleur de champignons", title_en="Mushroom picker", origin="imported")
    sign_in_verified(client, editor)
    form = client.get("/admin/pathways/transition/add/").content.decode()
    listed = client.get("/admin/pathways/transition/").content.decode()
    assert "Responsable des opérations" in form and "Responsable des opérations" in listed
    assert "Cueilleur de champignons" not in form and "Cueilleur de champignons" not in listed


def test_a_person_in_a_role_starts_their_route_from_it(client, content):
    response = submit(client, position="operations-manager", role_years=2, still_in_role="yes")
    saved = Assessment.objects.get()
    assert (saved.situation, saved.current_role.slug) == ("role", "operations-manager")
    page = client.get(response["Location"]).content.decode()
    route = page[page.index('id="route-best"') :]
    assert "Superviseur des opérations" not in route[: route.index("</section>")]  # already past that step


def test_the_form_asks_a_person_in_a_role_how_long_and_whether_they_still_hold_it(client, content):
    page = page_of(client.get(form_url()))
    block = page.select_one("#situation #role-time")
    assert "Depuis combien de temps occupez-vous ce poste ?" in text_of(block)
    assert "Occupez-vous toujours ce poste ?" in text_of(block)
    assert "depuis combien de temps l’avez-vous quitté ?" in text_of(block)
    assert {control["name"] for control in block.select("input")} == {
        "role_years",
        "role_months",
        "still_in_role",
        "left_years",
        "left_months",
    }
    assert not block.select("input[checked]")  # nobody is taken to still hold a role, or to have left it
    english = page_of(client.get(form_url(lang="/en"))).select_one("#role-time")
    assert "How long have you held this role?" in text_of(english)


def test_the_time_in_a_role_is_stored_and_shown_with_the_answers(client, content):
    response = submit(client, position="operations-manager", role_years=4, role_months=2, still_in_role="no", left_months=8)
    saved = Assessment.objects.get()
    assert (saved.months_in_role, saved.months_since_left) == (50, 8)
    shown = page_of(client.get(response["Location"])).select_one(".answers-shown")
    assert "Temps dans ce poste" in text_of(shown) and "4 ans et 2 mois" in text_of(shown)
    assert "Temps depuis votre départ" in text_of(shown) and "8 mois" in text_of(shown)
    english = text_of(page_of(client.get(f"/en{response['Location']}")).select_one(".answers-shown"))
    assert "4 years and 2 months" in english and "Time since you left" in english


def test_a_student_keeps_no_time_in_a_role_whatever_was_typed(client, content):
    submit(client, position="student", role_years=3, still_in_role="no", left_years=1)
    saved = Assessment.objects.get()
    assert (saved.situation, saved.months_in_role, saved.months_since_left) == ("student", None, None)


@pytest.mark.parametrize(
    ("lang", "overrides", "field", "message"),
    [
        ("", {"still_in_role": "yes"}, "role_years", "Dites depuis combien de temps vous occupez ce poste"),
        ("", {"role_years": 2, "still_in_role": "no"}, "left_years", "Dites depuis combien de temps vous avez quitté ce poste"),
        ("", {"role_years": 2}, "still_in_role", "Dites si vous occupez toujours ce poste."),
        ("", {"role_years": 51, "still_in_role": "yes"}, "role_years", "Indiquez au plus 50 ans."),
        ("/en", {"still_in_role": "yes"}, "role_years", "Say how long you have held this role"),
        ("/en", {"role_years": 2, "still_in_role": "no"}, "left_years", "Say how long ago you left this role"),
        ("/en", {"role_years": 2}, "still_in_role", "Say whether you still hold this role."),
        ("/en", {"role_years": 40, "role_months": 130, "still_in_role": "yes"}, "role_years", "at most 50 years in all"),
    ],
)
def test_a_bad_time_in_a_role_gets_a_message_and_nothing_is_lost(client, content, lang, overrides, field, message):
    response = submit(client, lang=lang, position="operations-manager", **{"years_customer-service": 7}, **overrides)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}"' in page
    assert 'name="years_customer-service" value="7"' in page
    for name, value in overrides.items():
        assert re.search(rf'name="{name}"[^>]* value="{value}"|value="{value}"[^>]* name="{name}"', page), name
    assert 'value="operations-manager" selected' in page
    assert not Assessment.objects.exists()


def test_the_database_keeps_a_time_in_a_role_only_for_a_person_with_a_role_and_within_a_working_life(client, content):
    submit(client, position="operations-manager", role_years=1, still_in_role="yes")
    saved = Assessment.objects.all()
    for change in ({"months_in_role": MAX_EXPERIENCE_MONTHS + 1}, {"situation": "student"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            saved.update(**change)
    saved.update(months_since_left=MAX_EXPERIENCE_MONTHS)
    with pytest.raises(IntegrityError), transaction.atomic():
        saved.update(months_since_left=MAX_EXPERIENCE_MONTHS + 1)
