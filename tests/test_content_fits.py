"""The content as `make run` loads it fits the columns it is stored in: PostgreSQL refuses a text longer than its
column where SQLite keeps it, and the admin refuses to save it again."""

import pytest
from django.apps import apps
from django.db import models

from tests.conftest import CONTENT_APPS

pytestmark = pytest.mark.django_db


def test_every_loaded_text_fits_its_column(content):
    too_long = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            limited = [field for field in model._meta.concrete_fields if isinstance(field, models.CharField) and field.max_length]
            for row in model._default_manager.values("pk", *(field.attname for field in limited)):
                too_long += [
                    f"{model.__name__} {row['pk']} {field.attname}: {len(row[field.attname])} > {field.max_length}"
                    for field in limited
                    if row[field.attname] and len(row[field.attname]) > field.max_length
                ]
    assert too_long == []
