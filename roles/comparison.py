"""Line several roles up side by side: which skills, degrees and levels differ."""

from dataclasses import dataclass

from .models import Degree, Role, RoleDegree, RoleSkill, Skill

MIN_COMPARED, MAX_COMPARED = 2, 4


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    cells: tuple[RoleSkill | None, ...]  # one per role, None where the role does not ask for it

    @property
    def levels(self) -> list[int]:
        return [cell.required_level if cell else 0 for cell in self.cells]

    @property
    def only_role_index(self) -> int | None:
        """The one role that asks for this skill, if only one does."""
        present = [i for i, cell in enumerate(self.cells) if cell]
        return present[0] if len(present) == 1 else None

    @property
    def spread(self) -> int:
        """Levels between the most and the least demanding role (0 where a role does not ask)."""
        return max(self.levels) - min(self.levels)


@dataclass(frozen=True)
class DegreeRow:
    degree: Degree
    cells: tuple[RoleDegree | None, ...]


def skill_rows(roles: list[Role]) -> list[SkillRow]:
    """Every skill any of the roles asks for, by category, the biggest differences first."""
    by_skill: dict[int, dict[int, RoleSkill]] = {}
    skills: dict[int, Skill] = {}
    for index, role in enumerate(roles):
        for role_skill in role.role_skills.all():
            skills[role_skill.skill_id] = role_skill.skill
            by_skill.setdefault(role_skill.skill_id, {})[index] = role_skill
    rows = [SkillRow(skills[sid], tuple(cells.get(i) for i in range(len(roles)))) for sid, cells in by_skill.items()]
    rows.sort(key=lambda row: (row.skill.category.position, -row.spread, row.skill.name))
    return rows


def degree_rows(roles: list[Role]) -> list[DegreeRow]:
    by_degree: dict[int, dict[int, RoleDegree]] = {}
    degrees: dict[int, Degree] = {}
    for index, role in enumerate(roles):
        for role_degree in role.role_degrees.all():
            degrees[role_degree.degree_id] = role_degree.degree
            by_degree.setdefault(role_degree.degree_id, {})[index] = role_degree
    rows = [DegreeRow(degrees[did], tuple(cells.get(i) for i in range(len(roles)))) for did, cells in by_degree.items()]
    rows.sort(key=lambda row: (row.degree.rank, row.degree.name))
    return rows
