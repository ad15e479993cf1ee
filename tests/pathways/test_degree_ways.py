"""The ways to obtain a degree: the pure function's properties over generated ways and degrees, the content
as shipped, and the admin."""

import io
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pathways.degree_ways import Fit, Way, ways_from, ways_to_degree, why_not
from pathways.forms import AssessmentForm
from pathways.loading import DEGREE_WAYS_FILE
from pathways.models import DegreeWay, Estimate
from pathways.presentation import Lookups, degree_basis, degree_row
from pathways.scoring import DegreeOption
from roles.loading import read_toml
from roles.models import DEGREE_RANK, Degree, DegreeField, DegreeLevel, degree_rank_label
from tests.two_factor import sign_in_verified

RANKS = sorted(set(DEGREE_RANK.values()))
CONTENT = read_toml(DEGREE_WAYS_FILE)["degree_ways"]


def content_ways() -> tuple[Way, ...]:
    """The shipped ways, read from the content file as `load_content` writes them (defaults filled in)."""
    defaults = {
        "while_working": False,
        "counts_as_experience": False,
        "needs_employer": False,
        "min_factor": None,
        "max_factor": None,
        "min_months": None,
        "max_months": None,
        "excluded_fields": [],
        "requires_rank": 0,
        "min_related_months": 0,
    }
    rows = []
    for pk, entry in enumerate(CONTENT, start=1):
        row = {**defaults, **{key: value for key, value in entry.items() if key in defaults or "rank" in key}}
        for key in ("min_factor", "max_factor"):
            row[key] = None if row[key] is None else Decimal(str(row[key]))
        rows.append(SimpleNamespace(pk=pk, slug=entry["slug"], **row))
    return ways_from(rows)


WAYS = content_ways()
FULL_TIME = next(way for way in WAYS if way.slug == "full-time")


@st.composite
def ways(draw) -> Way:
    low, high = sorted(draw(st.lists(st.sampled_from(RANKS), min_size=2, max_size=2)))
    common = {
        "way_id": draw(st.integers(1, 1000)),
        "slug": "generated",
        "while_working": draw(st.booleans()),
        "counts_as_experience": draw(st.booleans()),
        "needs_employer": draw(st.booleans()),
        "min_rank": low,
        "max_rank": high,
        "excluded_fields": frozenset(draw(st.lists(st.sampled_from(DegreeField.values), max_size=2))),
        "requires_rank": draw(st.sampled_from([0, *RANKS])),
        "min_related_months": draw(st.integers(0, 120)),
    }
    if draw(st.booleans()):
        factors = sorted(draw(st.lists(st.decimals("0.25", "3.00", places=2), min_size=2, max_size=2)))
        return Way(**common, min_factor=factors[0], max_factor=factors[1])
    months = sorted(draw(st.lists(st.integers(1, 60), min_size=2, max_size=2)))
    return Way(**common, min_months=months[0], max_months=months[1])


some_ways = st.one_of(st.sampled_from(WAYS), ways())
degrees = st.builds(
    DegreeOption,
    degree_id=st.integers(1, 50),
    rank=st.sampled_from(RANKS),
    field=st.sampled_from(DegreeField.values),
    months=st.integers(1, 72),
    typical=st.booleans(),
)
held_ranks = st.sampled_from([0, *RANKS])
months = st.integers(0, 600)


@given(st.lists(some_ways, max_size=8).map(tuple), degrees, held_ranks, months)
def test_every_way_is_listed_once_with_a_range_in_order(given_ways, option, held_rank, related):
    options = ways_to_degree(option, held_rank=held_rank, related_months=related, ways=given_ways)
    assert sorted(id(o.way) for o in options) == sorted(id(way) for way in given_ways)
    assert all(1 <= o.min_months <= o.max_months for o in options)
    applies = [o.applies for o in options]
    assert applies == sorted(applies, reverse=True)  # those that apply first


@given(some_ways, degrees, held_ranks, months, st.integers(0, 240))
def test_more_related_experience_never_removes_a_way(way, option, held_rank, related, more):
    before = ways_to_degree(option, held_rank=held_rank, related_months=related, ways=(way,))[0]
    after = ways_to_degree(option, held_rank=held_rank, related_months=related + more, ways=(way,))[0]
    assert after.applies or not before.applies
    assert (after.min_months, after.max_months) == (before.min_months, before.max_months)


@given(some_ways, degrees, held_ranks, months)
def test_a_way_for_a_higher_rank_never_applies_to_a_lower_one(way, option, held_rank, related):
    result = ways_to_degree(option, held_rank=held_rank, related_months=related, ways=(way,))[0]
    if option.rank < way.min_rank or option.rank > way.max_rank:
        assert not result.applies and result.fit == Fit.OTHER_LEVEL


@given(some_ways, degrees, held_ranks, months)
def test_a_way_asking_a_degree_or_experience_the_person_lacks_does_not_apply(way, option, held_rank, related):
    result = ways_to_degree(option, held_rank=held_rank, related_months=related, ways=(way,))[0]
    if held_rank < way.requires_rank or related < way.min_related_months or option.field in way.excluded_fields:
        assert not result.applies
        assert why_not(result, "Voie").startswith("Voie : ")
    else:
        assert result.applies == (way.min_rank <= option.rank <= way.max_rank)


@given(degrees, held_ranks, months)
def test_full_time_study_always_applies_and_takes_the_degrees_length(option, held_rank, related):
    result = ways_to_degree(option, held_rank=held_rank, related_months=related, ways=WAYS)
    full_time = next(o for o in result if o.way == FULL_TIME)
    assert full_time.applies and why_not(full_time, "x") == ""
    assert (full_time.min_months, full_time.max_months) == (option.months, option.months)
    assert not full_time.while_working and not full_time.counts_as_experience


@given(some_ways, degrees)
def test_the_durations_are_those_of_the_data(way, option):
    result = ways_to_degree(option, held_rank=5, related_months=600, ways=(way,))[0]
    if way.min_factor is not None and way.max_factor is not None:
        expected = [
            max(1, int((factor * option.months).to_integral_value(rounding=ROUND_HALF_UP)))
            for factor in (way.min_factor, way.max_factor)
        ]
        assert [result.min_months, result.max_months] == expected
        assert abs(result.min_months - float(way.min_factor) * option.months) <= 0.5 or result.min_months == 1
    else:
        assert (result.min_months, result.max_months) == (way.min_months, way.max_months)


def test_the_shipped_ways_say_what_a_french_careers_adviser_would():
    master = DegreeOption(degree_id=1, rank=5, field="business-management", months=24, typical=True)
    by_slug = {o.way.slug: o for o in ways_to_degree(master, held_rank=3, related_months=0, ways=WAYS)}
    assert by_slug["vae"].fit == Fit.NEEDS_EXPERIENCE
    assert by_slug["executive-programme"].fit == Fit.NEEDS_EXPERIENCE
    assert by_slug["professional-licence"].fit == Fit.OTHER_LEVEL
    assert (by_slug["part-time"].min_months, by_slug["part-time"].max_months) == (36, 48)
    assert by_slug["apprenticeship"].applies and by_slug["apprenticeship"].counts_as_experience
    with translation.override("fr"):
        assert why_not(by_slug["vae"], "VAE") == "VAE : demande au moins 12 mois d’expérience en rapport avec le diplôme"

    experienced = {o.way.slug: o for o in ways_to_degree(master, held_rank=3, related_months=60, ways=WAYS)}
    assert experienced["vae"].fit == Fit.EXPERIENCE and (experienced["vae"].min_months, experienced["vae"].max_months) == (6, 18)
    assert experienced["executive-programme"].applies and experienced["executive-programme"].while_working

    bachelor = DegreeOption(degree_id=2, rank=3, field="operations", months=36, typical=True)
    after_bts = {o.way.slug: o for o in ways_to_degree(bachelor, held_rank=2, related_months=0, ways=WAYS)}
    assert after_bts["professional-licence"].fit == Fit.BUILDS_ON_DEGREE
    assert (after_bts["professional-licence"].min_months, after_bts["professional-licence"].max_months) == (9, 12)
    without = {o.way.slug: o for o in ways_to_degree(bachelor, held_rank=0, related_months=0, ways=WAYS)}
    assert without["professional-licence"].fit == Fit.NEEDS_DEGREE

    engineering = DegreeOption(degree_id=3, rank=5, field="engineering", months=60, typical=True)
    open_ways = {o.way.slug for o in ways_to_degree(engineering, held_rank=3, related_months=600, ways=WAYS) if o.applies}
    assert open_ways == {"full-time", "apprenticeship"}


# --- The content, the scale and the admin -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_ways_load_once_each_with_a_basis_and_conditions_in_both_languages():
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert f"created {len(CONTENT)} pathways.DegreeWay" in out.getvalue()
    call_command("load_content", stdout=io.StringIO())
    assert DegreeWay.objects.count() == len(CONTENT)
    for way in DegreeWay.objects.all():
        way.full_clean()
        assert way.name_fr and way.name_en and way.conditions_fr and way.conditions_en, way.slug
        assert way.duration_basis_fr.startswith("Estimation de l’équipe : "), way.slug
        assert way.duration_basis_en.startswith("The team’s estimate: "), way.slug
    assert [way.slug for way in ways_from(DegreeWay.objects.all())] == [entry["slug"] for entry in CONTENT]
    assert ways_from(DegreeWay.objects.all()) == tuple(
        Way(**{**vars(way), "way_id": DegreeWay.objects.get(slug=way.slug).pk}) for way in WAYS
    )
    vae = DegreeWay.objects.get(slug="vae")
    assert "21 décembre 2022" in vae.conditions_fr and "aucune durée minimale" in vae.conditions_fr


@pytest.mark.django_db
def test_an_editors_change_to_a_way_survives_a_reload():
    call_command("load_content", stdout=io.StringIO())
    DegreeWay.objects.filter(slug="vae").update(min_related_months=6)
    DegreeWay.objects.filter(slug="part-time").delete()
    call_command("load_content", stdout=io.StringIO())
    assert DegreeWay.objects.get(slug="vae").min_related_months == 6
    assert DegreeWay.objects.filter(slug="part-time").count() == 1  # create-only: what is missing comes back


def test_bac_plus_2_is_on_the_scale_and_in_the_self_assessment():
    assert DEGREE_RANK[DegreeLevel.SHORT_CYCLE] == 2
    with translation.override("fr"):
        assert degree_rank_label(2) == "bac+2"
    with translation.override("en"):
        assert degree_rank_label(2) == "2-year degree"
    offered = [value for value, _label in AssessmentForm.base_fields["degree_level"].choices]
    assert offered[:2] == ["", "short-cycle"]


@pytest.mark.django_db
def test_the_bts_loads_with_a_duration_its_basis_gives(content):
    bts = Degree.objects.get(slug="bts-transport-logistics")
    assert bts.rank == 2 and bts.typical_months == 24
    assert bts.duration_basis_fr.startswith("Estimation de l’équipe : 2 ans")
    assert bts.duration_basis_en.startswith("The team’s estimate: 2 years")


@pytest.mark.django_db
def test_every_degree_row_states_the_years_its_months_make(content):
    words = {12: "1 an", 24: "2 ans", 36: "3 ans", 60: "5 ans"}
    for degree in Degree.objects.all():
        assert degree.duration_basis_fr.startswith(f"Estimation de l’équipe : {words[degree.typical_months]}"), degree.slug


@pytest.mark.django_db
def test_the_admin_lists_the_ways_and_saves_an_edit(client, editor, content):
    sign_in_verified(client, editor)
    listing = client.get("/admin/pathways/degreeway/").content.decode()
    for way in DegreeWay.objects.all():
        assert way.name_fr in listing
    vae = DegreeWay.objects.get(slug="vae")
    url = f"/admin/pathways/degreeway/{vae.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.get("/admin/pathways/degreeway/?while_working__exact=1").status_code == 200
    form = {
        "slug": vae.slug,
        "position": vae.position,
        "name_fr": vae.name_fr,
        "name_en": vae.name_en,
        "while_working": "on",
        "counts_as_experience": "on",
        "min_months": 6,
        "max_months": 24,
        "min_rank": 2,
        "max_rank": 5,
        "excluded_fields": ["engineering", "facilities"],
        "requires_rank": 0,
        "min_related_months": 12,
        "conditions_fr": vae.conditions_fr,
        "conditions_en": vae.conditions_en,
        "duration_basis_fr": vae.duration_basis_fr,
        "duration_basis_en": vae.duration_basis_en,
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    vae.refresh_from_db()
    assert vae.max_months == 24 and sorted(vae.excluded_fields) == ["engineering", "facilities"]

    both = client.post(url, {**form, "min_factor": "1.0", "max_factor": "1.0"})
    assert both.status_code == 200 and "soit les deux facteurs" in both.content.decode()


def test_a_degree_row_counting_a_first_degree_gives_both_bases():
    """A master's row for someone without a bachelor's shows 5 years: its basis says 3 then 2, not "2 ans" alone."""
    master = Degree(typical_months=24, duration_basis="Estimation de l’équipe : 2 ans, la durée d’un master.")
    first = Estimate(key=Estimate.Key.FIRST_DEGREE_MONTHS, months=36, justification="Estimation de l’équipe : 3 ans, la licence.")
    lookups = Lookups(roles={}, experience_steps={}, transitions={}, degrees={}, ways={}, skills={}, estimates=[first])
    with translation.override("fr"):
        assert degree_basis(master, 24, lookups) == master.duration_basis
        assert degree_basis(master, 60, lookups) == (
            "5 ans : d’abord un premier diplôme, estimation de l’équipe : 3 ans, la licence. "
            "Puis ce diplôme, estimation de l’équipe : 2 ans, la durée d’un master."
        )


@pytest.mark.django_db
def test_a_degree_taken_while_working_reads_as_no_extra_time_and_keeps_its_acronyms(content):
    """The VAE's row names the way in the sentence ("…, validation des acquis de l’expérience (VAE)…", not "(vae)")
    and, adding no months to the route, says so rather than "tout de suite"."""
    vae = DegreeWay.objects.get(slug="vae")
    master = Degree.objects.filter(level=DegreeLevel.MASTER).first()
    role = SimpleNamespace(display_title="Directeur des opérations")
    option = DegreeOption(degree_id=master.pk, rank=5, field=master.field, months=master.typical_months, typical=True)
    leg = SimpleNamespace(degree=option, degree_way_id=vae.pk, degree_span=(6, 18), degree_months=0, degree_max_months=0)
    lookups = Lookups(
        roles={}, experience_steps={}, transitions={}, degrees={master.pk: master}, ways={vae.pk: vae}, skills={}, estimates=[]
    )
    with translation.override("fr"):
        row = degree_row(leg, role, lookups)
        assert "validation des acquis de l’expérience (VAE), totale ou partielle" in row.title
        assert "6 à 18 mois, en même temps que l’étape d’avant" in row.title
        assert row.duration == "pas de temps en plus"
    executive = DegreeWay.objects.get(slug="executive-programme")
    with translation.override("en"):
        row = degree_row(
            SimpleNamespace(**{**vars(leg), "degree_way_id": executive.pk}),
            role,
            Lookups(
                roles={},
                experience_steps={},
                transitions={},
                degrees={master.pk: master},
                ways={executive.pk: executive},
                skills={},
                estimates=[],
            ),
        )
        assert row.title.startswith(f"{master.name}, executive master’s or executive MBA") and row.duration == "no extra time"
