import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from careerpath.labels import format_duration
from roles.models import ExperienceStep, Role, RoleSkill, SkillLevel, Stage, Variation, degree_rank_label
from tests.factories import ExperienceStepFactory, RoleFactory, RoleSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db


def violates_constraint(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("level", [0, 6])
def test_required_level_must_stay_between_one_and_five(level):
    role, skill = RoleFactory(), SkillFactory()
    assert violates_constraint(lambda: RoleSkill.objects.create(role=role, skill=skill, required_level=level))


def test_a_skill_is_required_once_per_role():
    role_skill = RoleSkillFactory()
    assert violates_constraint(lambda: RoleSkill.objects.create(role=role_skill.role, skill=role_skill.skill, required_level=2))


def test_skill_levels_are_one_to_five_and_unique():
    skill = SkillFactory()  # comes with levels 1..5
    assert violates_constraint(lambda: SkillLevel.objects.create(skill=skill, level=6, description_fr="x"))
    assert violates_constraint(lambda: SkillLevel.objects.create(skill=skill, level=3, description_fr="x"))


def test_step_positions_are_unique_within_a_role_and_durations_ordered():
    step = ExperienceStepFactory(position=1)
    assert violates_constraint(lambda: ExperienceStepFactory(role=step.role, position=1))
    assert violates_constraint(lambda: ExperienceStepFactory(min_months=12, max_months=6))


def test_a_step_that_stands_in_for_a_degree_is_met_to_enter():
    assert violates_constraint(lambda: ExperienceStepFactory(is_alternative=True, stage=Stage.GROWTH))
    assert ExperienceStepFactory(is_alternative=True).stage == Stage.ENTRY  # the default
    step = ExperienceStepFactory(stage=Stage.GROWTH)  # an ordinary step may grow in the role
    assert violates_constraint(lambda: ExperienceStep.objects.filter(pk=step.pk).update(is_alternative=True))


def test_scale_range_must_be_ordered():
    assert violates_constraint(lambda: RoleFactory(min_scale=4, max_scale=1))


def test_a_role_cannot_report_to_itself():
    role = RoleFactory()
    role.reports_to = role
    assert violates_constraint(lambda: role.save())


def test_a_variation_names_a_scale_or_a_sector_matching_its_dimension():
    role = RoleFactory()
    assert violates_constraint(
        lambda: Variation.objects.create(role=role, dimension="scale", sector="services", description_fr="x")
    )
    assert violates_constraint(lambda: Variation.objects.create(role=role, dimension="sector", description_fr="x"))
    Variation.objects.create(role=role, dimension="sector", sector="services", description_fr="ok")


def test_published_hides_drafts():
    published, draft = RoleFactory(), RoleFactory(status=Role.Status.DRAFT)
    assert list(Role.objects.published()) == [published]
    assert draft not in Role.objects.published()


def test_french_title_shows_both_forms_and_english_one():
    role = RoleFactory(
        title_fr="Directeur des opérations", title_feminine="Directrice des opérations", title_en="Chief operating officer"
    )
    assert role.display_title == "Directeur des opérations / Directrice des opérations"
    with translation.override("en"):
        assert role.display_title == "Chief operating officer"


def test_english_text_falls_back_to_french_when_missing():
    role = RoleFactory(summary_fr="Résumé seulement en français", summary_en="")
    with translation.override("en"):
        assert role.summary == "Résumé seulement en français"


def test_role_url_follows_the_language():
    role = RoleFactory(slug="chief-operating-officer")
    assert role.get_absolute_url() == "/roles/chief-operating-officer/"
    with translation.override("en"):
        assert role.get_absolute_url() == "/en/roles/chief-operating-officer/"


@pytest.mark.parametrize(
    ("low", "high", "french", "english"),
    [
        (1, 6, "1 à 6 mois", "1–6 months"),
        (6, 18, "6 à 18 mois", "6–18 months"),
        (12, 12, "12 mois", "12 months"),
        (24, 60, "2 à 5 ans", "2–5 years"),
        (94, 96, "7 à 8 ans", "7–8 years"),  # never "94 months – 8 years", nor a short end rounded up
        (156, 173, "13 à 14 ans", "13–14 years"),  # never "13 years – 173 months"
        (96, 156, "8 à 13 ans", "8–13 years"),
        (96, 100, "8 ans", "8 years"),  # both ends read the same
        (6, 24, "6 mois à 2 ans", "6 months to 2 years"),  # never "1 à 2 ans": the short end kept
        (3, 36, "3 mois à 3 ans", "3 months to 3 years"),
        (0, 36, "jusqu’à 3 ans", "up to 3 years"),
    ],
)
def test_durations_keep_both_ends_rounded_for_a_person(low, high, french, english):
    assert format_duration(low, high) == french
    with translation.override("en"):
        assert format_duration(low, high) == english


def test_a_degree_rank_reads_as_years_of_study_after_the_baccalaureat():
    assert degree_rank_label(5) == "bac+5"
    with translation.override("en"):
        assert degree_rank_label(3) == "3-year degree"
