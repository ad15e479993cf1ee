"""Load the curated role content from `roles/content/*.toml`.

Create-only: a row that already exists (by its natural key) is left as editors made it, and
a role that exists keeps its skills, steps and missions; nothing is ever deleted. Running
the loader twice therefore leaves the same rows.
"""

import tomllib
from collections import Counter
from pathlib import Path

from .models import (
    Degree,
    ExperienceStep,
    Mission,
    OtherName,
    Passage,
    Role,
    RoleDegree,
    RoleSkill,
    Scale,
    Skill,
    SkillCategory,
    SkillLevel,
    Source,
    Stage,
    Trait,
    Variation,
    normalise_quoted,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"


class ContentError(ValueError):
    """The content files contradict themselves (an unknown reference, a missing field)."""


def read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def get_or_create(report: Counter, model, defaults: dict | None = None, **lookup):
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
    if created:
        report[model._meta.label] += 1
    return obj, created


def pick(entry: dict, *names: str) -> dict:
    """The entry's values for these model fields, keeping only the ones present."""
    return {name: entry[name] for name in names if name in entry}


def translated(entry: dict, *fields: str) -> dict:
    return pick(entry, *(f"{field}_{lang}" for field in fields for lang in ("fr", "en")))


def scales(entry: dict, *fields: str) -> dict:
    """Sizes of organisation, written by name ("medium") in the content files."""
    return {field: Scale[entry[field].upper()] for field in fields if field in entry}


def lookup(table: dict, key: str, what: str, owner: str):
    try:
        return table[key]
    except KeyError:
        raise ContentError(f"{owner}: unknown {what} “{key}”.") from None


def load_reference(data: dict, report: Counter) -> dict:
    sources = {
        entry["file_name"]: get_or_create(
            report,
            Source,
            file_name=entry["file_name"],
            defaults={**pick(entry, "slug", "language", "title_is_descriptive"), **translated(entry, "title", "summary")},
        )[0]
        for entry in data.get("sources", [])
    }
    categories = {
        entry["slug"]: get_or_create(
            report,
            SkillCategory,
            slug=entry["slug"],
            defaults={**pick(entry, "position"), **translated(entry, "name")},
        )[0]
        for entry in data.get("categories", [])
    }
    skills = {}
    for entry in data.get("skills", []):
        category = lookup(categories, entry["category"], "category", f"skill {entry['slug']}")
        skill, created = get_or_create(
            report,
            Skill,
            slug=entry["slug"],
            defaults={"category": category, **pick(entry, "esco_skills"), **translated(entry, "name", "description")},
        )
        if created:
            levels_fr, levels_en = entry["levels_fr"], entry["levels_en"]
            if len(levels_fr) != 5 or len(levels_en) != 5:
                raise ContentError(f"skill {entry['slug']}: five level descriptions are needed in each language.")
            for level, (text_fr, text_en) in enumerate(zip(levels_fr, levels_en, strict=True), start=1):
                get_or_create(
                    report,
                    SkillLevel,
                    skill=skill,
                    level=level,
                    defaults={"description_fr": text_fr, "description_en": text_en},
                )
        if entry.get("esco_skills") and not skill.esco_skills:
            # Added to the content after the skill: given once, then the editors' (as any field).
            skill.esco_skills = entry["esco_skills"]
            skill.save(update_fields=["esco_skills"])
        skills[entry["slug"]] = skill
    degrees = {
        entry["slug"]: get_or_create(
            report,
            Degree,
            slug=entry["slug"],
            defaults={
                **pick(entry, "level", "field", "typical_months"),
                **translated(entry, "name", "description", "duration_basis"),
            },
        )[0]
        for entry in data.get("degrees", [])
    }
    return {"sources": sources, "skills": skills, "degrees": degrees}


def load_traits(data: dict, reference: dict, report: Counter) -> dict:
    """The personal traits by slug, each resting on the passage that names it (so, after the passages)."""
    return {
        entry["slug"]: get_or_create(
            report,
            Trait,
            slug=entry["slug"],
            defaults={**translated(entry, "name", "description"), **passage_of(entry, reference, f"trait {entry['slug']}")},
        )[0]
        for entry in data.get("traits", [])
    }


def load_passages(data: dict, sources: dict, report: Counter) -> dict:
    """The passages by anchor; a quotation must stand word for word in its article's text."""
    passages, positions = {}, Counter()
    for entry in data.get("passages", []):
        anchor = entry["anchor"]
        owner = f"passage {anchor}"
        source = lookup(sources, entry["source"], "source", owner)
        if anchor in passages:
            raise ContentError(f"{owner}: the anchor is used twice; anchors name one passage in the content files.")
        text = source.text()
        if text is not None and normalise_quoted(entry["quotation"]) not in normalise_quoted(text):
            raise ContentError(f"{owner}: the quotation is not word for word in {source.file_name}.")
        positions[source.pk] += 1
        passages[anchor] = get_or_create(
            report,
            Passage,
            source=source,
            anchor=anchor,
            defaults={"position": positions[source.pk], **pick(entry, "quotation", "translation_en")},
        )[0]
    return passages


def stage_of(item: dict, owner: str) -> dict:
    """A requirement's `stage` ("entry" or "growth") and its basis in both languages, as the fields to create it with.

    Every skill and step of the content files says when it is met and why; a step that stands in for a degree is
    a way in, so it is met to enter."""
    stage = item.get("stage")
    if stage not in Stage.values:
        raise ContentError(f"{owner}: stage “{stage}”; write one of {', '.join(Stage.values)}.")
    if not (item.get("stage_basis_fr") and item.get("stage_basis_en")):
        raise ContentError(f"{owner}: a stage says why, in stage_basis_fr and stage_basis_en.")
    if item.get("is_alternative") and stage != Stage.ENTRY:
        raise ContentError(f"{owner}: a step that stands in for a degree is met to enter (stage “entry”).")
    return {"stage": stage, **translated(item, "stage_basis")}


def passage_of(item: dict, reference: dict, owner: str) -> dict:
    """The `passage` a statement names, as the field to create it with."""
    if "passage" not in item:
        return {}
    return {"passage": lookup(reference["passages"], item["passage"], "passage", owner)}


def load_roles(data: dict, reference: dict, report: Counter) -> None:
    created_roles = []
    for entry in data.get("roles", []):
        role, created = get_or_create(
            report,
            Role,
            slug=entry["slug"],
            defaults={
                **pick(entry, "acronym", "title_feminine", "sector_focus", "isco_code", "rome_code", "onet_soc_code"),
                # The occupation is named by its URI: ESCO may be imported after the content, or never.
                **({"esco_occupation_id": entry["esco_occupation"]} if "esco_occupation" in entry else {}),
                **translated(entry, "title", "summary", "description", "outlook", "evidence", "reporting_note"),
                **(
                    {"reporting_passage": lookup(reference["passages"], entry["reporting_passage"], "passage", entry["slug"])}
                    if "reporting_passage" in entry
                    else {}
                ),
                "level": Role.Level[entry["level"].upper()],
                "min_scale": Scale[entry["min_scale"].upper()],
                "max_scale": Scale[entry["max_scale"].upper()],
                "status": entry.get("status", Role.Status.PUBLISHED),
            },
        )
        if created:
            load_role_details(role, entry, reference, report)
            created_roles.append((role, entry))
    # Reporting lines point at other roles, so they are set once every role exists.
    for role, entry in created_roles:
        if "reports_to" in entry:
            role.reports_to = Role.objects.filter(slug=entry["reports_to"]).first()
            if role.reports_to is None:
                raise ContentError(f"role {role.slug}: unknown reports_to “{entry['reports_to']}”.")
            role.save(update_fields=["reports_to"])


def load_role_details(role: Role, entry: dict, reference: dict, report: Counter) -> None:
    owner = f"role {role.slug}"
    role.sources.set(lookup(reference["sources"], name, "source", owner) for name in entry.get("sources", []))
    role.traits.set(lookup(reference["traits"], slug, "trait", owner) for slug in entry.get("traits", []))
    role.evidence_passages.set(
        lookup(reference["passages"], anchor, "passage", owner) for anchor in entry.get("evidence_passages", [])
    )
    load_role_requirements(role, entry, reference, report)
    load_role_descriptions(role, entry, reference, report)


def load_role_requirements(role: Role, entry: dict, reference: dict, report: Counter) -> None:
    """What a role asks: its skills at their levels, its degrees and the steps of its usual path."""
    owner = f"role {role.slug}"
    for item in entry.get("skills", []):
        get_or_create(
            report,
            RoleSkill,
            role=role,
            skill=lookup(reference["skills"], item["skill"], "skill", owner),
            defaults={
                "required_level": item["level"],
                "importance": item["importance"],
                "rationale_fr": item.get("why_fr", ""),
                "rationale_en": item.get("why_en", ""),
                **stage_of(item, f"{owner}, skill {item['skill']}"),
                **passage_of(item, reference, owner),
            },
        )
    for item in entry.get("degrees", []):
        get_or_create(
            report,
            RoleDegree,
            role=role,
            degree=lookup(reference["degrees"], item["degree"], "degree", owner),
            defaults={
                **pick(item, "kind"),
                **translated(item, "note"),
                **scales(item, "suited_from_scale"),
                **passage_of(item, reference, owner),
            },
        )
    for position, item in enumerate(entry.get("steps", []), start=1):
        get_or_create(
            report,
            ExperienceStep,
            role=role,
            position=position,
            defaults={
                **pick(item, "kind", "area", "min_months", "max_months", "sector", "is_alternative", "circumstance"),
                **translated(item, "title", "description", "duration_basis"),
                **scales(item, "min_scale", "max_scale"),
                **stage_of(item, f"{owner}, step {position}"),
                **passage_of(item, reference, owner),
            },
        )


def load_role_descriptions(role: Role, entry: dict, reference: dict, report: Counter) -> None:
    """What a role does, what else it is called and how it varies: its missions, its other names and its
    variations by size and sector."""
    owner = f"role {role.slug}"
    for position, item in enumerate(entry.get("other_names", []), start=1):
        get_or_create(
            report,
            OtherName,
            role=role,
            position=position,
            defaults={**translated(item, "name"), **passage_of(item, reference, owner)},
        )
    for item in entry.get("missions", []):
        get_or_create(
            report,
            Mission,
            role=role,
            kind=item["kind"],
            position=item["position"],
            defaults={**translated(item, "title", "description"), **passage_of(item, reference, owner)},
        )
    for item in entry.get("variations", []):
        scale = Scale[item["scale"].upper()] if "scale" in item else None
        get_or_create(
            report,
            Variation,
            role=role,
            dimension=item["dimension"],
            scale=scale,
            sector=item.get("sector", ""),
            defaults={**translated(item, "description"), **passage_of(item, reference, owner)},
        )


def load_role_content(report: Counter) -> None:
    reference_data = read_toml(CONTENT_DIR / "reference.toml")
    reference = load_reference(reference_data, report)
    reference["passages"] = load_passages(read_toml(CONTENT_DIR / "passages.toml"), reference["sources"], report)
    reference["traits"] = load_traits(reference_data, reference, report)
    load_roles(read_toml(CONTENT_DIR / "roles.toml"), reference, report)
