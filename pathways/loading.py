"""Load the curated transitions and estimates from `pathways/content/transitions.toml` (create-only, like the roles)."""

from collections import Counter
from pathlib import Path

from roles.loading import ContentError, get_or_create, lookup, pick, read_toml, scales, translated
from roles.models import Role, Source

from .models import Estimate, Transition

TRANSITIONS_FILE = Path(__file__).resolve().parent / "content" / "transitions.toml"


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


def load_transition_content(report: Counter) -> None:
    data = read_toml(TRANSITIONS_FILE)
    load_transitions(data, report)
    load_estimates(data, report)
