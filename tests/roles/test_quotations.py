"""Every quotation of the articles in the site's text is the articles' words, and keeps their hedges."""

import tomllib
from pathlib import Path

import pytest

from roles.models import ExperienceStep, Role
from roles.quotations import article_texts, misquotations
from tests.factories import RoleFactory
from tests.roles.admin_forms import role_change_form
from tests.two_factor import sign_in_verified

ROOT = Path(__file__).resolve().parents[2]
CONTENT = [*sorted((ROOT / "roles" / "content").glob("*.toml")), *sorted((ROOT / "pathways" / "content").glob("*.toml"))]
# The article says: « une nouvelle recrue passera probablement quelques semaines, voire quelques mois, à apprendre
# les calendriers de maintenance et d’exploitation, ainsi que les compétences de supervision nécessaires pour
# assurer une installation allégée et qui fonctionne bien ».
FAITHFUL = "« à apprendre les calendriers de maintenance et d’exploitation […] pour assurer une installation allégée »"
DROPPED_HEDGE = "« une nouvelle recrue passera […] quelques mois, à apprendre »"
CHANGED_WORD = "« une nouvelle recrue passera certainement quelques semaines »"


def texts_of(value, path=()):
    """Every string of a content file with where it stands, in both languages."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts_of(item, (*path, index))
    elif isinstance(value, str):
        yield "/".join(map(str, path)), value


@pytest.mark.parametrize("content_file", CONTENT, ids=lambda path: path.name)
def test_every_quotation_in_the_content_is_the_articles_words(content_file):
    articles = article_texts()
    quoted = 0
    for where, text in texts_of(tomllib.loads(content_file.read_text(encoding="utf-8"))):
        quoted += text.count("«")
        assert not misquotations(text, articles), (content_file.name, where)
    assert quoted or content_file.name not in ("roles.toml", "transitions.toml")  # the test reads them


def test_a_quotation_may_leave_out_words_that_change_nothing():
    assert misquotations(f"L’article dit {FAITHFUL}.", article_texts()) == []


def test_a_quotation_that_leaves_out_a_hedge_or_changes_a_word_is_refused():
    articles = article_texts()
    (dropped,) = misquotations(f"Selon l’article, {DROPPED_HEDGE}.", articles)
    assert "probablement" in dropped
    (changed,) = misquotations(f"Selon l’article, {CHANGED_WORD}.", articles)
    assert "ne figurent pas tels quels" in changed


def test_english_text_quoting_the_french_words_with_a_gloss_is_checked_too():
    articles = article_texts()
    faithful = 'The article says a COO "peut superviser les directeurs exécutifs des opérations" (may oversee them).'
    assert misquotations(faithful, articles) == []
    strengthened = 'The article says a COO "supervise les directeurs exécutifs des opérations" (oversees them).'
    assert len(misquotations(strengthened, articles)) == 1
    assert misquotations('An "operations manager" is a plain English phrase.', articles) == []  # no gloss: not a quotation


@pytest.mark.django_db
def test_the_admin_refuses_a_misquotation_in_any_field_of_either_language_and_keeps_what_was_typed(client, editor):
    role = RoleFactory()
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{role.pk}/change/"
    step = {
        "steps-TOTAL_FORMS": 1,
        "steps-0-position": 1,
        "steps-0-kind": "onboarding",
        "steps-0-area": "facilities",
        "steps-0-sector": "both",
        "steps-0-min_months": 1,
        "steps-0-max_months": 6,
        "steps-0-min_scale": 1,
        "steps-0-max_scale": 4,
        "steps-0-stage": "growth",
        "steps-0-title_fr": "Apprendre les plannings",
    }
    refused = client.post(
        url,
        role_change_form(
            role,
            evidence_fr=f"Selon l’article, {CHANGED_WORD}.",
            evidence_en='The article says a COO "supervise les directeurs exécutifs des opérations" (oversees them).',
            **step,
            **{"steps-0-description_fr": DROPPED_HEDGE},
        ),
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "ne figurent pas tels quels dans les articles" in page and "contiennent « probablement »" in page
    assert "« supervise les directeurs exécutifs des opérations » : ces mots ne figurent pas" in page  # the English too
    assert "certainement quelques semaines" in page  # what the editor typed is kept
    assert not ExperienceStep.objects.filter(role=role).exists()

    accepted = client.post(
        url,
        role_change_form(
            role,
            evidence_fr=f"Selon l’article, {FAITHFUL}.",
            evidence_en='The article: "peut superviser les directeurs exécutifs des opérations" (may oversee them).',
            **step,
            **{"steps-0-description_fr": FAITHFUL},
        ),
    )
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    assert FAITHFUL in Role.objects.get(pk=role.pk).evidence_fr
