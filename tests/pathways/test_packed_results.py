"""A saved result is kept packed in the database, read back whole, and the migration that packed those saved
before it loses none."""

import json
import zlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careerpath.fields import Packed, pack, unpack
from pathways.models import Assessment
from pathways.presentation import unpin
from tests.assessments import submit


def stored_bytes(pk) -> bytes:
    with connection.cursor() as cursor:
        key = Assessment._meta.pk.get_db_prep_value(pk, connection)
        cursor.execute("SELECT pinned_result FROM pathways_assessment WHERE id = %s", [key])
        return bytes(cursor.fetchone()[0])


def test_a_saved_result_is_stored_packed_and_read_back_whole_in_each_language(client, content):
    submit(client)
    saved = Assessment.objects.get()
    stored = stored_bytes(saved.pk)
    as_json = json.dumps(saved.pinned_result, ensure_ascii=False).encode()
    assert json.loads(zlib.decompress(stored)) == saved.pinned_result  # plain zlib and JSON: readable without us
    assert len(stored) * 4 < len(as_json)
    titles = {language: unpin(saved.pinned_result, language).target.display_title for language in ("fr", "en")}
    assert titles["fr"].startswith(saved.target_role.title_fr) and titles["en"] == saved.target_role.title_en


@pytest.mark.parametrize("value", [{}, {"views": {"fr": {"title": "Directeur·rice — « ops »", "score": 61.5}}}, [1, None, True]])
def test_a_packed_value_is_the_value_given_whether_packed_before_or_not(value):
    assert unpack(pack(value)) == value
    field = Assessment._meta.get_field("pinned_result")
    assert field.get_prep_value(Packed(pack(value))) == pack(value)  # kept packed: stored as it is
    assert unpack(field.get_prep_value(value)) == value
    assert field.get_prep_value(None) is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_packs_each_saved_result_and_unpacking_it_back_loses_none(client, content):
    submit(client)
    submit(client, degree_level="master")
    pinned = dict(Assessment.objects.values_list("pk", "pinned_result"))
    Assessment.objects.filter(pk=min(pinned)).update(pinned_result=None)  # saved before results were kept
    pinned[min(pinned)] = None

    call_command("migrate", "pathways", "0008", verbosity=0)
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(("pathways", "0008_revision")).apps.get_model("pathways", "Assessment")
    assert dict(old.objects.values_list("pk", "pinned_result")) == pinned  # unpacked back into JSON
    assert old._meta.get_field("pinned_result").get_internal_type() == "JSONField"

    call_command("migrate", "pathways", verbosity=0)
    assert dict(Assessment.objects.values_list("pk", "pinned_result")) == pinned
    assert stored_bytes(max(pinned))[:1] == b"\x78"  # a zlib stream
