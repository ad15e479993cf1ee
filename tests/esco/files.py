"""Write files in ESCO's CSV download format: small samples for the tests, ESCO's size for the benchmark.

Columns follow ESCO 1.1 or 1.2 as published (1.2 adds naceCode to occupations and the two labels
to the relations), in ESCO's order, quoted like ESCO's own files, with multi-line altLabels.
"""

import csv
import random
import uuid
from dataclasses import dataclass
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
}
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


def columns(name: str, version: str) -> list[str]:
    return COLUMNS[name] + (V12_EXTRA.get(name, []) if version == "1.2" else [])


def write(directory: Path, data: EscoSet, version: str = "1.2", languages=("fr", "en")) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        rows = {
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
        }
        for name, records in rows.items():
            with (directory / f"{name}_{lang}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(
                    handle, fieldnames=columns(name, version), extrasaction="ignore", quoting=csv.QUOTE_MINIMAL
                )
                writer.writeheader()
                writer.writerows(records)
    return directory


def sample() -> EscoSet:
    """A few operations occupations, as a test reads them."""
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
    )
    lean = EscoSkill(
        f"{ESCO}skill/00000000-0000-4000-8000-000000000002",
        True,
        {"fr": "gestion allégée", "en": "lean management"},
        {"fr": "Méthodes de réduction des gaspillages.", "en": "Methods that reduce waste."},
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
