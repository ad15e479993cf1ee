"""Writing ESCO's rows: keyed by their ESCO URI, created or updated in batches, one savepoint per file, labels
tidied. A second import updates rather than duplicates; a role or skill written by the team, or edited by an
editor after an import (origin "edited"), is never touched."""

import re
from collections import Counter
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils.text import Truncator, slugify

from careerpath.cache import renew_content_version
from roles.models import IscoGroup, Origin, Role, RoleSkill, Skill, SkillCategory, Source

from .checking import RELATION_TYPES, Skipped
from .reading import EscoFile, Row
from .tidying import alt_labels, occupation_titles, tidy

BATCH_SIZE = 2000
SUMMARY_MAX = Role._meta.get_field("summary").max_length
KINDS = {
    "isco": "ISCO groups",
    "broader": "broader relations",
    "skills": "skills",
    "occupations": "occupations",
    "relations": "skill links",
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

    def lines(self) -> list[str]:
        kinds = dict.fromkeys(kind for kind, _ in self)
        return [
            f"{kind}: "
            + ", ".join(
                f"{self[(kind, action)]} {action}"
                for action in ("created", "updated", "unchanged", "kept", "skipped")
                if self[(kind, action)]
            )
            for kind in kinds
        ] + (["skipped rows, each with its reason:", *(f"  {line}" for line in self.skipped.lines())] if self.skipped else [])


def summary_of(text: str, fallback: str) -> str:
    """The first sentence of ESCO's description, for the role list."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else fallback
    return Truncator(first).chars(SUMMARY_MAX)


class Importer:
    def __init__(
        self, files: list[EscoFile], version: str, report: Report, advance=lambda n: None, skipped: Skipped | None = None
    ):
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
        rows = (
            (
                row["conceptUri"].strip(),
                {
                    "code": row["code"].strip(),
                    f"name_{lang}": tidy(row["preferredLabel"]),
                    f"description_{lang}": row["description"].strip(),
                },
            )
            for row in self.released(esco_file)
        )
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
        rows = (
            (
                row["conceptUri"].strip(),
                {
                    f"name_{lang}": tidy(row["preferredLabel"]),
                    f"description_{lang}": row["description"].strip(),
                    "category_id": categories[row["skillType"].strip() == "knowledge"].pk,
                },
            )
            for row in self.released(esco_file)
        )
        self.upsert(
            Skill,
            "skills",
            [f"name_{lang}", f"description_{lang}", "category_id"],
            rows,
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

    def write_occupations(self, esco_file: EscoFile) -> None:
        lang = esco_file.language
        slugs = set(Role.objects.values_list("slug", flat=True))

        def rows():
            for row in self.released(esco_file):
                titles = occupation_titles(row["preferredLabel"], lang)
                title = titles[0]
                description = row["description"].strip() or row["definition"].strip() or title
                yield (
                    row["conceptUri"].strip(),
                    {
                        f"title_{lang}": title,
                        **({"title_feminine": titles[-1] if len(titles) > 1 else ""} if lang == "fr" else {}),
                        f"alternative_titles_{lang}": alt_labels(row["altLabels"], *titles),
                        f"summary_{lang}": summary_of(description, title),
                        f"description_{lang}": description,
                        "isco_code": row["iscoGroup"].strip(),
                        "esco_code": row.values.get("code", "").strip(),
                    },
                )

        def new_role(uri: str, values: dict) -> dict:
            return {
                "slug": self.unique_slug(values[f"title_{lang}"], uri, slugs),
                "origin": Origin.IMPORTED,
                "status": Role.Status.PUBLISHED,
            }

        fields = [
            f"title_{lang}",
            *(["title_feminine"] if lang == "fr" else []),
            f"alternative_titles_{lang}",
            f"summary_{lang}",
            f"description_{lang}",
            "isco_code",
            "esco_code",
        ]
        self.upsert(Role, "occupations", fields, rows(), new_role)
        self.cite_source()

    def cite_source(self) -> None:
        """Imported roles cite the ESCO version they were last imported from, and no other."""
        through = Role.sources.through
        imported = Role.objects.filter(origin=Origin.IMPORTED).values_list("id", flat=True)
        through.objects.filter(role_id__in=imported, source__file_name__startswith="esco-v").exclude(source=self.source).delete()
        through.objects.bulk_create(
            [through(role_id=role_id, source_id=self.source.pk) for role_id in imported],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )

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
        links = {
            (role_id, skill_id): (pk, importance)
            for pk, role_id, skill_id, importance in RoleSkill.objects.filter(role_id__in=roles.values()).values_list(
                "id", "role_id", "skill_id", "importance"
            )
        }
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

    def upsert(
        self, model, kind: str, fields: list[str], rows: Iterator[tuple[str, dict]], new_values: Callable[[str, dict], dict]
    ) -> None:
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
