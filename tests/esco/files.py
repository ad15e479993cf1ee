"""Write files in ESCO's CSV download format: small samples for the tests, ESCO's size for the benchmark.

Columns follow ESCO 1.1 or 1.2 as published (1.2 adds naceCode to occupations and the two labels
to the relations), in ESCO's order, quoted like ESCO's own files, with multi-line altLabels. `write` makes a
folder of per-language files; `write_downloads` packs them as ESCO publishes them (the classification zip per
language, the language-neutral relations zip, the French skills as a .csv.gz, a .tar.gz as ../shared/esco-real).
"""

import csv
import gzip
import io
import random
import tarfile
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ESCO = "http://data.europa.eu/esco/"

COLUMNS = {
    "occupations": [
        "conceptType",
        "conceptUri",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "status",
        "modifiedDate",
        "regulatedProfessionNote",
        "scopeNote",
        "definition",
        "inScheme",
        "description",
        "code",
    ],
    "skills": [
        "conceptType",
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "status",
        "modifiedDate",
        "scopeNote",
        "definition",
        "inScheme",
        "description",
    ],
    "occupationSkillRelations": ["occupationUri", "relationType", "skillType", "skillUri"],
    "broaderRelationsOccPillar": ["conceptType", "conceptUri", "broaderType", "broaderUri"],
    "ISCOGroups": ["conceptType", "conceptUri", "code", "preferredLabel", "status", "altLabels", "inScheme", "description"],
    "broaderRelationsSkillPillar": ["conceptType", "conceptUri", "broaderType", "broaderUri"],
    "skillsHierarchy": [
        *(f"Level {level} {part}" for level in range(4) for part in ("URI", "preferred term")),
        "Description",
        "Scope note",
        *(f"Level {level} code" for level in range(4)),
    ],
}
# ESCO v1.0's French skills file, as ../shared/esco-full/skills_fr.csv.gz holds it: no status, no description kept.
OLD_SKILL_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"]
V12_EXTRA = {"occupations": ["naceCode"], "occupationSkillRelations": ["occupationLabel", "skillLabel"]}


@dataclass
class Occupation:
    uri: str
    isco: str
    labels: dict[str, str]  # language -> preferred label
    alt: dict[str, list[str]]
    description: dict[str, str]
    status: str = "released"


@dataclass
class EscoSkill:
    uri: str
    knowledge: bool
    labels: dict[str, str]
    description: dict[str, str]
    broader: list[str] = field(default_factory=list)  # the skills hierarchy's groups or skills just above it


@dataclass
class SkillGroup:
    """A group of ESCO's skills hierarchy; its code is "" for knowledge's ISCED-F fields, as in ESCO's file."""

    uri: str
    code: str
    label: str
    parent: "SkillGroup | None" = None

    def chain(self) -> list["SkillGroup"]:
        return [*(self.parent.chain() if self.parent else []), self]


@dataclass
class Relation:
    occupation: Occupation
    skill: EscoSkill
    essential: bool


@dataclass
class EscoSet:
    isco: dict[str, dict[str, str]]  # code -> language -> label
    occupations: list[Occupation]
    skills: list[EscoSkill]
    relations: list[Relation]
    groups: list[SkillGroup] = field(default_factory=list)


def columns(name: str, version: str) -> list[str]:
    return COLUMNS[name] + (V12_EXTRA.get(name, []) if version == "1.2" else [])


def tables(data: EscoSet, lang: str) -> dict[str, list[dict]]:
    """Every file of one language, by ESCO's file name without "_<lang>.csv": its rows."""
    return {
        "ISCOGroups": [
            {
                "conceptType": "ISCOGroup",
                "conceptUri": f"{ESCO}isco/C{code}",
                "code": code,
                "preferredLabel": labels[lang],
                "status": "released",
                "inScheme": f"{ESCO}concept-scheme/isco",
                "description": "",
            }
            for code, labels in data.isco.items()
        ],
        "broaderRelationsOccPillar": [
            {
                "conceptType": "ISCOGroup",
                "conceptUri": f"{ESCO}isco/C{code}",
                "broaderType": "ISCOGroup",
                "broaderUri": f"{ESCO}isco/C{code[:-1]}",
            }
            for code in data.isco
            if len(code) > 1
        ]
        + [
            {
                "conceptType": "Occupation",
                "conceptUri": o.uri,
                "broaderType": "ISCOGroup",
                "broaderUri": f"{ESCO}isco/C{o.isco}",
            }
            for o in data.occupations
        ],
        "skills": [
            {
                "conceptType": "KnowledgeSkillCompetence",
                "conceptUri": s.uri,
                "skillType": "knowledge" if s.knowledge else "skill/competence",
                "reuseLevel": "sector-specific",
                "preferredLabel": s.labels[lang],
                "status": "released",
                "modifiedDate": "2023-11-30T12:00:00Z",
                "inScheme": f"{ESCO}concept-scheme/member-skills",
                "description": s.description[lang],
            }
            for s in data.skills
        ],
        "occupations": [
            {
                "conceptType": "Occupation",
                "conceptUri": o.uri,
                "iscoGroup": o.isco,
                "preferredLabel": o.labels[lang],
                "altLabels": "\n".join(o.alt.get(lang, [])),
                "status": o.status,
                "modifiedDate": "2023-11-30T12:00:00Z",
                "inScheme": f"{ESCO}concept-scheme/occupations",
                "description": o.description[lang],
                "code": f"{o.isco}.{index}",
                "naceCode": "",
            }
            for index, o in enumerate(data.occupations, start=1)
        ],
        "occupationSkillRelations": [
            {
                "occupationUri": r.occupation.uri,
                "relationType": "essential" if r.essential else "optional",
                "skillType": "knowledge" if r.skill.knowledge else "skill/competence",
                "skillUri": r.skill.uri,
                "occupationLabel": r.occupation.labels[lang],
                "skillLabel": r.skill.labels[lang],
            }
            for r in data.relations
        ],
        "skillsHierarchy": [hierarchy_row(group) for group in data.groups],
        "broaderRelationsSkillPillar": [
            *(
                {"conceptType": "SkillGroup", "conceptUri": g.uri, "broaderType": "SkillGroup", "broaderUri": g.parent.uri}
                for g in data.groups
                if g.parent
            ),
            *(
                {
                    "conceptType": "KnowledgeSkillCompetence",
                    "conceptUri": s.uri,
                    "broaderType": "SkillGroup" if broader in {g.uri for g in data.groups} else "KnowledgeSkillCompetence",
                    "broaderUri": broader,
                }
                for s in data.skills
                for broader in s.broader
            ),
        ],
    }


def hierarchy_row(group: SkillGroup) -> dict[str, str]:
    """As ESCO writes it, the empty cells at the end of a row above level 3 left out (`write_csv`)."""
    row = {}
    for level, above in enumerate(group.chain()):
        row |= {f"Level {level} URI": above.uri, f"Level {level} preferred term": above.label, f"Level {level} code": above.code}
    return row


def csv_text(name: str, records: list[dict], version: str, header: list[str] | None = None) -> str:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=header or columns(name, version), extrasaction="ignore", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(records)
    text = handle.getvalue()
    if name == "skillsHierarchy":  # ESCO ends a row at its last filled cell
        text = "\r\n".join(line.rstrip(",") for line in text.split("\r\n"))
    return text


def write(directory: Path, data: EscoSet, version: str = "1.2", languages=("fr", "en")) -> Path:
    """A folder of per-language files, as ESCO's per-language CSV download unpacked."""
    directory.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        for name, records in tables(data, lang).items():
            if records or name not in ("skillsHierarchy", "broaderRelationsSkillPillar"):
                (directory / f"{name}_{lang}.csv").write_text(csv_text(name, records, version), encoding="utf-8")
    return directory


CLASSIFICATION_ZIP = "ESCO dataset - v1.1.1 - classification - {lang} - csv.zip"
NEUTRAL = ("occupationSkillRelations", "broaderRelationsOccPillar", "broaderRelationsSkillPillar")


def write_downloads(directory: Path, data: EscoSet, version: str = "1.1") -> list[Path]:
    """ESCO's downloads as ../shared holds them: a folder with the English classification zip (and a file the
    import does not read), the language-neutral relations zip (its name has a blank language), the French
    skills as ESCO v1.0's .csv.gz; and a .tar.gz with the French and English ISCO groups and occupations."""
    folder = directory / "esco-full"
    folder.mkdir(parents=True, exist_ok=True)
    english = tables(data, "en")
    with zipfile.ZipFile(folder / CLASSIFICATION_ZIP.format(lang="en"), "w", zipfile.ZIP_DEFLATED) as packed:
        for name in ("ISCOGroups", "skills", "occupations", "skillsHierarchy"):
            packed.writestr(f"{name}_en.csv", csv_text(name, english[name], version))
        packed.writestr("conceptSchemes_en.csv", "conceptType,conceptUri\r\n")
    with zipfile.ZipFile(folder / CLASSIFICATION_ZIP.format(lang=""), "w", zipfile.ZIP_DEFLATED) as packed:
        for name in NEUTRAL:
            packed.writestr(f"{name}.csv", csv_text(name, english[name], version))
    french = tables(data, "fr")
    with gzip.open(folder / "skills_fr.csv.gz", "wt", encoding="utf-8", newline="") as packed:
        packed.write(csv_text("skills", french["skills"], version, OLD_SKILL_COLUMNS))
    tar = directory / "esco-fr-en.tar.gz"
    with tarfile.open(tar, "w:gz") as packed:
        for lang, rows in (("fr", french), ("en", english)):
            for name in ("ISCOGroups", "occupations"):
                content = csv_text(name, rows[name], version).encode()
                info = tarfile.TarInfo(f"{name}_{lang}.csv")
                info.size = len(content)
                packed.addfile(info, io.BytesIO(content))
    return [folder, tar]


SKILLS_PILLAR = f"{ESCO}skill/"


def sample_groups() -> dict[str, SkillGroup]:
    """A branch of ESCO's skills hierarchy down to level 3, for skills and for knowledge (ISCED-F, no codes)."""
    skills = SkillGroup(f"{SKILLS_PILLAR}335228d2-297d-4e0e-a6ee-bc6a8dc110d9", "S", "skills")
    management = SkillGroup(f"{SKILLS_PILLAR}c1a13ee0-b00d-4cfa-a22c-20d284e398b0", "S4", "management skills", skills)
    organising = SkillGroup(
        f"{SKILLS_PILLAR}5c26881e-2759-4a38-b136-5e0f6071b524",
        "S4.2",
        "organising, planning and scheduling work and activities",
        management,
    )
    planning = SkillGroup(f"{SKILLS_PILLAR}d0c5b2a6-planning", "S4.2.1", "planning operational activities", organising)
    supervising = SkillGroup(f"{SKILLS_PILLAR}7a00c77c-4a1c-4fd6-a83f-004bda65d81a", "S4.8", "supervising people", management)
    knowledge = SkillGroup(f"{SKILLS_PILLAR}c46fcb45-5c14-4ffa-abed-5a43f104bb22", "K", "knowledge")
    business = SkillGroup(f"{ESCO}isced-f/04", "", "business, administration and law", knowledge)
    administration = SkillGroup(f"{ESCO}isced-f/041", "", "business and administration", business)
    management_field = SkillGroup(f"{ESCO}isced-f/0413", "", "management and administration", administration)
    groups = (skills, management, organising, planning, supervising, knowledge, business, administration, management_field)
    return {group.code or group.uri.rsplit("/", 1)[-1]: group for group in groups}


def sample() -> EscoSet:
    """A few operations occupations, as a test reads them."""
    groups = sample_groups()
    isco = {
        "1": {"fr": "Directeurs, cadres de direction et gérants", "en": "Managers"},
        "13": {
            "fr": "Directeurs et cadres de direction, production et services spécialisés",
            "en": "Production and specialised services managers",
        },
        "132": {
            "fr": "Directeurs et cadres de direction, industries manufacturières",
            "en": "Manufacturing, mining, construction, and distribution managers",
        },
        "1321": {"fr": "Directeurs et cadres de direction, industries manufacturières", "en": "Manufacturing managers"},
    }
    plan = EscoSkill(
        f"{ESCO}skill/00000000-0000-4000-8000-000000000001",
        False,
        {"fr": "planifier la production", "en": "plan production"},
        {"fr": "Organiser les ressources et le calendrier de production.", "en": "Organise production resources and schedule."},
        [groups["S4.2.1"].uri],
    )
    lean = EscoSkill(
        f"{ESCO}skill/00000000-0000-4000-8000-000000000002",
        True,
        {"fr": "gestion allégée", "en": "lean management"},
        {"fr": "Méthodes de réduction des gaspillages.", "en": "Methods that reduce waste."},
        [groups["0413"].uri],
    )
    plant = Occupation(
        f"{ESCO}occupation/00000000-0000-4000-8000-0000000000a1",
        "1321",
        {"fr": "directeur d’usine", "en": "plant manager"},
        {"fr": ["directrice d’usine", "chef d’usine"], "en": ["factory manager", "works manager"]},
        {
            "fr": "Les directeurs d’usine dirigent la production. Ils veillent aux délais.",
            "en": "Plant managers run production. They watch the deadlines.",
        },
    )
    shift = Occupation(
        f"{ESCO}occupation/00000000-0000-4000-8000-0000000000a2",
        "1321",
        {"fr": "responsable d’équipe de production", "en": "production shift leader"},
        {"fr": [], "en": ["shift supervisor"]},
        {"fr": "Encadre une équipe de production.", "en": "Leads a production shift."},
    )
    return EscoSet(
        isco=isco,
        occupations=[plant, shift],
        skills=[plan, lean],
        relations=[Relation(plant, plan, True), Relation(plant, lean, False), Relation(shift, plan, True)],
        groups=list(groups.values()),
    )


def synthetic(occupations=3000, skills=14000, relations=130000, seed=11) -> EscoSet:
    """ESCO's size, with made-up labels: for timing the import, not for reading."""
    rng = random.Random(seed)

    def uri(kind: str) -> str:
        return f"{ESCO}{kind}/{uuid.UUID(int=rng.getrandbits(128), version=4)}"

    units = [
        f"{major}{minor}{group}{unit}"
        for major in range(1, 10)
        for minor in range(1, 5)
        for group in range(1, 4)
        for unit in range(1, 4)
    ]
    isco = {}
    for code in units:
        for length in range(1, 5):
            isco.setdefault(code[:length], {"fr": f"Groupe {code[:length]}", "en": f"Group {code[:length]}"})
    skill_list = [
        EscoSkill(
            uri("skill"),
            rng.random() < 0.3,
            {"fr": f"compétence {n}", "en": f"skill {n}"},
            {"fr": f"Description de la compétence {n}.", "en": f"Description of skill {n}."},
        )
        for n in range(skills)
    ]
    occupation_list = [
        Occupation(
            uri("occupation"),
            rng.choice(units),
            {"fr": f"métier {n}", "en": f"occupation {n}"},
            {"fr": [f"autre intitulé {n}"], "en": [f"other title {n}", f"alias {n}"]},
            {
                "fr": f"Le métier {n} consiste à travailler. Il demande du soin.",
                "en": f"Occupation {n} is about working. It takes care.",
            },
        )
        for n in range(occupations)
    ]
    per = relations // occupations
    relation_list = []
    for index, occupation in enumerate(occupation_list):
        count = per + (1 if index < relations % occupations else 0)
        relation_list += [Relation(occupation, skill, rng.random() < 0.5) for skill in rng.sample(skill_list, count)]
    return EscoSet(isco=isco, occupations=occupation_list, skills=skill_list, relations=relation_list)
