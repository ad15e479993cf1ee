"""Filling the self-assessment as a person would, for the tests of every app that starts from a saved result."""

import re

EDO = "executive-director-of-operations"


def form_url(target=EDO, lang=""):
    return f"{lang}/assessment/?target={target}"


def skill_fields(client, target=EDO) -> list[str]:
    return sorted(set(re.findall(r'name="(skill_\d+)"', client.get(form_url(target)).content.decode())))


def answers(client, target=EDO, **overrides) -> dict:
    data = {
        "position": "student",
        "degree_level": "bachelor",
        "degree_field": "business-management",
        "years_operations": 2,
        "years_people": 0,
        "years_customer-service": 0,
        "years_facilities": 0,
        "years_business": 0,
        "preferred_sector": "both",
        "preferred_scale": "",
        "consent": "on",
    }
    data.update({name: 2 for name in skill_fields(client, target)})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, target=EDO, lang="", **overrides):
    return client.post(form_url(target, lang), answers(client, target, **overrides))
