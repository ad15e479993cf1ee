"""What the admin's change form for a role posts, for tests that post it (and bench/admin_role.py)."""

INLINE_PREFIXES = ["other_names", "role_skills", "role_degrees", "steps", "missions", "variations"]


def role_change_form(role, **extra) -> dict:
    data = {
        "status": role.status,
        "slug": role.slug,
        "title_fr": role.title_fr,
        "title_en": role.title_en,
        "title_feminine": "",
        "acronym": "",
        "summary_fr": role.summary_fr,
        "summary_en": role.summary_en,
        "description_fr": role.description_fr,
        "description_en": role.description_en,
        "outlook_fr": "",
        "outlook_en": "",
        "evidence_fr": "",
        "evidence_en": "",
        "level": role.level,
        "reports_to": "",
        "sector_focus": role.sector_focus,
        "min_scale": role.min_scale,
        "max_scale": role.max_scale,
        "esco_occupation_uri": role.esco_occupation_id or "",
    }
    for prefix in INLINE_PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(extra)
    return data


def form_data(html: str) -> dict[str, list[str]]:
    """What a browser posts from the role page's form, nothing changed: each named field's value, the checked boxes,
    each select's chosen options."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", id="role_form")
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None or "__prefix__" in name:
            continue
        if field.name == "select":
            values = [option.get("value", option.text) for option in field.find_all("option") if option.has_attr("selected")]
        elif field.name == "textarea":
            values = [field.text.removeprefix("\n")]
        elif field.get("type") in {"checkbox", "radio"}:
            values = [field.get("value", "on")] if field.has_attr("checked") else []
        elif field.get("type") in {"submit", "button", "file"}:
            values = []
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data
