"""Why a change moved nothing: when other answers (a what-if) or a plan's tick or re-rating leave the score, the
band and the time as they were, the page says why, read from the role's requirements and the new readiness,
never guessed.

`why_nothing_moved` is pure: the requirements, the ratings before and after, the readiness after and the skills'
names in; the reasons out, each a code (for tests and styles) and its words in the active language.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .catalogue import current_catalogue
from .scoring import Readiness, RoleRequirements, SkillNeed, readiness

# The codes, in the order the reasons are given: first what each changed skill is, then what holds the score.
NOT_ASKED = "not-asked"  # the role does not ask for this skill
ALREADY_MET = "already-met"  # the rating was already at or above the level asked, and still is
GROWS_IN_ROLE = "grows-in-role"  # the skill grows in the role: it does not count toward being ready
USEFUL = "useful"  # a useful skill, not an essential one: it weighs little in the score
CAP_SKILLS = "cap-skills"  # the cap holds until the entry skill furthest below reaches its level
CAP_EXPERIENCE = "cap-experience"  # the entry experience still missing caps the score
CAP_DEGREE = "cap-degree"  # the degree asked (or its experience route) caps the score


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    skill_id: int | None = None  # the skill the reason is about, if any


def changed_skills(before: Mapping[int, int], after: Mapping[int, int]) -> list[int]:
    """The skills whose rating differs (a blank counts as a rating of its own), in id order."""
    return sorted(skill_id for skill_id in before.keys() | after.keys() if before.get(skill_id) != after.get(skill_id))


def skill_reason(need: SkillNeed | None, skill_id: int, before: int | None, after: int | None, name: str) -> Reason | None:
    if need is None:
        return Reason(NOT_ASKED, _("« %(skill)s » n’est pas demandée pour ce poste.") % {"skill": name}, skill_id)
    if before is not None and after is not None and min(before, after) >= need.required:
        return Reason(
            ALREADY_MET,
            _("« %(skill)s » était déjà au niveau demandé (%(required)s) ou au-dessus, et l’est encore.")
            % {"skill": name, "required": need.required},
            skill_id,
        )
    if not need.entry:
        return Reason(
            GROWS_IN_ROLE,
            _(
                "« %(skill)s » s’acquiert dans le poste : elle ne compte pas pour être prêt·e, et ne déplace le score "
                "que de quelques points au plus."
            )
            % {"skill": name},
            skill_id,
        )
    if not need.essential:
        return Reason(
            USEFUL,
            _("« %(skill)s » est utile, pas essentielle : elle pèse peu dans le score, quelques points au plus.")
            % {"skill": name},
            skill_id,
        )
    return None


def furthest_entry_skill(requirements: RoleRequirements, ratings: Mapping[int, int]) -> tuple[SkillNeed, int] | None:
    """The entry skill furthest below its level (a blank counts as 0), with its rating; None when all are met."""
    below = [(need, ratings.get(need.skill_id, 0)) for need in requirements.entry_skills]
    below = [(need, rating) for need, rating in below if rating < need.required]
    if not below:
        return None
    return max(below, key=lambda item: (item[0].required - item[1], -item[0].skill_id))


def cap_reason(requirements: RoleRequirements, ratings: Mapping[int, int], after: Readiness, names) -> Reason | None:
    cap = after.cap
    if cap is None:
        return None
    if cap.reason == "skills":
        furthest = furthest_entry_skill(requirements, ratings)
        if furthest is None:
            return None
        need, rating = furthest
        return Reason(
            CAP_SKILLS,
            _(
                "Le score reste plafonné tant que la compétence d’entrée la plus éloignée n’atteint pas son niveau : "
                "« %(skill)s », à %(rating)s sur %(required)s demandés."
            )
            % {"skill": names.get(need.skill_id, ""), "rating": rating, "required": need.required},
            need.skill_id,
        )
    if cap.reason == "experience":
        return Reason(
            CAP_EXPERIENCE,
            _("Le score reste plafonné par l’expérience que demande le poste pour y entrer, encore loin."),
        )
    return Reason(
        CAP_DEGREE,
        _("Le score reste plafonné par le diplôme que demande le poste (ou l’expérience qui en tient lieu)."),
    )


def why_nothing_moved(
    requirements: RoleRequirements,
    before: Mapping[int, int],
    after: Mapping[int, int],
    after_readiness: Readiness,
    names: Mapping[int, str],
) -> list[Reason]:
    """Why going from the ratings `before` to `after` left the score, the band and the time as they were (the
    caller says that they were): for each skill re-rated, what it is for this role; then the cap, if one holds
    the score after. `after_readiness` is the readiness after the change; `names`, skill id → name."""
    needs = {need.skill_id: need for need in requirements.skills}
    reasons = [
        skill_reason(needs.get(skill_id), skill_id, before.get(skill_id), after.get(skill_id), names.get(skill_id, ""))
        for skill_id in changed_skills(before, after)
    ]
    reasons.append(cap_reason(requirements, after, after_readiness, names))
    return [reason for reason in reasons if reason is not None]


def why_answers_moved_nothing(before_ratings: Mapping[int, int], answers) -> list[Reason]:
    """`why_nothing_moved` for `answers` (an `assessments.Answers`) against the ratings before, with today's content."""
    requirements = current_catalogue().roles.get(answers.target.pk)
    if requirements is None:
        return []
    names = {role_skill.skill_id: role_skill.skill.name for role_skill in answers.target.role_skills.all()}
    after = readiness(requirements, answers.profile(), explain=False)
    return why_nothing_moved(requirements, before_ratings, answers.ratings, after, names)
