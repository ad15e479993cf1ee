"""Import ESCO's CSV download: ISCO groups, skills, occupations, and the links between them.

Files are read by column name (ESCO 1.1 and 1.2 differ in their columns), streamed, checked
whole before anything is written (a file that cannot be read is refused, an unusable row is
skipped and reported), then written in batches, labels tidied. Rows are keyed by their ESCO URI,
so a second import updates rather than duplicates; a role or skill written by the team, or
edited by an editor after an import (origin "edited"), is never touched.
"""

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import Truncator, slugify

from careerpath.cache import renew_content_version

from .models import ESCO_URI_PREFIX, Importance, IscoGroup, Origin, Role, RoleSkill, Skill, SkillCategory, Source

BATCH_SIZE = 2000
LABEL_MAX = min(Role._meta.get_field("title").max_length, Skill._meta.get_field("name").max_length)
SUMMARY_MAX = Role._meta.get_field("summary").max_length

# What each file is called and the columns the import reads; other columns are ignored.
FILES = {
    "isco": ("ISCOGroups_{lang}.csv", ("conceptUri", "code", "preferredLabel", "description")),
    "skills": ("skills_{lang}.csv", ("conceptUri", "skillType", "preferredLabel", "status", "description")),
    "occupations": (
        "occupations_{lang}.csv",
        ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "status", "definition", "description"),
    ),
    "relations": ("occupationSkillRelations_{lang}.csv", ("occupationUri", "relationType", "skillUri")),
    "broader": ("broaderRelationsOccPillar_{lang}.csv", ("conceptType", "conceptUri", "broaderType", "broaderUri")),
}
ORDER = ("isco", "broader", "skills", "occupations", "relations")  # each file only needs the ones before it
KINDS = {"isco": "ISCO groups", "broader": "broader relations", "skills": "skills", "occupations": "occupations",
         "relations": "skill links"}  # as the report names them
RELATION_TYPES = {"essential": Importance.ESSENTIAL, "optional": Importance.USEFUL}
CATEGORIES = {  # ESCO's skill types, as skill categories after the team's own
    "knowledge": ("esco-knowledge", "Connaissances (ESCO)", "Knowledge (ESCO)", 91),
    "skill/competence": ("esco-skills", "Aptitudes et compétences (ESCO)", "Skills and competences (ESCO)", 90),
}
RELEASED = "released"
# Text never holds C0 control characters other than tab and line breaks, nor DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EscoFileError(Exception):
    def __init__(self, file: str, line: int, column: str | None, message: str):
        self.file, self.line, self.column = file, line, column
        where = file + (f", line {line}" if line else "") + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class EscoFile:
    kind: str
    language: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def error(self, line: int, column: str | None, message: str) -> EscoFileError:
        return EscoFileError(self.name, line, column, message)

    def header(self) -> list[str]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])

    def rows(self, advance: Callable[[int], None] = lambda n: None) -> Iterator[Row]:
        """Each record with the line it starts on; `advance` is told how many bytes were read."""
        with self.path.open("rb") as raw:
            reader = csv.reader(self._lines(raw, advance))
            try:
                header = next(reader)
            except StopIteration:
                raise self.error(1, None, "the file is empty") from None
            missing = [column for column in FILES[self.kind][1] if column not in header]
            if missing:
                raise self.error(1, missing[0], f"missing column (the header has: {', '.join(header)})")
            last_line = reader.line_num
            try:
                for record in reader:
                    line, last_line = last_line + 1, reader.line_num
                    if record == []:
                        continue  # a blank line
                    if len(record) != len(header):
                        column = header[len(record)] if len(record) < len(header) else None
                        raise self.error(line, column, f"{len(record)} values where the header has {len(header)}")
                    self._refuse_control_characters(line, header, record)
                    yield Row(line, dict(zip(header, record, strict=True)))
            except csv.Error as error:
                raise self.error(reader.line_num, None, f"malformed CSV ({error})") from error

    def _refuse_control_characters(self, line: int, header: list[str], record: list[str]) -> None:
        """A NUL or another control character means a damaged file, not text: refuse it where it is."""
        for column, value in zip(header, record, strict=True):
            if found := CONTROL.search(value):
                before = value[:found.start()]
                raise self.error(line + before.count("\n"), column,
                                 f"control character U+{ord(found.group()):04X} in the text (a damaged file?)")
            line += value.count("\n")

    def _lines(self, raw, advance) -> Iterator[str]:
        for number, line in enumerate(raw, start=1):
            advance(len(line))
            try:
                yield line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise self.error(number, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from error


def esco_files(directory: Path, languages: list[str]) -> list[EscoFile]:
    """Every file the import needs, in the order it writes them; refuses if one is missing."""
    files = []
    for kind in ORDER:
        for language in languages:
            path = directory / FILES[kind][0].format(lang=language)
            if not path.is_file():
                raise EscoFileError(path.name, 0, None, f"file not found in {directory}")
            files.append(EscoFile(kind, language, path))
    return files


def detect_version(files: list[EscoFile]) -> str:
    """ESCO 1.2 added naceCode to the occupations; 1.1 does not have it."""
    occupations = next(f for f in files if f.kind == "occupations")
    return "1.2" if "naceCode" in occupations.header() else "1.1"


# ---------------------------------------------------------------------------------------------
# Tidying: ESCO's labels as pages show them and search finds them.

SPACES = re.compile(r"\s+")  # also the non-breaking and other Unicode spaces


def tidy(text: str) -> str:
    """One label on one line: runs of spaces (non-breaking ones too) made one, none at the ends."""
    return SPACES.sub(" ", text).strip()


def occupation_titles(label: str, language: str) -> tuple[str] | tuple[str, str]:
    """ESCO's French occupations pair the two forms in one label, "directeur des opérations/directrice des
    opérations": split them, masculine first. When the label names one form only on one side ("vendeur/vendeuse
    en articles de sport"), the masculine borrows the rest. The slash chosen is the one whose two sides read most
    alike, so a slash inside a form ("«lutte contre l’illettrisme/français langue étrangère»") stays."""
    label = tidy(label)
    if language != "fr" or "/" not in label:
        return (label,)
    splits = []
    for slash in re.finditer("/", label):
        masculine, feminine = label[:slash.start()].strip(), label[slash.end():].strip()
        if masculine and feminine:
            words, other = masculine.split(), feminine.split()
            shared = next((n for n in range(min(len(words), len(other))) if words[-1 - n] != other[-1 - n]),
                          min(len(words), len(other)))
            splits.append((len(words) == len(other), shared, masculine, feminine))
    if not splits:
        return (label,)
    _, _, masculine, feminine = max(splits, key=lambda split: split[:2])
    if " " not in masculine and " " in feminine:
        masculine = f"{masculine} {feminine.split(' ', 1)[1]}"
    return masculine, feminine


def alt_labels(text: str, *preferred: str) -> str:
    """ESCO separates alternative labels with new lines: keep one per line, tidied, each once, without
    blanks nor the preferred forms already shown as the title."""
    seen = {form.casefold() for form in preferred}
    kept = []
    for line in text.splitlines():
        line = tidy(line)
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            kept.append(line)
    return "\n".join(kept)


# ---------------------------------------------------------------------------------------------
# Checking: every file read whole, every problem named with its file, line and column.

ISCO_CODE = re.compile(r"^\d{1,4}$")
UNIT_GROUP = re.compile(r"^\d{4}$")
URI = re.compile(rf"^{re.escape(ESCO_URI_PREFIX)}[\w/-]+$")


@dataclass
class Known:
    """The URIs and codes the files define, for checking the references between them."""

    isco_uris: set[str] = field(default_factory=set)
    isco_codes: set[str] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)  # URI -> where the row that defines it was skipped


class Skipped(dict):
    """Rows the check found unusable, by file name and line, each with its reason; the rest imports."""

    SHOWN_PER_FILE = 20

    def add(self, problem: EscoFileError) -> None:
        self.setdefault(problem.file, {})[problem.line] = problem

    def has(self, esco_file: EscoFile, row: Row) -> bool:
        return row.line in self.get(esco_file.name, {})

    def lines(self) -> list[str]:
        shown = []
        for name, problems in self.items():
            shown += [str(problem) for problem in list(problems.values())[:self.SHOWN_PER_FILE]]
            if len(problems) > self.SHOWN_PER_FILE:
                shown.append(f"… and {len(problems) - self.SHOWN_PER_FILE} more rows of {name}")
        return shown


def check(files: list[EscoFile], advance: Callable[[int], None] = lambda n: None) -> Skipped:
    """Read every file whole. What makes a file unreadable (a missing column, broken CSV, text that is not
    UTF-8, a control character) is raised; an unusable row is only noted, so that it is skipped."""
    known: dict[str, Known] = {}
    skipped = Skipped()
    # References point forward too (broader relations name occupations), so definitions come first.
    by_kind = sorted(files, key=lambda f: ("isco", "skills", "occupations", "broader", "relations").index(f.kind))
    for esco_file in by_kind:
        seen = known.setdefault(esco_file.language, Known())
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


def new_uri(esco_file: EscoFile, row: Row, seen: set[str]) -> str:
    uri = need(esco_file, row, "conceptUri", URI, "an ESCO URI")
    if uri in seen:
        raise esco_file.error(row.line, "conceptUri", f"{uri} appears twice; the first is imported")
    return uri


def label(esco_file: EscoFile, row: Row) -> None:
    need(esco_file, row, "preferredLabel")
    forms = occupation_titles(row["preferredLabel"], esco_file.language) if esco_file.kind == "occupations" else (
        tidy(row["preferredLabel"]),)
    if any(len(form) > LABEL_MAX for form in forms):
        raise esco_file.error(row.line, "preferredLabel", f"longer than {LABEL_MAX} characters")


def check_isco(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known.isco_uris)
    code = need(esco_file, row, "code", ISCO_CODE, "an ISCO code of one to four digits")
    label(esco_file, row)
    known.isco_uris.add(uri)
    known.isco_codes.add(code)


def check_skill(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known.skills)
    label(esco_file, row)
    known.skills.add(uri)


def check_occupation(esco_file: EscoFile, row: Row, known: Known) -> None:
    uri = new_uri(esco_file, row, known.occupations)
    label(esco_file, row)
    code = need(esco_file, row, "iscoGroup", UNIT_GROUP, "a four-digit ISCO unit group")
    if code not in known.isco_codes:
        raise esco_file.error(row.line, "iscoGroup", f"ISCO group {code} is not in the ISCO groups file")
    known.occupations.add(uri)


def known_reference(esco_file: EscoFile, row: Row, column: str, pool: set[str], known: Known, what: str) -> None:
    uri = need(esco_file, row, column, URI, "an ESCO URI")
    if uri in known.skipped:
        raise esco_file.error(row.line, column, f"the {what} was skipped ({known.skipped[uri]})")
    if uri not in pool:
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


DEFINED = {"isco": "isco_uris", "skills": "skills", "occupations": "occupations"}  # where each file's URIs go
CHECKS = {"isco": check_isco, "skills": check_skill, "occupations": check_occupation,
          "relations": check_relation, "broader": check_broader}


# ---------------------------------------------------------------------------------------------
# Writing: rows keyed by URI, created or updated in batches, the team's rows left alone.


class Report(Counter):
    def __init__(self, skipped: Skipped | None = None):
        super().__init__()
        self.skipped = skipped if skipped is not None else Skipped()

    def note(self, kind: str, action: str, count: int = 1) -> None:
        if count:
            self[(kind, action)] += count

    def lines(self) -> list[str]:
        kinds = dict.fromkeys(kind for kind, _ in self)
        return [
            f"{kind}: " + ", ".join(f"{self[(kind, action)]} {action}" for action in
                                    ("created", "updated", "unchanged", "kept", "skipped") if self[(kind, action)])
            for kind in kinds
        ] + (["skipped rows, each with its reason:", *(f"  {line}" for line in self.skipped.lines())]
             if self.skipped else [])


def summary_of(text: str, fallback: str) -> str:
    """The first sentence of ESCO's description, for the role list."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else fallback
    return Truncator(first).chars(SUMMARY_MAX)


class Importer:
    def __init__(self, files: list[EscoFile], version: str, report: Report, advance=lambda n: None,
                 skipped: Skipped | None = None):
        self.files, self.version, self.report, self.advance = files, version, report, advance
        self.skipped = skipped if skipped is not None else Skipped()

    def run(self) -> None:
        self.source = self.esco_source()
        for esco_file in self.files:
            with transaction.atomic():  # one savepoint per file inside the caller's transaction
                getattr(self, f"write_{esco_file.kind}")(esco_file)
        renew_content_version()

    def esco_source(self) -> Source:
        source, _ = Source.objects.get_or_create(
            file_name=f"esco-v{self.version}",
            defaults={
                "slug": slugify(f"esco-v{self.version}".replace(".", "-")),
                "title_fr": f"ESCO v{self.version} — classification européenne des aptitudes, compétences et professions",
                "title_en": f"ESCO v{self.version} — European Skills, Competences, Qualifications and Occupations",
                "language": ",".join(sorted({f.language for f in self.files})),
                "summary_fr": "Métiers, compétences et groupes CITP publiés par la Commission européenne.",
                "summary_en": "Occupations, skills and ISCO groups published by the European Commission.",
            },
        )
        return source

    def usable(self, esco_file: EscoFile) -> Iterator[Row]:
        """The rows the check did not find unusable."""
        for row in esco_file.rows(self.advance):
            if self.skipped.has(esco_file, row):
                self.report.note(KINDS[esco_file.kind], "skipped")
                continue
            yield row

    def released(self, esco_file: EscoFile) -> Iterator[Row]:
        for row in self.usable(esco_file):
            if "status" in row.values and row["status"].strip() not in ("", RELEASED):
                self.report.note(KINDS[esco_file.kind], "skipped")
                continue
            yield row

    # -- ISCO groups ---------------------------------------------------------------------------

    def write_isco(self, esco_file: EscoFile) -> None:
        lang = esco_file.language
        rows = ((row["conceptUri"].strip(), {"code": row["code"].strip(), f"name_{lang}": tidy(row["preferredLabel"]),
                                              f"description_{lang}": row["description"].strip()})
                for row in self.released(esco_file))
        self.upsert(IscoGroup, "ISCO groups", ["code", f"name_{lang}", f"description_{lang}"], rows, lambda uri, values: {})

    def write_broader(self, esco_file: EscoFile) -> None:
        groups = {group.esco_uri: group for group in IscoGroup.objects.exclude(esco_uri=None)}
        changed = []
        for row in self.released(esco_file):
            if row["conceptType"].strip() != "ISCOGroup" or row["broaderType"].strip() != "ISCOGroup":
                self.report.note("broader relations", "skipped")  # occupation hierarchy: not modelled
                continue
            group, parent = groups.get(row["conceptUri"].strip()), groups.get(row["broaderUri"].strip())
            if group is None or parent is None:
                self.report.note("broader relations", "skipped")  # a group skipped for its status
                continue
            if group.parent_id != parent.pk:
                group.parent = parent
                changed.append(group)
        IscoGroup.objects.bulk_update(changed, ["parent"], batch_size=BATCH_SIZE)
        self.report.note("broader relations", "updated", len(changed))

    # -- skills --------------------------------------------------------------------------------

    def write_skills(self, esco_file: EscoFile) -> None:
        lang = esco_file.language
        categories = self.skill_categories()
        rows = ((row["conceptUri"].strip(), {f"name_{lang}": tidy(row["preferredLabel"]),
                                              f"description_{lang}": row["description"].strip(),
                                              "category_id": categories[row["skillType"].strip() == "knowledge"].pk})
                for row in self.released(esco_file))
        self.upsert(Skill, "skills", [f"name_{lang}", f"description_{lang}", "category_id"], rows,
                    lambda uri, values: {"slug": f"esco-{uri.rsplit('/', 1)[-1]}"[:120], "origin": Origin.IMPORTED})

    def skill_categories(self) -> dict[bool, SkillCategory]:
        """Categories for ESCO's skills, keyed by "is knowledge"."""
        made = {}
        for skill_type, (slug, name_fr, name_en, position) in CATEGORIES.items():
            made[skill_type == "knowledge"] = SkillCategory.objects.get_or_create(
                slug=slug, defaults={"name": name_fr, "name_fr": name_fr, "name_en": name_en, "position": position}
            )[0]
        return made

    # -- occupations ---------------------------------------------------------------------------

    def write_occupations(self, esco_file: EscoFile) -> None:
        lang = esco_file.language
        slugs = set(Role.objects.values_list("slug", flat=True))

        def rows():
            for row in self.released(esco_file):
                titles = occupation_titles(row["preferredLabel"], lang)
                title = titles[0]
                description = row["description"].strip() or row["definition"].strip() or title
                yield row["conceptUri"].strip(), {
                    f"title_{lang}": title, **({"title_feminine": titles[-1] if len(titles) > 1 else ""} if lang == "fr" else {}),
                    f"alternative_titles_{lang}": alt_labels(row["altLabels"], *titles),
                    f"summary_{lang}": summary_of(description, title), f"description_{lang}": description,
                    "isco_code": row["iscoGroup"].strip(),
                }

        def new_role(uri: str, values: dict) -> dict:
            return {"slug": self.unique_slug(values[f"title_{lang}"], uri, slugs), "origin": Origin.IMPORTED,
                    "status": Role.Status.PUBLISHED}

        fields = [f"title_{lang}", *(["title_feminine"] if lang == "fr" else []), f"alternative_titles_{lang}",
                  f"summary_{lang}", f"description_{lang}", "isco_code"]
        self.upsert(Role, "occupations", fields, rows(), new_role)
        self.cite_source()

    def cite_source(self) -> None:
        """Imported roles cite the ESCO version they were last imported from, and no other."""
        through = Role.sources.through
        imported = Role.objects.filter(origin=Origin.IMPORTED).values_list("id", flat=True)
        through.objects.filter(role_id__in=imported, source__file_name__startswith="esco-v").exclude(
            source=self.source).delete()
        through.objects.bulk_create([through(role_id=role_id, source_id=self.source.pk) for role_id in imported],
                                    batch_size=BATCH_SIZE, ignore_conflicts=True)

    @staticmethod
    def unique_slug(title: str, uri: str, taken: set[str]) -> str:
        base = slugify(title)[:100] or "occupation"
        slug = base if base not in taken else f"{base}-{uri.rsplit('/', 1)[-1][:8]}"
        taken.add(slug)
        return slug

    # -- occupation–skill links ----------------------------------------------------------------

    def write_relations(self, esco_file: EscoFile) -> None:
        roles = dict(Role.objects.filter(origin=Origin.IMPORTED).exclude(esco_uri=None).values_list("esco_uri", "id"))
        owned = set(Role.objects.exclude(origin=Origin.IMPORTED).exclude(esco_uri=None).values_list("esco_uri", flat=True))
        skills = dict(Skill.objects.exclude(esco_uri=None).values_list("esco_uri", "id"))
        links = {(role_id, skill_id): (pk, importance) for pk, role_id, skill_id, importance in
                 RoleSkill.objects.filter(role_id__in=roles.values()).values_list("id", "role_id", "skill_id", "importance")}
        new, changed = [], []
        for row in self.usable(esco_file):
            role_id = roles.get(row["occupationUri"].strip())
            skill_id = skills.get(row["skillUri"].strip())
            if role_id is None or skill_id is None:
                # The team's own role, or an occupation or skill skipped for its status.
                self.report.note("skill links", "kept" if row["occupationUri"].strip() in owned else "skipped")
                continue
            importance = RELATION_TYPES[row["relationType"].strip()]
            current = links.get((role_id, skill_id))
            if current is None:
                new.append(RoleSkill(role_id=role_id, skill_id=skill_id, importance=importance))
                links[(role_id, skill_id)] = (None, importance)
            elif current[1] != importance and current[0] is not None:
                changed.append(RoleSkill(id=current[0], importance=importance))
                links[(role_id, skill_id)] = (current[0], importance)
            else:
                self.report.note("skill links", "unchanged")
            self.flush(RoleSkill, new, changed, ["importance"], "skill links")
        self.flush(RoleSkill, new, changed, ["importance"], "skill links", final=True)

    # -- helpers -------------------------------------------------------------------------------

    def upsert(self, model, kind: str, fields: list[str], rows: Iterator[tuple[str, dict]],
               new_values: Callable[[str, dict], dict]) -> None:
        """Create or update `model` rows by ESCO URI from (URI, values of `fields`) pairs; `new_values` gives
        what a new row needs besides. A row whose origin is not "imported" is the team's: it is kept."""
        has_origin = any(f.name == "origin" for f in model._meta.fields)
        columns = ["id", "esco_uri", *fields, *(["origin"] if has_origin else [])]
        existing = {current["esco_uri"]: current for current in model.objects.exclude(esco_uri=None).values(*columns)}
        new, changed = [], []
        for uri, values in rows:
            current = existing.get(uri)
            if current is None:
                new.append(model(esco_uri=uri, **new_values(uri, values), **values))
                existing[uri] = {"origin": Origin.IMPORTED, **values}  # the check refused URIs listed twice
            elif current.get("origin", Origin.IMPORTED) != Origin.IMPORTED:
                self.report.note(kind, "kept")
            elif any(current[key] != value for key, value in values.items()):
                current.update(values)
                changed.append(model(id=current["id"], **values))
            else:
                self.report.note(kind, "unchanged")
            self.flush(model, new, changed, fields, kind)
        self.flush(model, new, changed, fields, kind, final=True)

    def flush(self, model, new: list, changed: list, fields: list[str], kind: str, final: bool = False) -> None:
        if new and (final or len(new) >= BATCH_SIZE):
            model.objects.bulk_create(new, batch_size=BATCH_SIZE)
            self.report.note(kind, "created", len(new))
            new.clear()
        if changed and (final or len(changed) >= BATCH_SIZE):
            model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
            self.report.note(kind, "updated", len(changed))
            changed.clear()


def import_esco(directory: Path, languages: list[str], *, dry_run: bool = False, version: str | None = None,
                advance=lambda n: None, on_phase=lambda phase, total: None) -> tuple[str, Report]:
    """Check every file, then write them; with `dry_run`, everything is rolled back at the end."""
    files = esco_files(directory, languages)
    total = sum(f.path.stat().st_size for f in files)
    version = version or detect_version(files)
    on_phase("checking", total)
    skipped = check(files, advance)
    report = Report(skipped)
    on_phase("importing", total)
    with transaction.atomic():
        # One transaction around the whole import: stopped part-way, by an error or Ctrl-C,
        # it leaves the database as it was.
        Importer(files, version, report, advance, skipped).run()
        if dry_run:
            transaction.set_rollback(True)
    return version, report
