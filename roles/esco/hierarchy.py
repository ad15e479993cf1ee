"""Where each skill sits in ESCO's skills hierarchy: the level-2 group above it, for comparing occupations by
the kinds of work they involve.

The rule:
- ESCO's skills hierarchy (skillsHierarchy_<lang>.csv) lists its groups at four levels, 0 to 3; a skill's group is
  the **level-2** one above it, by its code in the hierarchy's "Level 2 code" column (S4.2 "organising,
  planning and scheduling work and activities", T2.2 "planning and organising").
- A skill sits below a level-3 group, or below another, broader skill, and each group below the one a level up:
  broaderRelationsSkillPillar.csv says which. The group is found by walking up those relations from the skill.
- Knowledge's groups are ISCED-F fields of education, whose rows in the hierarchy carry no code: their level-2
  groups are ISCED-F narrow fields, coded as in their ESCO URI (…/isced-f/041, "business and administration",
  gives 041).
- The language branch stops at level 1 (L1 languages, L2 classical languages): a skill there takes its level-1
  group's code.
- A skill below several broader concepts takes the nearest group, and among groups as near, the smallest code;
  a skill the pillar does not reach a group from has none ("").
"""

import re
from collections import defaultdict

from .reading import Row

ISCED_F = re.compile(r"/isced-f/(\d+)$")
GROUP_LEVEL = 2


class SkillsHierarchy:
    def __init__(self):
        self.groups: dict[str, tuple[int, str]] = {}  # group URI -> (level, code)
        self.parents: dict[str, list[str]] = defaultdict(list)
        self.with_children: set[str] = set()  # level-1 groups that have level-2 groups below them

    def add(self, row: Row) -> None:
        """One row of the hierarchy: a group at its deepest filled level, with the groups above it."""
        for level in range(4):
            uri = row[f"Level {level} URI"].strip()
            if not uri:
                break
            isced = ISCED_F.search(uri)
            self.groups[uri] = (level, row[f"Level {level} code"].strip() or (isced.group(1) if isced else ""))
            if level == GROUP_LEVEL:
                self.with_children.add(row["Level 1 URI"].strip())

    def add_broader(self, uri: str, broader: str) -> None:
        self.parents[uri].append(broader)

    def group_of(self, uri: str) -> str:
        """The code of the level-2 group above the skill `uri` (the module's docstring says the rule)."""
        frontier, seen, fallback = [uri], {uri}, ""
        while frontier:
            reached = [self.groups[concept] for concept in frontier if concept in self.groups]
            if found := sorted(code for level, code in reached if level == GROUP_LEVEL and code):
                return found[0]
            fallback = fallback or min(filter(None, map(self.group_without_children, frontier)), default="")
            frontier = [parent for concept in frontier for parent in self.parents.get(concept, ()) if parent not in seen]
            seen.update(frontier)
        return fallback

    def group_without_children(self, concept: str) -> str:
        """The code of a level-1 group with no level-2 group below it (the language branch's), else ""."""
        level, code = self.groups.get(concept, (None, ""))
        return code if level == 1 and concept not in self.with_children else ""
