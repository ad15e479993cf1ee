import pytest
from django.contrib.auth.models import Group

from accounts.kinds import COUNSELLOR_GROUP

STAFF_PASSWORD = "a-long-editor-password"  # the `editor` fixture's
COUNSELLOR_PASSWORD = "a-long-counsellor-password"


@pytest.fixture
def counsellor(db, django_user_model):
    user = django_user_model.objects.create_user("claire", password=COUNSELLOR_PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=COUNSELLOR_GROUP)[0])
    return user


@pytest.fixture
def bystander(db, django_user_model):
    """An account of neither kind: no sign-in page admits it."""
    return django_user_model.objects.create_user("bystander", password="a-long-bystander-password")
