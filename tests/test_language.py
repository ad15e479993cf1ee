"""Language slips a reader notices: Markdown shown as typed, French typography in English."""

import re
from dataclasses import replace

import pytest
from django.apps import apps
from django.db import models

from pathways.assessments import Answers
from pathways.forms import answers_query
from pathways.models import Assessment
from roles.models import Role
from tests.assessments import submit
from tests.html import page_of

pytestmark = pytest.mark.django_db

COO, EDO = "chief-operating-officer", "executive-director-of-operations"

# *emphasis*, **strong**, _emphasis_, `code` and [links](…) as Markdown writes them; a lone
# asterisk inside a word (O*NET) is not emphasis.
MARKDOWN = re.compile(r"(?<![\w*])\*{1,2}(?=\S)[^*\n]+(?<=\S)\*{1,2}(?![\w*])|(?<!\w)_(?=\S)[^_\n]+(?<=\S)_(?!\w)|`|\]\(")
# French puts a space before : ; ? ! and % ("Taille : 60 %"); English does not.
FRENCH_SPACING = re.compile(r"[ \u00a0\u202f][:;?!]|\d[ \u00a0\u202f]%")


def content_texts():
    """(model, field, value) of every text the content loader wrote, in both languages."""
    for config in (apps.get_app_config("roles"), apps.get_app_config("pathways")):
        for model in config.get_models():
            fields = [
                field.name
                for field in model._meta.get_fields()
                if isinstance(field, models.CharField | models.TextField) and not isinstance(field, models.SlugField)
            ]
            for row in model.objects.values(*fields):
                for field, value in row.items():
                    if value:
                        yield model.__name__, field, value


def test_no_content_text_is_written_in_markdown(content):
    texts = list(content_texts())
    assert any(field == "description_en" for _model, field, _value in texts)  # the content was read
    found = [(model, field, match.group()) for model, field, value in texts if (match := MARKDOWN.search(value))]
    assert found == []


def visible_text(response) -> str:
    """The text of the page's body as it reads on screen, with no space added between elements."""
    body = page_of(response).body
    # Quotations of the French sources stay in French, with its typography, on English pages too.
    for hidden in body.select("script, style, template, [lang=fr]"):
        hidden.decompose()
    return re.sub(r"\s+", " ", body.get_text())


def what_if_of(location: str) -> str:
    """The what-if of a saved result, with every skill one level higher."""
    assessment = Assessment.objects.select_related("current_role").get(pk=location.rstrip("/").split("/")[-1])
    answers = Answers.of(assessment, Role.objects.with_skills().get(pk=assessment.target_role_id))
    higher = replace(answers, ratings={skill: min(5, level + 1) for skill, level in answers.ratings.items()})
    return f"{location}what-if/?{answers_query(higher)}"


def english_pages(client) -> dict[str, str]:
    result = submit(client, target=COO, lang="/en")
    assert result.status_code == 303
    paths = [
        "/en/",
        "/en/roles/",
        f"/en/roles/{COO}/",
        f"/en/roles/{EDO}/",
        f"/en/compare/?roles={COO}&roles={EDO}&roles=operations-manager&roles=junior-operations-officer",
        "/en/assessment/",
        f"/en/assessment/?target={COO}",
        result["Location"],
        what_if_of(result["Location"]),
    ]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = visible_text(response)
    return pages


def test_english_pages_use_english_punctuation(client, content):
    found = {
        path: [text[max(0, m.start() - 30) : m.end() + 10] for m in FRENCH_SPACING.finditer(text)]
        for path, text in english_pages(client).items()
    }
    assert {path: slips for path, slips in found.items() if slips} == {}
