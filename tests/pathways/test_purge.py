import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pathways.models import Assessment
from roles.models import Role

pytestmark = pytest.mark.django_db


def make_assessment(age_days: int) -> Assessment:
    target = Role.objects.get(slug="chief-operating-officer")
    saved = Assessment.objects.create(target_role=target, situation="student", consent=True)
    Assessment.objects.filter(pk=saved.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    return saved


def test_purge_removes_only_old_assessments(content):
    old, recent = make_assessment(100), make_assessment(2)
    out = io.StringIO()
    call_command("purge_assessments", "--older-than", "30", stdout=out)
    assert list(Assessment.objects.all()) == [recent]
    assert not Assessment.objects.filter(pk=old.pk).exists()
    assert "Deleted 1 assessment" in out.getvalue()


def test_purge_refuses_a_negative_age(content):
    with pytest.raises(CommandError):
        call_command("purge_assessments", "--older-than", "-1")
