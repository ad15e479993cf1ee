"""The career map's fragment on a role's profile: the profile is the roles app's page, the moves are ours."""

from django import template

from ..career_map import around

register = template.Library()


@register.inclusion_tag("pathways/_moves_around.html")
def moves_around(role):
    """The roles one move before and after `role`, drawn as the map is, then in text; nothing without moves."""
    return {"moves_around": around(role)}
