import pytest
from django.test import Client

from plans.models import Counsellor
from tests.factories import COUNSELLOR_PASSWORD, counsellors_group
from tests.two_factor import sign_in_through_pages


@pytest.fixture
def make_counsellor_account(django_user_model):
    """A counsellor's account (in the counsellors' group unless told otherwise) with its code."""

    def make(username: str, *, in_group: bool = True) -> Counsellor:
        user = django_user_model.objects.create_user(username, password=COUNSELLOR_PASSWORD, first_name=username.title())
        if in_group:
            user.groups.add(counsellors_group())
        return Counsellor.objects.create(user=user, code=Counsellor.new_code())

    return make


@pytest.fixture
def make_counsellor(make_counsellor_account):
    """A counsellor's account, and a browser signed in as them."""

    def make(username: str, *, in_group: bool = True) -> tuple[Counsellor, Client]:
        counsellor = make_counsellor_account(username, in_group=in_group)
        browser = Client()
        assert sign_in_through_pages(browser, "/counsellor/sign-in/", counsellor.user, COUNSELLOR_PASSWORD).status_code == 302
        return counsellor, browser

    return make
