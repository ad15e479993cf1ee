from django import template

from roles.attribution import ESCO_CREDIT, ESCO_URL

register = template.Library()


@register.simple_tag
def esco_credit() -> str:
    return str(ESCO_CREDIT)


@register.simple_tag
def esco_url() -> str:
    return ESCO_URL
