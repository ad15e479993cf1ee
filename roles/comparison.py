"""Line several roles up side by side: which skills, degrees and levels differ."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .models import Degree, Role, RoleDegree, RoleSkill, Skill

MIN_COMPARED, MAX_COMPARED = 2, 4


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    cells: tuple[RoleSkill | None, ...]  # one per role, None where the role does not ask for it
    roles: tuple[Role, ...]

    @property
    def by_role(self) -> list[tuple[Role, RoleSkill | None]]:
        """Each role with its cell, for a layout that names the role beside each value."""
        return list(zip(self.roles, self.cells, strict=True))

    @property
    def asked_levels(self) -> list[int]:
        """The levels of the roles that ask for the skill with a level set: a role that does not ask is no level 0."""
        return [cell.required_level for cell in self.cells if cell and cell.required_level]

    @property
    def only_role_index(self) -> int | None:
        """The one role that asks for this skill, if only one does."""
        present = [i for i, cell in enumerate(self.cells) if cell]
        return present[0] if len(present) == 1 else None

    @property
    def spread(self) -> int:
        """Levels between the most and the least demanding of the roles that ask for the skill; none with one role."""
        levels = self.asked_levels
        return max(levels) - min(levels) if len(levels) >= 2 else 0


@dataclass(frozen=True)
class DegreeRow:
    degree: Degree
    cells: tuple[RoleDegree | None, ...]
    roles: tuple[Role, ...]

    @property
    def by_role(self) -> list[tuple[Role, RoleDegree | None]]:
        return list(zip(self.roles, self.cells, strict=True))


def aligned(roles: list[Role], links: Callable[[Role], Iterable], item: str) -> list[tuple[Any, tuple]]:
    """Each item (a skill, a degree) any role links to, with every role's link to it or None."""
    items: dict[int, Any] = {}
    cells: dict[int, dict[int, Any]] = {}
    for index, role in enumerate(roles):
        for link in links(role):
            key = getattr(link, f"{item}_id")
            items[key] = getattr(link, item)
            cells.setdefault(key, {})[index] = link
    return [(items[key], tuple(by_role.get(i) for i in range(len(roles)))) for key, by_role in cells.items()]


def skill_rows(roles: list[Role]) -> list[SkillRow]:
    """Every skill any of the roles asks for, by category, the biggest differences first."""
    rows = [SkillRow(skill, cells, tuple(roles)) for skill, cells in aligned(roles, lambda role: role.role_skills.all(), "skill")]
    rows.sort(key=lambda row: (row.skill.category.position, -row.spread, row.skill.name))
    return rows


def degree_rows(roles: list[Role]) -> list[DegreeRow]:
    rows = [
        DegreeRow(degree, cells, tuple(roles)) for degree, cells in aligned(roles, lambda role: role.role_degrees.all(), "degree")
    ]
    rows.sort(key=lambda row: (row.degree.rank, row.degree.name))
    return rows
