"""What the map shows, before any geometry: a place per role (and one for studies), a move per transition."""

from dataclasses import dataclass

from roles.models import Sector

STUDIES = "studies"  # the node moves from outside the map start from
FOCUS_ORDER = {Sector.PRODUCTION: 0, Sector.BOTH: 1, Sector.SERVICES: 2}


@dataclass(frozen=True)
class Place:
    key: str  # the role's slug, or STUDIES
    title: str
    feminine: str  # the French feminine form when it differs (`Role.title_forms`), else ""
    url: str  # "" for the studies node and the role a fragment is centred on
    level: int  # 0 for the studies node
    focus: str  # a Sector value
    degree: str  # "bac+3"…: the degree the usual route asks, "" when none is
    current: bool = False

    @property
    def name(self) -> str:
        """As pages show it (`Role.display_title`): in French, both forms when they differ."""
        return " / ".join(form for form in (self.title, self.feminine) if form)

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
