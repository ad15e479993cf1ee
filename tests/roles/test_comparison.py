"""The difference ("écart") a comparison shows for a skill: only between the roles that ask for it."""

from hypothesis import given
from hypothesis import strategies as st

from roles.comparison import SkillRow
from roles.models import Role, RoleSkill, Skill

# Per role: None where it does not ask for the skill, else the level it asks (None inside: asked, no level set yet).
asked = st.builds(lambda level: RoleSkill(required_level=level), st.none() | st.integers(1, 5))
asks = st.lists(st.none() | asked, min_size=2, max_size=4)


def row(cells: list[RoleSkill | None]) -> SkillRow:
    return SkillRow(Skill(), tuple(cells), tuple(Role() for _ in cells))


@given(asks)
def test_the_difference_is_between_the_roles_that_ask_for_the_skill(cells):
    levels = [cell.required_level for cell in cells if cell and cell.required_level]
    spread = row(cells).spread
    if len(levels) < 2:
        assert spread == 0  # one role alone, or none with a level: nothing to differ from
    else:
        assert spread == max(levels) - min(levels)


@given(asks, st.integers(1, 3))
def test_a_role_that_does_not_ask_changes_nothing(cells, added):
    """Putting roles that do not ask for the skill beside the others never widens the difference."""
    assert row([*cells, *[None] * added]).spread == row(cells).spread
