"""What the admin's change form for a role posts, for tests that post it."""

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
