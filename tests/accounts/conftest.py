import pytest

from tests.factories import counsellors_group

STAFF_PASSWORD = "a-long-editor-password"  # the `editor` fixture's
COUNSELLOR_PASSWORD = "a-long-counsellor-password"


@pytest.fixture
def counsellor(db, django_user_model):
    user = django_user_model.objects.create_user("claire", password=COUNSELLOR_PASSWORD)
    user.groups.add(counsellors_group())
    return user


@pytest.fixture
def bystander(db, django_user_model):
    """An account of neither kind: no sign-in page admits it."""
    return django_user_model.objects.create_user("bystander", password="a-long-bystander-password")
