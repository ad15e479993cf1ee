import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pathways.models import Assessment
from plans.models import Plan, Share, StepNote
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


def aged(assessment: Assessment, days: int) -> Assessment:
    Assessment.objects.filter(pk=assessment.pk).update(created_at=timezone.now() - timedelta(days=days))
    return assessment


def make_version(revises: Assessment, age_days: int) -> Assessment:
    version = Assessment.objects.create(target_role=revises.target_role, situation="student", consent=True, revises=revises)
    return aged(version, age_days)


def make_chain(*ages: int) -> list[Assessment]:
    """A result and its what-if versions, each saved from the one before, `ages` days ago."""
    chain = [make_assessment(ages[0])]
    for age in ages[1:]:
        chain.append(make_version(chain[-1], age))
    return chain


def plan_on(assessment: Assessment, moved_days_ago: int) -> Plan:
    plan = Plan.objects.create(assessment=assessment, route="route-best")
    Share.objects.create(plan=plan, expires_at=timezone.now() + timedelta(days=30))
    StepNote.objects.create(plan=plan, step=1, text="appeler Marie")
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now() - timedelta(days=moved_days_ago))
    return plan


def still_there(chain) -> list[bool]:
    return [Assessment.objects.filter(pk=version.pk).exists() for version in chain]


def test_an_old_chain_goes_whole_with_its_plans_and_everything_they_hold(content):
    old = make_chain(400, 300, 200)
    plan_on(old[1], moved_days_ago=100)
    sideways = make_version(old[0], 150)
    call_command("purge_assessments", "--older-than", "30", stdout=io.StringIO())
    assert still_there([*old, sideways]) == [False] * 4
    assert not Plan.objects.exists() and not Share.objects.exists() and not StepNote.objects.exists()


def test_a_recent_version_keeps_its_whole_chain_each_way(content):
    chain = make_chain(400, 300, 10, 200)  # the third saved lately; the fourth revises it
    sideways = make_version(chain[0], 150)
    lone = make_assessment(400)
    out = io.StringIO()
    call_command("purge_assessments", "--older-than", "30", stdout=out)
    assert still_there([*chain, sideways]) == [True] * 5
    assert still_there([lone]) == [False]
    assert "Deleted 1 assessment" in out.getvalue()


def test_a_plan_worked_on_lately_keeps_its_whole_chain(content):
    worked, idle = make_chain(400, 300, 200), make_chain(400, 300)
    plan_on(worked[2], moved_days_ago=5)
    plan_on(idle[0], moved_days_ago=100)
    call_command("purge_assessments", "--older-than", "30", stdout=io.StringIO())
    assert still_there(worked) == [True] * 3
    assert still_there(idle) == [False] * 2
    assert list(Plan.objects.values_list("pk", flat=True)) == [worked[2].pk]


def test_an_old_chain_made_a_cycle_by_hand_is_purged_too(content):
    first, second = make_chain(400, 300)
    Assessment.objects.filter(pk=first.pk).update(revises=second)
    kept = make_chain(400, 10)
    Assessment.objects.filter(pk=kept[0].pk).update(revises=kept[1])
    call_command("purge_assessments", "--older-than", "30", stdout=io.StringIO())
    assert still_there([first, second, *kept]) == [False, False, True, True]
