"""Writing ESCO's rows: keyed by their ESCO URI, created or updated in batches, one savepoint per file, labels
tidied. A second import updates rather than duplicates; a role or skill written by the team, or edited by an
editor after an import (origin "edited"), is never touched."""

import re
from collections import Counter
from collections.abc import Callable, Iterator

from django.db import connection, transaction
from django.utils.text import Truncator, slugify

from careerpath.cache import renew_content_version
from careerpath.typography import french_spacing
from roles.models import ESCO_SOURCE_PREFIX, IscoGroup, Origin, Role, RoleSkill, Skill, SkillCategory, Source

from .checking import RELATION_TYPES, Skipped
from .hierarchy import SkillsHierarchy
from .reading import ORDER, EscoFile, Row
from .tidying import alt_labels, occupation_titles, tidy

BATCH_SIZE = 2000
# The French texts a page shows, given French typography as they are read (ESCO's use ordinary spaces).
FRENCH_TEXTS = {f"{name}_fr" for name in ("name", "description", "title", "alternative_titles", "summary")} | {"title_feminine"}
SUMMARY_MAX = Role._meta.get_field("summary").max_length
KINDS = {
    "isco": "ISCO groups",
    "broader": "broader relations",
    "skills": "skills",
    "occupations": "occupations",
    "relations": "skill links",
    "hierarchy": "skills hierarchy rows",
    "skill_broader": "skills pillar relations",
}  # as the report names them
CATEGORIES = {  # ESCO's skill types, as skill categories after the team's own
    "knowledge": ("esco-knowledge", "Connaissances (ESCO)", "Knowledge (ESCO)", 91),
    "skill/competence": ("esco-skills", "Aptitudes et compétences (ESCO)", "Skills and competences (ESCO)", 90),
}
RELEASED = "released"


class Report(Counter):
    def __init__(self, skipped: Skipped | None = None):
        super().__init__()
        self.skipped = skipped if skipped is not None else Skipped()

    def note(self, kind: str, action: str, count: int = 1) -> None:
        if count:
            self[(kind, action)] += count

    def changed(self) -> bool:
        return any(self[(kind, action)] for kind, action in self if action in ("created", "updated"))

    def lines(self) -> list[str]:
        kinds = dict.fromkeys(kind for kind, _ in self)
        return [
            f"{kind}: "
            + ", ".join(
                f"{self[(kind, action)]} {action}"
                for action in ("created", "updated", "unchanged", "kept", "skipped", "placed", "not placed", "recomputed")
                if self[(kind, action)]
            )
            for kind in kinds
        ] + (["skipped rows, each with its reason:", *(f"  {line}" for line in self.skipped.lines())] if self.skipped else [])


def summary_of(text: str, fallback: str, lang: str) -> str:
    """The first sentence of ESCO's description, for the role list: in French, spaced before it is cut to the field's
    length (the spacing may add a character, which would no longer fit)."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else fallback
    return Truncator(french_spacing(first) if lang == "fr" else first).chars(SUMMARY_MAX)


def insert_plainly(model, rows: list[dict]) -> None:
    """Insert `rows` (values by attribute name; any other column at its field's default) as bulk_create would,
    without a model instance per row: for ESCO's 124,000 links, the instances were most of the import's time."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    template = model()
    defaults = {field.attname: field.get_db_prep_save(field.pre_save(template, add=True), connection) for field in fields}
    quote = connection.ops.quote_name
    # The names are the model's own, quoted; every value goes as a parameter.
    into = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) VALUES "  # noqa: S608
    one_row = f"({', '.join(['%s'] * len(fields))})"
    per_statement = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, rows))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(
                into + ", ".join([one_row] * len(batch)),
                [value for row in batch for value in {**defaults, **row}.values()],
            )


class Importer:
    def __init__(
        self,
        files: list[EscoFile],
        version: str,
        report: Report,
        advance=lambda n: None,
        skipped: Skipped | None = None,
        *,
        languages: list[str],
    ):
        self.files, self.version, self.report, self.advance = files, version, report, advance
        self.skipped = skipped if skipped is not None else Skipped()
        self.hierarchy: SkillsHierarchy | None = None
        self.languages = languages  # in the order asked: a new occupation's slug comes from the first

    def run(self) -> None:
        self.source = self.esco_source()
        for kind in ORDER:
            if files := [f for f in self.files if f.kind == kind]:
                with transaction.atomic():  # one savepoint per kind inside the caller's transaction
                    getattr(self, f"write_{kind}")(files)
        if self.report.changed():  # a second import of the same files writes nothing, and keeps the pages kept
            renew_content_version()

    def esco_source(self) -> Source:
        source, _ = Source.objects.get_or_create(
            file_name=f"{ESCO_SOURCE_PREFIX}{self.version}",
            defaults={
                "slug": slugify(f"{ESCO_SOURCE_PREFIX}{self.version}".replace(".", "-")),
                "title_fr": (
                    f"ESCO v{self.version} — classification européenne des aptitudes, compétences, certifications et professions"
                ),
                "title_en": f"ESCO v{self.version} — European Skills, Competences, Qualifications and Occupations",
                "language": ",".join(self.languages),
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

    def merged(self, files: list[EscoFile], values_of: Callable[[Row, str], dict]) -> dict[str, dict]:
        """Each concept's values from all its files, by URI: its languages side by side and, where two sources
        hold the same file, the later one's value winning field by field."""
        concepts: dict[str, dict] = {}
        for esco_file in files:
            for row in self.released(esco_file):
                values = values_of(row, esco_file.language)
                if esco_file.language == "fr":
                    values = {field: french_spacing(value) if field in FRENCH_TEXTS else value for field, value in values.items()}
                concepts.setdefault(row["conceptUri"].strip(), {}).update(values)
        return concepts

    # -- ISCO groups ---------------------------------------------------------------------------

    def write_isco(self, files: list[EscoFile]) -> None:
        concepts = self.merged(
            files,
            lambda row, lang: {
                "code": row["code"].strip(),
                f"name_{lang}": tidy(row["preferredLabel"]),
                f"description_{lang}": row["description"].strip(),
            },
        )
        fields = ["code", *self.per_language("name", "description")]
        self.upsert(IscoGroup, "ISCO groups", fields, concepts, lambda uri, values: {})

    def write_broader(self, files: list[EscoFile]) -> None:
        groups = {group.esco_uri: group for group in IscoGroup.objects.exclude(esco_uri=None)}
        changed = []
        for row in (row for esco_file in files for row in self.released(esco_file)):
            if row["conceptType"].strip() != "ISCOGroup" or row["broaderType"].strip() != "ISCOGroup":
                self.report.note("broader relations", "skipped")  # occupation hierarchy: not modelled
                continue
            group, parent = groups.get(row["conceptUri"].strip()), groups.get(row["broaderUri"].strip())
            if group is None or parent is None:
                self.report.note("broader relations", "skipped")  # a group skipped for its status
                continue
            if group.parent_id != parent.pk:
                group.parent = parent
                changed.append(group)  # a group listed in two languages is changed once: then it is equal
        IscoGroup.objects.bulk_update(changed, ["parent"], batch_size=BATCH_SIZE)
        self.report.note("broader relations", "updated", len(changed))

    # -- skills --------------------------------------------------------------------------------

    def write_skills(self, files: list[EscoFile]) -> None:
        categories = self.skill_categories()
        concepts = self.merged(
            files,
            lambda row, lang: {
                f"name_{lang}": tidy(row["preferredLabel"]),
                f"description_{lang}": row["description"].strip(),
                "category_id": categories[row["skillType"].strip() == "knowledge"].pk,
            },
        )
        self.upsert(
            Skill,
            "skills",
            [*self.per_language("name", "description"), "category_id", *self.place(concepts)],
            concepts,
            lambda uri, values: {"slug": f"esco-{uri.rsplit('/', 1)[-1]}"[:120], "origin": Origin.IMPORTED},
        )

    def skill_categories(self) -> dict[bool, SkillCategory]:
        """Categories for ESCO's skills, keyed by "is knowledge"."""
        made = {}
        for skill_type, (slug, name_fr, name_en, position) in CATEGORIES.items():
            made[skill_type == "knowledge"] = SkillCategory.objects.get_or_create(
                slug=slug, defaults={"name": name_fr, "name_fr": name_fr, "name_en": name_en, "position": position}
            )[0]
        return made

    # -- occupations ---------------------------------------------------------------------------

    def write_occupations(self, files: list[EscoFile]) -> None:
        slugs = set(Role.objects.values_list("slug", flat=True))

        def values_of(row: Row, lang: str) -> dict:
            titles = occupation_titles(row["preferredLabel"], lang)
            title = titles[0]
            description = row["description"].strip() or row["definition"].strip() or title
            return {
                f"title_{lang}": title,
                **({"title_feminine": titles[-1] if len(titles) > 1 else ""} if lang == "fr" else {}),
                f"alternative_titles_{lang}": alt_labels(row["altLabels"], *titles),
                f"summary_{lang}": summary_of(description, title, lang),
                f"description_{lang}": description,
                "isco_code": row["iscoGroup"].strip(),
                "esco_code": row.values.get("code", "").strip(),
            }

        def new_role(uri: str, values: dict) -> dict:
            title = next(values[f"title_{lang}"] for lang in self.languages if f"title_{lang}" in values)
            return {
                "slug": self.unique_slug(title, uri, slugs),
                "origin": Origin.IMPORTED,
                "status": Role.Status.PUBLISHED,
            }

        fields = [
            *self.per_language("title"),
            *(["title_feminine"] if "fr" in self.languages else []),
            *self.per_language("alternative_titles", "summary", "description"),
            "isco_code",
            "esco_code",
        ]
        self.upsert(Role, "occupations", fields, self.merged(files, values_of), new_role)
        self.cite_source()

    def cite_source(self) -> None:
        """Imported roles cite the ESCO version they were last imported from, and no other."""
        through = Role.sources.through
        imported = Role.objects.filter(origin=Origin.IMPORTED).values_list("id", flat=True)
        stale = through.objects.filter(role_id__in=imported, source__file_name__startswith=ESCO_SOURCE_PREFIX).exclude(
            source=self.source
        )
        if stale.exists():  # a second import of the same version writes nothing
            stale.delete()
        citing = set(through.objects.filter(source=self.source).values_list("role_id", flat=True))
        new = [through(role_id=role_id, source_id=self.source.pk) for role_id in imported if role_id not in citing]
        through.objects.bulk_create(new, batch_size=BATCH_SIZE)
        self.report.note("ESCO version cited", "updated", len(new))  # profiles show it: pages kept must go

    @staticmethod
    def unique_slug(title: str, uri: str, taken: set[str]) -> str:
        base = slugify(title)[:100] or "occupation"
        slug = base if base not in taken else f"{base}-{uri.rsplit('/', 1)[-1][:8]}"
        taken.add(slug)
        return slug

    # -- occupation–skill links ----------------------------------------------------------------

    def write_relations(self, files: list[EscoFile]) -> None:
        """Every link of every relations file, each once: where two files give one link two importances, the
        later source's wins."""
        roles = dict(Role.objects.filter(origin=Origin.IMPORTED).exclude(esco_uri=None).values_list("esco_uri", "id"))
        owned = set(Role.objects.exclude(origin=Origin.IMPORTED).exclude(esco_uri=None).values_list("esco_uri", flat=True))
        skills = dict(Skill.objects.exclude(esco_uri=None).values_list("esco_uri", "id"))
        wanted: dict[tuple[int, int], str] = {}
        for row in (row for esco_file in files for row in self.usable(esco_file)):
            role_id = roles.get(row["occupationUri"].strip())
            skill_id = skills.get(row["skillUri"].strip())
            if role_id is None or skill_id is None:
                # The team's own role, or an occupation or skill skipped for its status.
                self.report.note("skill links", "kept" if row["occupationUri"].strip() in owned else "skipped")
                continue
            wanted[(role_id, skill_id)] = RELATION_TYPES[row["relationType"].strip()]
        links = {
            (role_id, skill_id): (pk, importance)
            for pk, role_id, skill_id, importance in RoleSkill.objects.filter(role_id__in=roles.values()).values_list(
                "id", "role_id", "skill_id", "importance"
            )
        }
        new, changed = [], []
        for (role_id, skill_id), importance in wanted.items():
            current = links.get((role_id, skill_id))
            if current is None:
                new.append({"role_id": role_id, "skill_id": skill_id, "importance": importance})
            elif current[1] != importance:
                changed.append(RoleSkill(id=current[0], importance=importance))
            else:
                self.report.note("skill links", "unchanged")
        insert_plainly(RoleSkill, new)
        self.report.note("skill links", "created", len(new))
        self.flush(RoleSkill, [], changed, ["importance"], "skill links", final=True)

    # -- the skills hierarchy ------------------------------------------------------------------

    def write_hierarchy(self, files: list[EscoFile]) -> None:
        """Read the hierarchy's groups; `write_skills` places each skill below them (`hierarchy`)."""
        self.hierarchy = SkillsHierarchy()
        for row in (row for esco_file in files for row in self.usable(esco_file)):
            self.hierarchy.add(row)

    def write_skill_broader(self, files: list[EscoFile]) -> None:
        for row in (row for esco_file in files for row in self.usable(esco_file)):
            self.hierarchy.add_broader(row["conceptUri"].strip(), row["broaderUri"].strip())

    def place(self, concepts: dict[str, dict]) -> list[str]:
        """Each skill's group in the hierarchy, among its values; without the hierarchy's files, groups stay as
        they were. Returns the field it sets, if any."""
        if self.hierarchy is None:
            return []
        for uri, values in concepts.items():
            values["hierarchy_group"] = self.hierarchy.group_of(uri)
            self.report.note("skills in the hierarchy", "placed" if values["hierarchy_group"] else "not placed")
        return ["hierarchy_group"]

    # -- helpers -------------------------------------------------------------------------------

    def per_language(self, *names: str) -> list[str]:
        return [f"{name}_{lang}" for name in names for lang in self.languages]

    def upsert(
        self, model, kind: str, fields: list[str], concepts: dict[str, dict], new_values: Callable[[str, dict], dict]
    ) -> None:
        """Create or update `model` rows by ESCO URI from each URI's values (some of `fields`); `new_values` gives
        what a new row needs besides. A row whose origin is not "imported" is the team's: it is kept."""
        has_origin = any(f.name == "origin" for f in model._meta.fields)
        columns = ["id", "esco_uri", *fields, *(["origin"] if has_origin else [])]
        existing = {current["esco_uri"]: current for current in model.objects.exclude(esco_uri=None).values(*columns)}
        new, changed = [], []
        for uri, values in concepts.items():
            current = existing.get(uri)
            if current is None:
                new.append(model(esco_uri=uri, **new_values(uri, values), **values))
            elif current.get("origin", Origin.IMPORTED) != Origin.IMPORTED:
                self.report.note(kind, "kept")
            elif any(current[key] != value for key, value in values.items()):
                current.update(values)  # what a concept does not say (a language it lacks here) stays as it was
                changed.append(model(**{column: current[column] for column in ("id", *fields)}))
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
