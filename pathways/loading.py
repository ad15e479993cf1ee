"""Load the curated transitions from `pathways/content/transitions.toml` (create-only, like the roles)."""

from collections import Counter
from pathlib import Path

from roles.loading import ContentError, get_or_create, lookup, pick, read_toml, translated
from roles.models import Role, Scale, Source

from .models import Transition

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
            report, Transition,
            from_role=role(entry["from"]) if "from" in entry else None,
            to_role=role(entry["to"]),
            defaults={
                **pick(entry, "kind", "min_months", "max_months", "sector"),
                **translated(entry, "conditions", "rationale"),
                "min_scale": Scale[entry.get("min_scale", "micro").upper()],
                "max_scale": Scale[entry.get("max_scale", "large").upper()],
            },
        )
        if created:
            owner = f"transition to {entry['to']}"
            transition.sources.set(lookup(sources, name, "source", owner) for name in entry.get("sources", []))


def load_transition_content(report: Counter) -> None:
    load_transitions(read_toml(TRANSITIONS_FILE), report)
