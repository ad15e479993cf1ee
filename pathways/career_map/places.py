"""What the map shows, before any geometry: a place per role (and one for studies), a move per transition."""

from dataclasses import dataclass

from roles.models import Sector

STUDIES = "studies"  # the node moves from outside the map start from
FOCUS_ORDER = {Sector.PRODUCTION: 0, Sector.BOTH: 1, Sector.SERVICES: 2}


@dataclass(frozen=True)
class Place:
    key: str  # the role's slug, or STUDIES
    name: str  # as pages show it, `Role.display_title`: in French, both forms when they differ
    title: str  # the first form alone
    url: str  # "" for the studies node and the role a fragment is centred on
    level: int  # 0 for the studies node
    focus: str  # a Sector value
    degree: str  # "bac+3"…: the degree the usual route asks, "" when none is
    current: bool = False

    @property
    def feminine(self) -> str:
        """The French feminine form when the name shows one, else ""."""
        return self.name.removeprefix(self.title).removeprefix(" / ")

    @property
    def focus_label(self) -> str:
        return Sector(self.focus).label if self.focus != Sector.BOTH else ""


@dataclass(frozen=True)
class Move:
    source: str  # a Place key
    target: str
    duration: str
    sideways: bool
    reserved: str  # the circumstance the move is reserved to, in words; "" for everyone
    sector: str  # the only sector where it makes sense, in words; "" for both
