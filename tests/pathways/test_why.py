"""Why a change moved nothing: the reasons read from the requirements and the readiness after, in both languages."""

from django.utils import translation

from pathways import why
from pathways.scoring import DegreeOption, ExperienceStepNeed, Profile, RoleRequirements, SkillNeed, readiness

NAMES = {1: "Piloter", 2: "Négocier", 3: "Animer", 4: "Budgéter"} | {skill_id: f"S{skill_id}" for skill_id in range(5, 12)}
ROLE = RoleRequirements(
    role_id=1,
    skills=(
        SkillNeed(1, 4, essential=True),
        SkillNeed(2, 3, essential=False),
        SkillNeed(3, 3, essential=True, entry=False),
        SkillNeed(4, 4, essential=True),
    ),
)

MET = {skill_id: 3 for skill_id in range(5, 12)}
WIDER = RoleRequirements(1, skills=ROLE.skills + tuple(SkillNeed(skill_id, 3, True) for skill_id in MET))


def reasons(before: dict, after: dict, role: RoleRequirements = ROLE, **profile) -> list[why.Reason]:
    return why.why_nothing_moved(role, before, after, readiness(role, Profile(ratings=after, **profile)), NAMES)


def test_a_skill_that_grows_in_the_role_says_so_and_the_cap_names_the_entry_skill_furthest_below():
    found = reasons({1: 0, 2: 3, 3: 1, 4: 3} | MET, {1: 0, 2: 3, 3: 2, 4: 3} | MET, WIDER)
    assert readiness(WIDER, Profile(ratings={1: 0, 2: 3, 3: 2, 4: 3} | MET)).cap.reason == "skills"
    assert [reason.code for reason in found] == [why.GROWS_IN_ROLE, why.CAP_SKILLS]
    assert found[0].skill_id == 3 and "s’acquiert dans le poste" in found[0].text
    assert found[1].skill_id == 1 and "« Piloter », à 0 sur 4" in found[1].text  # 4 levels short, Budgéter only 1


def test_a_rating_already_at_its_level_is_already_met():
    found = reasons({1: 4, 2: 3, 3: 3, 4: 4}, {1: 5, 2: 3, 3: 3, 4: 4})
    assert [(reason.code, reason.skill_id) for reason in found] == [(why.ALREADY_MET, 1)]
    assert "(4)" in found[0].text


def test_a_useful_skill_weighs_little_and_a_skill_the_role_does_not_ask_says_so():
    found = reasons({1: 4, 2: 1, 4: 4, 3: 3, 9: 1}, {1: 4, 2: 2, 4: 4, 3: 3, 9: 3})
    assert [reason.code for reason in found] == [why.USEFUL, why.NOT_ASKED]


def test_an_essential_entry_skill_raised_gives_no_reason_of_its_own():
    found = reasons({1: 1, 2: 3, 3: 3, 4: 4}, {1: 2, 2: 3, 3: 3, 4: 4})
    assert why.changed_skills({1: 1}, {1: 2}) == [1]
    assert all(reason.skill_id != 1 or reason.code == why.CAP_SKILLS for reason in found)


def test_the_experience_and_the_degree_caps_are_named():
    skills = (SkillNeed(3, 3, True, entry=False), *(SkillNeed(skill_id, 3, True) for skill_id in MET))
    experience = RoleRequirements(1, skills=skills, steps=(ExperienceStepNeed("operations", 60),))
    found = reasons({3: 2} | MET, {3: 3} | MET, experience)
    assert [reason.code for reason in found] == [why.GROWS_IN_ROLE, why.CAP_EXPERIENCE]
    degree = RoleRequirements(1, skills=skills, degrees=(DegreeOption(1, 5, "business-management", 24, typical=True),))
    found = reasons({3: 2} | MET, {3: 3} | MET, degree, experience={"operations": 60})
    assert [reason.code for reason in found] == [why.GROWS_IN_ROLE, why.CAP_DEGREE]


def test_the_words_are_in_the_active_language():
    with translation.override("en"):
        found = reasons({1: 0, 2: 3, 3: 1, 4: 3} | MET, {1: 0, 2: 3, 3: 2, 4: 3} | MET, WIDER)
    assert "grows in the role" in found[0].text
    assert "furthest" in found[1].text
