"""The map as text, in the order it reads: each level, its roles, the moves into and out of each.

It follows every drawing of the map, for whoever does not see it (and for search engines)."""

from collections import defaultdict
from dataclasses import dataclass

from .places import FOCUS_ORDER, STUDIES, Move, Place


@dataclass(frozen=True)
class Neighbour:
    title: str
    url: str
    move: Move


@dataclass(frozen=True)
class ListedRole:
    place: Place
    moves_in: tuple[Neighbour, ...]
    moves_out: tuple[Neighbour, ...]

    @property
    def name(self) -> str:
        return self.place.name


@dataclass(frozen=True)
class ListedLevel:
    label: str
    roles: tuple[ListedRole, ...]


def listing(
    places: dict[str, Place], moves: list[Move], level_labels: dict[int, str], keys: list[str] | None = None
) -> tuple[ListedLevel, ...]:
    """The roles of `keys` (every place but studies by default) by level, each with its moves in and out."""
    by_level = defaultdict(list)
    for key in keys if keys is not None else places:
        place = places[key]
        if key == STUDIES:
            continue
        moves_in = tuple(Neighbour(places[m.source].name, places[m.source].url, m) for m in moves if m.target == key)
        moves_out = tuple(Neighbour(places[m.target].name, places[m.target].url, m) for m in moves if m.source == key)
        by_level[place.level].append(ListedRole(place, moves_in, moves_out))
    return tuple(
        ListedLevel(level_labels[level], tuple(sorted(roles, key=lambda r: (FOCUS_ORDER[r.place.focus], r.place.title))))
        for level, roles in sorted(by_level.items())
    )
