"""Load the curated transitions and estimates (`pathways/content/transitions.toml`) and the ways to obtain a degree
(`pathways/content/degree_ways.toml`), create-only like the roles."""

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError

from roles.loading import ContentError, get_or_create, lookup, pick, read_toml, scales, translated
from roles.models import Role, Source

from .models import DegreeWay, Estimate, Transition

CONTENT_DIR = Path(__file__).resolve().parent / "content"
TRANSITIONS_FILE = CONTENT_DIR / "transitions.toml"
DEGREE_WAYS_FILE = CONTENT_DIR / "degree_ways.toml"
DEGREE_WAY_FIELDS = (
    "while_working",
    "counts_as_experience",
    "needs_employer",
    "min_factor",
    "max_factor",
    "min_months",
    "max_months",
    "min_rank",
    "max_rank",
    "excluded_fields",
    "requires_rank",
    "min_related_months",
)


def load_transitions(data: dict, report: Counter) -> None:
    roles = {role.slug: role for role in Role.objects.all()}
    sources = {source.file_name: source for source in Source.objects.all()}

    def role(slug: str) -> Role:
        if slug not in roles:
            raise ContentError(f"transition: unknown role “{slug}”.")
        return roles[slug]

    for entry in data.get("transitions", []):
        transition, created = get_or_create(
            report,
            Transition,
            from_role=role(entry["from"]) if "from" in entry else None,
            to_role=role(entry["to"]),
            defaults={
                **pick(entry, "kind", "min_months", "max_months", "sector", "circumstance"),
                **translated(entry, "conditions", "rationale", "duration_basis"),
                **scales(entry, "min_scale", "max_scale"),
            },
        )
        if created:
            owner = f"transition to {entry['to']}"
            transition.sources.set(lookup(sources, name, "source", owner) for name in entry.get("sources", []))


def load_estimates(data: dict, report: Counter) -> None:
    for entry in data.get("estimates", []):
        get_or_create(
            report, Estimate, key=entry["key"], defaults={**pick(entry, "months"), **translated(entry, "justification")}
        )


def load_degree_ways(data: dict, report: Counter) -> None:
    """The ways to obtain a degree, in the file's order; each checked as the admin would check it."""
    for position, entry in enumerate(data.get("degree_ways", []), start=1):
        defaults = {
            "position": position,
            **pick(entry, *DEGREE_WAY_FIELDS),
            **translated(entry, "name", "conditions", "duration_basis"),
        }
        try:
            DegreeWay(slug=entry["slug"], **defaults).clean()
        except ValidationError as error:
            raise ContentError(f"degree way {entry['slug']}: {'; '.join(error.messages)}") from None
        get_or_create(report, DegreeWay, slug=entry["slug"], defaults=defaults)


def load_transition_content(report: Counter) -> None:
    data = read_toml(TRANSITIONS_FILE)
    load_transitions(data, report)
    load_estimates(data, report)
    load_degree_ways(read_toml(DEGREE_WAYS_FILE), report)
