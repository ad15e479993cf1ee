"""The result page's what-if, and results kept as they were computed."""

import re

import pytest

from careerpath.cache import renew_content_version
from pathways.models import Assessment, Transition
from roles.models import Role, RoleSkill
from tests.assessments import EDO, form_url, skill_fields, submit
from tests.html import page_of, text_of, texts

pytestmark = pytest.mark.django_db


def saved_result(client, **overrides) -> tuple[Assessment, str]:
    location = submit(client, **overrides)["Location"]
    return Assessment.objects.get(pk=location.split("/")[-2]), location


def what_if_data(page) -> dict[str, object]:
    """What the result page's what-if form would send untouched: the saved answers."""
    form = page.select_one("form[data-what-if]")
    data: dict[str, object] = {}
    for control in form.select("input, select"):
        name = control.get("name")
        if control.name == "select":
            chosen = control.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        elif control.get("type") == "checkbox":
            if control.has_attr("checked"):
                data.setdefault(name, []).append(control["value"])
        elif control.get("type") == "radio":
            if control.has_attr("checked"):
                data[name] = control["value"]
        else:
            data[name] = control.get("value", "")
    return data


def scores_side_by_side(page) -> list[str]:
    return texts(page, "#what-if-outcome .comparison-table .score-total")


def test_the_what_if_form_starts_from_the_saved_answers(client, content):
    _saved, location = saved_result(client, years_operations=3, **{"months_customer-service": 5})
    data = what_if_data(page_of(client.get(location)))
    assert data["years_operations"] == "3" and data["months_customer-service"] == "5"
    assert data["degree_level"] == "bachelor" and data["position"] == "student"
    assert {name: data[name] for name in skill_fields(client)} == {name: "2" for name in skill_fields(client)}


def test_changing_one_rating_shows_the_new_score_beside_the_saved_one_and_stores_nothing(client, content):
    saved, location = saved_result(client)
    page = page_of(client.get(location))
    saved_total = int(text_of(page.select_one(".score-total")).split()[0])
    data = what_if_data(page)
    data.update({name: 5 for name in skill_fields(client)})

    response = client.get(f"{location}what-if/", data)
    assert response.status_code == 200
    trial = page_of(response)
    before, after = scores_side_by_side(trial)
    assert int(before.split()[0]) == saved_total
    assert int(after.split()[0]) > saved_total
    assert "changé" in text_of(trial.select_one("#what-if-outcome"))
    assert list(Assessment.objects.values_list("ratings", flat=True)) == [saved.ratings]  # nothing saved
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize(
    "change",
    [
        {"degree_level": "master", "degree_field": "business-management"},
        {"years_operations": 12, "years_people": 6, "years_business": 6},
        {"preferred_sector": "services"},
        {"preferred_scale": "1"},
    ],
)
def test_each_kind_of_answer_can_be_tried(client, content, change):
    _saved, location = saved_result(client)
    data = {**what_if_data(page_of(client.get(location))), **change}
    trial = page_of(client.get(f"{location}what-if/", data))
    assert len(scores_side_by_side(trial)) == 2
    for name, value in change.items():  # the form shows the answers tried
        control = trial.select_one(f"form[data-what-if] [name='{name}']")
        shown = control.select_one("option[selected]")["value"] if control.name == "select" else control["value"]
        assert shown == str(value)


def test_the_same_answers_change_nothing(client, content):
    _saved, location = saved_result(client)
    trial = page_of(client.get(f"{location}what-if/", what_if_data(page_of(client.get(location)))))
    before, after = scores_side_by_side(trial)
    assert before == after
    assert "ne changent ni le score ni le parcours" in text_of(trial.select_one("#what-if-outcome"))


def test_a_bad_answer_gets_a_message_in_the_language_and_a_400(client, content):
    _saved, location = saved_result(client)
    data = {**what_if_data(page_of(client.get(location))), "years_business": "beaucoup", skill_fields(client)[0]: 9}
    response = client.get(f"{location}what-if/", data)
    assert response.status_code == 400
    outcome = text_of(page_of(response).select_one("#what-if-outcome"))
    assert "Saisissez un nombre entier" in outcome and "Choisissez un niveau de 0 à 5 pour cette compétence" in outcome
    assert 'value="beaucoup"' in response.content.decode()  # nothing typed is lost

    english = client.get(f"/en{location}what-if/", data)
    assert english.status_code == 400 and "Enter a whole number" in english.content.decode()
    assert "Choose a level from 0 to 5 for this skill" in english.content.decode()


def test_saving_the_tried_answers_makes_a_new_version_and_keeps_the_old_one(client, content):
    saved, location = saved_result(client)
    data = {**what_if_data(page_of(client.get(location))), **{name: 4 for name in skill_fields(client)}}
    trial = page_of(client.get(f"{location}what-if/", data))
    keep = trial.select_one("form.what-if-save")
    sent = {}
    for field in keep.select("input[type=hidden]"):
        if field["name"] != "csrfmiddlewaretoken":
            sent.setdefault(field["name"], []).append(field["value"])

    response = client.post(f"{location}what-if/", sent)
    assert response.status_code == 303
    version = Assessment.objects.exclude(pk=saved.pk).get()
    assert version.revises == saved
    assert set(version.ratings.values()) == {4}
    saved.refresh_from_db()
    assert set(saved.ratings.values()) == {2}  # the earlier version is as it was

    new_page = page_of(client.get(response["Location"]))
    assert new_page.select_one(f".previous-version a[href='{location}']")
    old_page = page_of(client.get(location))
    assert old_page.select_one(f".newer-version a[href='{response['Location']}']")


def test_an_unknown_or_deleted_result_has_no_what_if(client, content):
    assert client.get("/assessment/00000000-0000-0000-0000-000000000000/what-if/").status_code == 404


def follow_best_route(page) -> list[str]:
    best = page.select_one('section[aria-labelledby="route-best"]')
    return [text_of(step.select_one("p")) for step in best.select(".route-step")]


def test_a_saved_result_stays_as_it_was_when_a_transition_changes_and_says_what_changed(client, content):
    _saved, location = saved_result(client)
    before = page_of(client.get(location))
    route_before = follow_best_route(before)
    assert not before.select_one(".what-changed")

    # An editor changes how long the last move of the route takes.
    move = Transition.objects.get(from_role__slug="operations-manager", to_role__slug=EDO)
    move.min_months, move.max_months = move.min_months + 60, move.max_months + 60
    move.save()

    after = page_of(client.get(location))
    assert follow_best_route(after) == route_before  # the saved route, as it was
    assert text_of(after.select_one(".score-summary")) == text_of(before.select_one(".score-summary"))
    note = after.select_one(".what-changed")
    assert note is not None
    changed = note.select("tbody tr.is-changed")
    assert changed  # the longer move changes the time to ready or the route itself
    for row in changed:
        saved_cell, current_cell = [text_of(cell) for cell in row.select("td")]
        assert "changé" in current_cell and saved_cell != current_cell.replace("changé", "").strip()
    link = note.select_one("a[href*='what-if']")["href"]
    assert client.get(link).status_code == 200  # the detail, ready to be kept as a new version


def test_a_saved_result_survives_its_role_being_unpublished(client, content):
    _saved, location = saved_result(client)
    total = text_of(page_of(client.get(location)).select_one(".score-summary"))
    Role.objects.filter(slug=EDO).update(status=Role.Status.DRAFT)
    renew_content_version()
    page = page_of(client.get(location))
    assert "n’est plus publié" in text_of(page.select_one(".alert-warning"))
    assert text_of(page.select_one(".score-summary")) == total
    assert not page.select_one("form[data-what-if]")
    assert client.get(f"{location}what-if/").status_code == 302


def test_a_skill_added_after_saving_is_offered_unrated_each_level_in_words(client, content):
    _saved, location = saved_result(client)
    role = Role.objects.get(slug=EDO)
    added = (
        RoleSkill.objects.filter(role__slug="chief-operating-officer").exclude(skill__in=role.role_skills.values("skill")).first()
    )
    RoleSkill.objects.create(role=role, skill=added.skill, required_level=3, importance=added.importance)
    page = page_of(client.get(location))
    control = page.select_one(f"form[data-what-if] select[name='skill_{added.skill_id}']")
    assert control.select_one("option[selected]")["value"] == ""  # not assessed, unless the person rates it
    assert re.search("Non évaluée", text_of(control))
    levels = texts(control, "option")[1:]  # each level in words, as the assessment form says them
    assert levels[0] == "0 — Jamais pratiqué"
    assert all(option.startswith(f"{level} — ") and len(option) > 10 for level, option in enumerate(levels))


@pytest.mark.parametrize("lang", ["", "/en"])
def test_each_slider_says_its_level_in_the_words_the_assessment_form_uses(client, content, lang):
    _saved, location = saved_result(client)  # every skill rated 2
    name = skill_fields(client)[0]
    form = page_of(client.get(form_url(lang=lang)))

    def form_words(level: int) -> str:  # the radio's label on the assessment form: "2 — what a person at 2 does"
        return text_of(form.select_one(f"label[for=id_{name}_{level}]"))

    def slider_words(page) -> tuple[str, str]:
        slider = page.select_one(f"form[data-what-if] input[name={name}]")
        words = text_of(page.select_one(f"[data-words-for={slider['id']}]"))
        return f"{slider['value']} — {words}", slider["aria-valuetext"]

    result = page_of(client.get(lang + location))
    assert slider_words(result) == (form_words(2), form_words(2))
    tried = page_of(client.get(f"{lang}{location}what-if/", {**what_if_data(result), name: 4}))  # the form sent, no script
    assert slider_words(tried) == (form_words(4), form_words(4))
    assert form_words(4) != form_words(2) and len(form_words(4)) > 10


def test_a_result_saved_before_results_were_kept_is_kept_from_its_first_view(client, content):
    saved, location = saved_result(client)
    Assessment.objects.filter(pk=saved.pk).update(pinned_result=None)
    first = page_of(client.get(location))
    saved.refresh_from_db()
    assert saved.pinned_result is not None
    Transition.objects.filter(to_role__slug=EDO).update(max_months=400)
    renew_content_version()
    later = page_of(client.get(location))
    assert text_of(later.select_one(".score-summary")) == text_of(first.select_one(".score-summary"))
    assert later.select_one(".what-changed")


def test_the_what_if_carries_the_time_in_a_role_and_can_change_it(client, content):
    saved, location = saved_result(client, position="operations-manager", role_years=2, still_in_role="yes")
    data = what_if_data(page_of(client.get(location)))
    assert (data["role_years"], data["role_months"], data["still_in_role"], data["left_years"]) == ("2", "0", "yes", "")
    data.update(still_in_role="no", left_years=1, left_months=3)
    trial = page_of(client.get(f"{location}what-if/", data))
    assert len(scores_side_by_side(trial)) == 2
    sent = {}
    for field in trial.select("form.what-if-save input[type=hidden]"):
        if field["name"] != "csrfmiddlewaretoken":
            sent.setdefault(field["name"], []).append(field["value"])
    assert (sent["still_in_role"], sent["left_years"], sent["left_months"]) == (["no"], ["1"], ["3"])
    response = client.post(f"{location}what-if/", sent)
    assert response.status_code == 303
    version = Assessment.objects.exclude(pk=saved.pk).get()
    assert (version.months_in_role, version.months_since_left) == (24, 15)
    assert (saved.months_in_role, saved.months_since_left) == (24, None)


def test_a_bad_time_since_leaving_in_the_what_if_gets_a_400_and_keeps_what_was_typed(client, content):
    _saved, location = saved_result(client, position="operations-manager", role_years=2, still_in_role="yes")
    data = {**what_if_data(page_of(client.get(location))), "still_in_role": "no", "left_years": "", "role_months": "13"}
    response = client.get(f"{location}what-if/", data)
    assert response.status_code == 400
    assert "Dites depuis combien de temps vous avez quitté ce poste" in response.content.decode()
    assert 'name="role_months" value="13"' in response.content.decode()
    english = client.get(f"/en{location}what-if/", data)
    assert english.status_code == 400 and "Say how long ago you left this role" in english.content.decode()


def test_a_what_if_that_moves_nothing_says_why_in_french_and_in_english(client, content):
    """A skill already at its level rated higher moves nothing; the page says so, from the data."""
    met = RoleSkill.objects.filter(role__slug=EDO, required_level__lt=5).select_related("skill").first()
    field = f"skill_{met.skill_id}"
    _saved, location = saved_result(client, **{field: met.required_level})
    data = what_if_data(page_of(client.get(location)))
    data[field] = met.required_level + 1
    for prefix, words in (("", "était déjà au niveau demandé"), ("/en", "was already at")):
        trial = page_of(client.get(f"{prefix}{location}what-if/", data))
        before, after = scores_side_by_side(trial)
        assert before == after
        reasons = trial.select(".why-nothing-moved li")
        assert reasons and reasons[0]["class"] == ["why-already-met"]
        assert met.skill.name in text_of(reasons[0]) and words in text_of(reasons[0])


def test_the_same_answers_say_nothing_of_a_skill_and_name_the_cap(client, content):
    _saved, location = saved_result(client)
    trial = page_of(client.get(f"{location}what-if/", what_if_data(page_of(client.get(location)))))
    codes = [item["class"][0] for item in trial.select(".why-nothing-moved li")]
    assert all(code.startswith("why-cap-") for code in codes)  # no skill changed: only what holds the score, if anything


def test_a_content_change_that_raises_a_level_shows_the_gap_as_new(client, content):
    _saved, location = saved_result(client)
    assert not page_of(client.get(location)).select_one(".what-changed")
    role_skill = RoleSkill.objects.filter(role__slug=EDO).select_related("skill").order_by("required_level").first()
    role_skill.required_level = 5
    role_skill.save()
    note = page_of(client.get(location)).select_one(".what-changed")
    assert note is not None
    row = note.select_one("tr.gaps-change")
    assert "is-changed" in row["class"]
    assert f"Nouveau : {role_skill.skill.name} (2 sur 5 demandés)" in text_of(row)


def test_a_content_change_that_adds_a_rated_skill_shows_the_gap_as_new(client, content):
    role = Role.objects.get(slug=EDO)
    added = (
        RoleSkill.objects.filter(role__slug="chief-operating-officer").exclude(skill__in=role.role_skills.values("skill")).first()
    )
    _saved, location = saved_result(client)
    data = what_if_data(page_of(client.get(location)))
    RoleSkill.objects.create(role=role, skill=added.skill, required_level=4, importance=added.importance)
    data[f"skill_{added.skill_id}"] = 1  # rated in the what-if: a new gap beside the saved result
    trial = page_of(client.get(f"{location}what-if/", data))
    row = trial.select_one("#what-if-outcome tr.gaps-change")
    assert "is-changed" in row["class"] and f"Nouveau : {added.skill.name} (1 sur 4 demandés)" in text_of(row)


def test_a_route_whose_steps_take_another_time_shows_in_the_comparison(client, content):
    _saved, location = saved_result(client)
    move = Transition.objects.get(from_role__slug="operations-manager", to_role__slug=EDO)
    move.min_months, move.max_months = move.min_months + 60, move.max_months + 60
    move.save()
    row = page_of(client.get(location)).select_one(".what-changed tr.routes-change")
    assert "is-changed" in row["class"] and "Le chemin le plus court" in text_of(row)
    assert "mêmes étapes, autres durées" in text_of(row) or "étape" in text_of(row)
