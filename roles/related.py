"""A profile's "related jobs": the occupations nearest to it by their skills (`roles.similarity`), as a person reads
them. A team role shows the neighbours of the ESCO occupation it stands for; a neighbour that a team role stands
for is shown as the team's role, so each job has one card, never two."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Neighbour, Role, Skill

RELATED_SHOWN = 10  # the nearest ten: enough to see the moves open to a person, few enough to read


@dataclass(frozen=True)
class RelatedJob:
    role: Role  # the profile a card links to: the team's role standing for the occupation, else the occupation
    occupation: Role  # the ESCO occupation compared
    similarity: float
    viability: str
    viability_label: str
    shared: list[Skill]  # the occupation's essential skills the profile's occupation has too
    to_gain: list[Skill]  # its essential skills the profile's occupation does not list

    @property
    def percent(self) -> int:
        return round(100 * self.similarity)


def compared_occupation(role: Role) -> Role | None:
    """The ESCO occupation a profile's neighbours are those of: the role itself when it is one, or the occupation the
    team's role stands for (None until ESCO is imported)."""
    if role.esco_uri:
        return role
    return role.esco_occupation if role.esco_occupation_id else None


def related_jobs(role: Role, shown: int = RELATED_SHOWN) -> list[RelatedJob]:
    """The nearest occupations to `role`, nearest first, in three queries whatever their number."""
    occupation = compared_occupation(role)
    if occupation is None:
        return []
    neighbours = (
        Neighbour.objects.of(occupation)
        .filter(destination__status=Role.Status.PUBLISHED)
        .prefetch_related(Prefetch("destination__team_roles", queryset=Role.objects.published(), to_attr="standing_in"))[:shown]
    )
    skills = neighbours.skills()
    related = []
    for neighbour in neighbours:
        destination = neighbour.destination
        shown_as = destination.standing_in[0] if destination.standing_in else destination
        if shown_as.pk == role.pk:
            continue  # the profile's own job, reached through the occupation it stands for
        related.append(
            RelatedJob(
                role=shown_as,
                occupation=destination,
                similarity=neighbour.similarity,
                viability=neighbour.viability,
                viability_label=neighbour.get_viability_display(),
                shared=sorted((skills[pk] for pk in neighbour.shared_essential if pk in skills), key=lambda s: s.name),
                to_gain=sorted((skills[pk] for pk in neighbour.to_gain if pk in skills), key=lambda s: s.name),
            )
        )
    return related
