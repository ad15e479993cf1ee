"""A person's answers are saved whole, their skill ratings with the rest: checked, read back as given, still read after
a skill they rated is deleted; the migration that moved the ratings there loses none either way."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_save

from pathways.assessments import Answers, save_assessment
from pathways.models import Assessment
from roles.models import Role, RoleSkill, Skill
from tests.assessments import skill_fields, submit


def test_the_ratings_sent_are_saved_with_the_answers_as_sent(client, content):
    fields = skill_fields(client)
    levels = {name: index % 6 for index, name in enumerate(fields)}
    submit(client, **levels)
    saved = Assessment.objects.get()
    assert saved.skill_levels() == {int(name.removeprefix("skill_")): level for name, level in levels.items()}
    answers = Answers.of(saved, Role.objects.with_skills().get(pk=saved.target_role_id))
    assert answers.ratings == saved.skill_levels()


@pytest.mark.parametrize(
    "ratings",
    [[], {"team": 2}, {"-3": 2}, {"²": 2}, {"3": 6}, {"3": -1}, {"3": "2"}, {"3": True}, {"3": 2.0}, {"3": None}],
    ids=repr,
)
def test_ratings_that_are_not_a_level_from_0_to_5_per_skill_id_are_refused(content, ratings):
    assessment = Assessment.objects.first() or Assessment(target_role=Role.objects.first(), situation="student", consent=True)
    assessment.ratings = ratings
    with pytest.raises(ValidationError) as refused:
        assessment.full_clean(exclude={"target_role", "current_role", "revises"})
    assert "ratings" in refused.value.message_dict


def test_a_result_whose_rated_skill_was_deleted_since_still_opens_with_its_what_if_and_plan(client, content):
    location = submit(client)["Location"]
    saved = Assessment.objects.get()
    deleted = min(saved.skill_levels())
    assert client.post(f"{location}plan/", {"route": "route-best"}).status_code == 303
    RoleSkill.objects.filter(skill=deleted).delete()  # no role requires it any more (they protect it), then it goes
    Skill.objects.filter(pk=deleted).delete()

    saved.refresh_from_db()
    assert str(deleted) in saved.ratings  # the person's answers as they gave them
    for page in ("", "what-if/", "plan/"):
        assert client.get(f"{location}{page}").status_code == 200, page


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_every_rating_into_the_answers_and_back(client, content):
    submit(client)
    submit(client, **dict.fromkeys(skill_fields(client)[:3], 5))
    unrated = Assessment.objects.create(target_role=Role.objects.first(), situation="student", consent=True)
    given = dict(Assessment.objects.values_list("pk", "ratings"))
    assert given[unrated.pk] == {} and all(given[pk] for pk in given if pk != unrated.pk)

    call_command("migrate", "pathways", "0009", verbosity=0)
    state = MigrationExecutor(connection).loader.project_state(("pathways", "0009_pinned_result_packed"))
    SkillRating = state.apps.get_model("pathways", "SkillRating")
    rows = {}
    for assessment_id, skill_id, level in SkillRating.objects.values_list("assessment_id", "skill_id", "level"):
        rows.setdefault(assessment_id, {})[str(skill_id)] = level
    assert rows == {pk: ratings for pk, ratings in given.items() if ratings}  # one row per rating

    call_command("migrate", "pathways", verbosity=0)
    assert dict(Assessment.objects.values_list("pk", "ratings")) == given


def test_a_version_is_saved_with_the_count_of_the_revision_of_the_one_it_revises_or_not_at_all(client, content):
    submit(client)
    saved = Assessment.objects.get()
    answers = Answers.of(saved, Role.objects.with_skills().get(pk=saved.target_role_id))

    def database_gone(**_signal_kwargs):
        raise DatabaseError("the database went away after counting the revision")

    post_save.connect(database_gone, sender=Assessment, dispatch_uid="database_gone")
    try:
        with pytest.raises(DatabaseError):
            save_assessment(answers, language="fr", revises=saved)
    finally:
        post_save.disconnect(sender=Assessment, dispatch_uid="database_gone")
    assert list(Assessment.objects.values_list("pk", "revision")) == [(saved.pk, saved.revision)]

    version = save_assessment(answers, language="fr", revises=saved)
    assert Assessment.objects.get(pk=saved.pk).revision == saved.revision + 1 and version.revises == saved
