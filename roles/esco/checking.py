"""Checking ESCO's files before anything is written: every file read whole, every problem named with its
file, line and column. A row that cannot be imported (an empty label, a reference to nothing) is noted in
the report of skipped rows and skipped; the rest imports."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from roles.models import ESCO_URI_PATTERN, Importance, Role, Skill

from .reading import EscoFile, EscoFileError, Row
from .tidying import occupation_titles, tidy

LABEL_MAX = min(Role._meta.get_field("title").max_length, Skill._meta.get_field("name").max_length)
RELATION_TYPES = {"essential": Importance.ESSENTIAL, "optional": Importance.USEFUL}
ISCO_CODE = re.compile(r"^\d{1,4}$")
UNIT_GROUP = re.compile(r"^\d{4}$")
URI = re.compile(ESCO_URI_PATTERN)


@dataclass
class Known:
    """The URIs and codes the files define, for checking the references between them."""

    isco_uris: set[str] = field(default_factory=set)
    isco_codes: set[str] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)  # URI -> where the row that defines it was skipped
    this_file: set[str] = field(default_factory=set)  # the URIs the file being checked defined so far

    @classmethod
    def union(cls, by_language: dict[str, "Known"]) -> "Known":
        """What any language defines: language-neutral files may name it."""
        every = cls()
        for known in by_language.values():
            every.isco_uris |= known.isco_uris
            every.isco_codes |= known.isco_codes
            every.skills |= known.skills
            every.occupations |= known.occupations
        defined = every.isco_uris | every.skills | every.occupations
        for known in by_language.values():
            for uri, where in known.skipped.items():
                if uri not in defined:
                    every.skipped.setdefault(uri, where)
        return every


class Skipped(dict):
    """Rows the check found unusable, by file name and line, each with its reason; the rest imports."""

    SHOWN_PER_FILE = 20

    def add(self, problem: EscoFileError) -> None:
        self.setdefault(problem.file, {})[problem.line] = problem

    def has(self, esco_file: EscoFile, row: Row) -> bool:
        return row.line in self.get(esco_file.name, {})  # names say where in which archive: two files never share one

    def lines(self) -> list[str]:
        shown = []
        for name, problems in self.items():
            shown += [str(problem) for problem in list(problems.values())[: self.SHOWN_PER_FILE]]
            if len(problems) > self.SHOWN_PER_FILE:
                shown.append(f"… and {len(problems) - self.SHOWN_PER_FILE} more rows of {name}")
        return shown


def check(files: list[EscoFile], advance: Callable[[int], None] = lambda n: None) -> Skipped:
    """Read every file whole. What makes a file unreadable (a missing column, broken CSV, text that is not
    UTF-8, a control character) is raised; an unusable row is only noted, so that it is skipped."""
    known: dict[str, Known] = {}
    skipped = Skipped()
    # References point forward too (broader relations name occupations), so definitions come first.
    by_kind = sorted(files, key=lambda f: CHECK_ORDER.index(f.kind))
    for esco_file in by_kind:
        # A language-neutral file (ESCO's relations download) may name what any language defines.
        seen = known.setdefault(esco_file.language, Known()) if esco_file.language else Known.union(known)
        seen.this_file = set()
        checker = CHECKS[esco_file.kind]
        for row in esco_file.rows(advance):
            try:
                checker(esco_file, row, seen)
            except EscoFileError as problem:
                skipped.add(problem)
                defined = DEFINED.get(esco_file.kind)
                if defined and row["conceptUri"].strip() not in getattr(seen, defined):  # not a second copy
                    seen.skipped.setdefault(row["conceptUri"].strip(), f"{esco_file.name}, line {row.line}")
    return skipped


def need(esco_file: EscoFile, row: Row, column: str, pattern: re.Pattern | None = None, what: str = "") -> str:
    value = row[column].strip()
    if not value:
        raise esco_file.error(row.line, column, "empty value")
    if pattern and not pattern.match(value):
        raise esco_file.error(row.line, column, f"“{value[:80]}” is not {what}")
    return value


def new_uri(esco_file: EscoFile, row: Row, known: Known) -> str:
    """A URI defined twice in one file is an error; in two sources, the later source's row wins (`sources`)."""
    uri = need(esco_file, row, "conceptUri", URI, "an ESCO URI")
    if uri in known.this_file:
        raise esco_file.error(row.line, "conceptUri", f"{uri} appears twice; the first is imported")
    known.this_file.add(uri)
    return uri


def label(esco_file: EscoFile, row: Row) -> None:
    need(esco_file, row, "preferredLabel")
    forms = (
        occupation_titles(row["preferredLabel"], esco_file.language)
        if esco_file.kind == "occupations"
        else (tidy(row["preferredLabel"]),)
    )
    if any(len(form) > LABEL_MAX for form in forms):
        raise esco_file.error(row.line, "preferredLabel", f"longer than {LABEL_MAX} characters")


def check_isco(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known)
    code = need(esco_file, row, "code", ISCO_CODE, "an ISCO code of one to four digits")
    label(esco_file, row)
    known.isco_uris.add(uri)
    known.isco_codes.add(code)


def check_skill(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known)
    label(esco_file, row)
    known.skills.add(uri)


def check_occupation(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known)
    label(esco_file, row)
    code = need(esco_file, row, "iscoGroup", UNIT_GROUP, "a four-digit ISCO unit group")
    if code not in known.isco_codes:
        raise esco_file.error(row.line, "iscoGroup", f"ISCO group {code} is not in the ISCO groups file")
    known.occupations.add(uri)


def known_reference(esco_file: EscoFile, row: Row, column: str, pool: set[str], known: Known, what: str) -> None:
    uri = need(esco_file, row, column, URI, "an ESCO URI")
    if uri in pool:
        return
    if uri in known.skipped:
        raise esco_file.error(row.line, column, f"the {what} was skipped ({known.skipped[uri]})")
    raise esco_file.error(row.line, column, f"no such {what} in the files")


def check_relation(esco_file: EscoFile, row: Row, known: Known) -> None:
    known_reference(esco_file, row, "occupationUri", known.occupations, known, "occupation")
    known_reference(esco_file, row, "skillUri", known.skills, known, "skill")
    if row["relationType"].strip() not in RELATION_TYPES:
        raise esco_file.error(row.line, "relationType", f"“{row['relationType'][:40]}” is neither essential nor optional")


def check_broader(esco_file: EscoFile, row: Row, known: Known) -> None:
    pools = {"ISCOGroup": known.isco_uris, "Occupation": known.occupations}
    for type_column, uri_column in (("conceptType", "conceptUri"), ("broaderType", "broaderUri")):
        kind = row[type_column].strip()
        if kind not in pools:
            raise esco_file.error(row.line, type_column, f"“{kind[:40]}” is neither ISCOGroup nor Occupation")
        known_reference(esco_file, row, uri_column, pools[kind], known, "ISCO group" if kind == "ISCOGroup" else "occupation")


SKILL_PILLAR_TYPES = ("SkillGroup", "KnowledgeSkillCompetence")


def check_skill_broader(esco_file: EscoFile, row: Row, known: Known) -> None:
    """The skills pillar names groups the files do not define as skills: only its shape is checked."""
    for type_column, uri_column in (("conceptType", "conceptUri"), ("broaderType", "broaderUri")):
        if row[type_column].strip() not in SKILL_PILLAR_TYPES:
            raise esco_file.error(row.line, type_column, f"“{row[type_column][:40]}” is neither SkillGroup nor a skill")
        need(esco_file, row, uri_column, URI, "an ESCO URI")


def check_hierarchy(esco_file: EscoFile, row: Row, known: Known) -> None:
    need(esco_file, row, "Level 0 URI", URI, "an ESCO URI")
    for level in range(1, 4):
        if row[f"Level {level} URI"].strip():
            need(esco_file, row, f"Level {level} URI", URI, "an ESCO URI")


CHECK_ORDER = ("isco", "skills", "occupations", "broader", "relations", "hierarchy", "skill_broader")
DEFINED = {"isco": "isco_uris", "skills": "skills", "occupations": "occupations"}  # where each file's URIs go
CHECKS = {
    "isco": check_isco,
    "skills": check_skill,
    "occupations": check_occupation,
    "relations": check_relation,
    "broader": check_broader,
    "hierarchy": check_hierarchy,
    "skill_broader": check_skill_broader,
}
