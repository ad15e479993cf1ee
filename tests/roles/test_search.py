"""Search: every word typed found whatever its accents, case or French form, ranked title first."""

import re

import pytest

from roles.models import Role
from tests.esco import real as esco_real
from tests.esco.command import import_esco

pytestmark = pytest.mark.django_db


def listed_in_order(client, path: str, q: str) -> list[str]:
    page = client.get(path, {"q": q}).content.decode()
    return re.findall(r'<h2 class="h5 card-title"><a href="(?:/en)?/roles/([\w-]+)/"', page)


@pytest.mark.parametrize(
    "typed",
    ["directeur des opérations", "directrice des operations", "DIRECTEUR DES OPERATIONS", "  Directrice   des opérations "],
)
def test_search_puts_the_title_typed_first_whatever_the_accents_case_or_french_form(client, real_rows, typed):
    import_esco(real_rows)
    operations = Role.objects.get(esco_uri=esco_real.OPERATIONS)

    found = listed_in_order(client, "/roles/", typed)

    assert found[0] == operations.slug
    # Then titles starting with it, then titles with every word, before what only a description mentions
    starting = {
        Role.objects.get(title_fr=title).slug
        for title in ("directeur des opérations de vol", "directeur des opérations portuaires")
    }
    assert set(found[1:3]) == starting
    assert found.index(Role.objects.get(title_fr="directeur général adjoint").slug) > 2


def test_search_ranks_a_title_before_an_alternative_title_before_a_description(client, real_rows):
    import_esco(real_rows)
    slug = {role.title_en: role.slug for role in Role.objects.all()}
    # "head chef" is a title; "executive chef" one of its alternative titles; "cooking" is in its description only.
    assert listed_in_order(client, "/en/roles/", "Head Chef")[0] == slug["head chef"]
    assert listed_in_order(client, "/en/roles/", "executive chef")[0] == slug["head chef"]
    assert slug["head chef"] in listed_in_order(client, "/en/roles/", "cooking")
    # The operations manager's French alternative title, typed without its accent
    found = listed_in_order(client, "/roles/", "directeur de l'exploitation")
    assert found[0] == slug["operations manager"]


def test_the_teams_role_and_escos_equal_titles_come_first_together(client, content, real_rows):
    import_esco(real_rows)
    found = listed_in_order(client, "/roles/", "directeur des operations")
    assert found[:2] == ["chief-operating-officer", Role.objects.get(esco_uri=esco_real.OPERATIONS).slug]
    found = listed_in_order(client, "/en/roles/", "Operations Manager")
    assert set(found[:2]) == {"operations-manager", Role.objects.get(esco_uri=esco_real.OPERATIONS).slug}
