"""The career map: the team's roles placed by level and focus, the moves between them as arrows.

Geometry is computed here, as plain data; the templates only place the shapes. Rows are levels,
from the entry level at the top to the executive level at the bottom, so the map reads as a
route does, top to bottom. Within a level, a move of kind "promotion" puts its target on a row
below its source; a sideways move stays on the row. Within a row, roles stand from left to right
by focus, `Role.sector_focus`: production, then both, then services.

Only the roles the team wrote or reviewed are drawn (`pickable()`, with a level): the thousands
of occupations imported from ESCO have no place in the hierarchy yet, and are reached by search.

The same routes are drawn twice: wide (text at 14 px, for screens 992 px and more) and compact
(text at 12 px, at most three roles a row, drawn at its own size on a phone). A profile shows a
compact fragment of the map around its role, with the moves into and out of it.

- `places`: what the map shows, before any geometry (a place per role, a move per transition);
- `query`: reading them from the roles and transitions, the whole map kept per content version;
- `layout`: the drawing, boxes in rows by level and arrows between them;
- `text`: the same map as a list, the drawing's text alternative;
- `views`: the map's own page.
"""

from .query import CareerMap, around, site_map

__all__ = ["CareerMap", "around", "site_map"]
