"""Search: every word typed found whatever its accents, case or French form, acronyms as whole words, typos in
words no role holds forgiven, ranked title first; one card for a team role and the ESCO occupation it stands for.
Run on SQLite (FTS5) and on PostgreSQL (DATABASE_URL): the same expectations."""

import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roles.models import SEARCH_ALTERNATIVES, SEARCH_DESCRIPTIONS, SEARCH_TITLES, Role
from roles.search import fold
from tests.esco import real as esco_real
from tests.esco.command import import_esco
from tests.factories import RoleFactory

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
    # Then a role whose alternative title is what was typed (ESCO calls the deputy chief executive "directrice des
    # opérations", in the feminine only), then titles holding it, before what only a description mentions
    deputy = Role.objects.get(title_fr="directeur général adjoint").slug
    named = [deputy] if "directrice" in fold(typed) else []
    holding = {
        Role.objects.get(title_fr=title).slug
        for title in ("directeur des opérations de vol", "directeur des opérations portuaires")
    }
    assert found[1 : 1 + len(named)] == named
    assert set(found[1 + len(named) : 3 + len(named)]) == holding
    assert found.index(deputy) > 2 or named


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


def test_a_team_role_and_the_esco_occupation_it_stands_for_are_one_card_with_the_esco_code(client, content, real_rows):
    import_esco(real_rows)
    occupation = Role.objects.get(esco_uri=esco_real.OPERATIONS)  # the operations manager's
    found = listed_in_order(client, "/roles/", "directeur des operations")
    assert found[:2] == ["chief-operating-officer", "operations-manager"]
    assert occupation.slug not in found
    found = listed_in_order(client, "/en/roles/", "Operations Manager")
    assert found[0] == "operations-manager"
    assert occupation.slug not in found
    assert occupation.slug not in listed_in_order(client, "/roles/", "")
    card = card_of(client, "/roles/", "operations-manager")
    assert f"<dd>{occupation.esco_code}</dd>" in card
    # The occupation keeps its own profile, and the search that finds jobs (the assessment's) still finds it
    assert client.get(occupation.get_absolute_url()).status_code == 200
    assert occupation in Role.objects.published().search("directeur des operations")


def card_of(client, path: str, slug: str) -> str:
    page = client.get(path, {"q": slug.replace("-", " ")}).content.decode()
    return re.search(rf'<article class="card[^"]*">(?:(?!</article>).)*/roles/{slug}/(?:(?!</article>).)*</article>', page, re.S)[
        0
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "operations director",
        "director of operations",
        "Director of Operations",
        "directeur des opérations",
        "Directrice des operations",
        "chef des opérations",
        "COO",
        "Chief Operating Officer",
    ],
)
def test_the_chief_operating_officers_names_find_it_first(client, content, real_rows, typed):
    import_esco(real_rows)
    assert listed_in_order(client, "/roles/", typed)[0] == "chief-operating-officer"
    assert listed_in_order(client, "/en/roles/", typed)[0] == "chief-operating-officer"


def test_director_of_operations_is_the_coos_name_the_executive_directors_title_holds_it(client, content, real_rows):
    # « Souvent appelé directeur des opérations, le COO… » (in English "director of operations", one of its other
    # names): the name whole, in either word order, before a title that holds its words among others.
    import_esco(real_rows)
    for typed in ("director of operations", "operations director"):
        found = listed_in_order(client, "/en/roles/", typed)
        assert found[0] == "chief-operating-officer"
        assert "executive-director-of-operations" in found[:4]
    assert listed_in_order(client, "/en/roles/", "executive director of operations")[0] == "executive-director-of-operations"


def texts_of(role: Role) -> str:
    names = [text for name in role.other_names.all() for text in (name.name_fr, name.name_en)]
    fields = [getattr(role, field) or "" for field in (*SEARCH_TITLES, *SEARCH_ALTERNATIVES, *SEARCH_DESCRIPTIONS)]
    return fold(" ".join(fields + names))


def test_an_acronym_finds_whole_words_only(client, content, real_rows):
    import_esco(real_rows)
    found = Role.objects.filter(slug__in=listed_in_order(client, "/en/roles/", "COO"))
    assert found.filter(slug="chief-operating-officer").exists()
    for role in found:  # not cook, cooper, coordinator
        assert re.search(r"\bcoo\b", texts_of(role)), role.slug


ACRONYMS = ["COO", "CEO", "CFO", "DRH", "DAF", "RSE", "CTO", "DSI", "PDG"]
UNSTEMMED = "bdfhkmnpqvwz"  # letters no stemmer takes off a word's end
RANKING = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@RANKING
@given(acronym=st.sampled_from(ACRONYMS), tail=st.text(UNSTEMMED, min_size=1, max_size=4))
def test_an_acronym_is_a_word_of_its_own(acronym, tail):
    with transaction.atomic():
        holder = RoleFactory(acronym=acronym)
        longer = RoleFactory(title_fr=f"{acronym.lower()}{tail} principal", description_fr=f"Le {acronym}{tail}.")
        found = list(Role.objects.search(acronym))
        assert holder in found
        assert longer not in found
        transaction.set_rollback(True)


@RANKING
@given(word=st.text(UNSTEMMED, min_size=4, max_size=9).map(lambda letters: f"za{letters}"))
def test_a_title_ranks_before_an_alternative_title_before_a_description(word):
    with transaction.atomic():
        # Their list order (level, then title) is the reverse of the ranking's.
        described = RoleFactory(title_fr="Aaa", level=Role.Level.EXECUTIVE, description_fr=f"Il parle de {word} chaque jour.")
        alternative = RoleFactory(title_fr="Bbb", level=Role.Level.EXECUTIVE, alternative_titles_fr=f"{word} principal")
        titled = RoleFactory(title_fr=f"Zzz {word}", level=Role.Level.MANAGER)
        assert list(Role.objects.search(word)) == [titled, alternative, described]
        transaction.set_rollback(True)


@RANKING
@given(
    words=st.lists(
        st.text(UNSTEMMED, min_size=4, max_size=8).map(lambda letters: f"za{letters}"), min_size=2, max_size=3, unique=True
    )
)
def test_a_name_typed_whole_in_any_word_order_ranks_before_a_title_holding_its_words(words):
    with transaction.atomic():
        # Their list order (level, then title) is the reverse of the ranking's.
        holding = RoleFactory(title_en=f"Executive {' of '.join(words)}", level=Role.Level.EXECUTIVE)
        alternative = RoleFactory(title_en="Bbb", level=Role.Level.MANAGER, alternative_titles_en=" of ".join(words))
        titled = RoleFactory(title_en="Zzz", level=Role.Level.ENTRY, title_feminine=" ".join(words))
        for typed in (" of ".join(words), " ".join(reversed(words)), " the ".join(reversed(words)).upper()):
            assert list(Role.objects.search(typed)) == [titled, alternative, holding]
        transaction.set_rollback(True)


def test_a_typo_in_a_word_no_role_holds_finds_the_word_a_title_holds(client, content):
    # "operatons" is in no text: read as "operations"; "chef" is, and is kept as typed.
    assert "chief-operating-officer" in listed_in_order(client, "/roles/", "chef des operatons")
    assert listed_in_order(client, "/roles/", "chef des operatons") == listed_in_order(client, "/roles/", "Chef des opérationss")


def test_the_search_follows_what_editors_change(client, content, real_rows):
    import_esco(real_rows)
    coo = Role.objects.get(slug="chief-operating-officer")
    name = coo.other_names.get(name_fr="chef des opérations")
    name.name_fr = "pilote des flux"
    name.save()
    assert listed_in_order(client, "/roles/", "pilote des flux") == ["chief-operating-officer"]
    name.delete()
    assert listed_in_order(client, "/roles/", "pilote des flux") == []
    coo.title_fr = "Directeur de la marche"
    coo.save()
    assert listed_in_order(client, "/roles/", "directeur de la marche")[0] == "chief-operating-officer"
    # The ESCO occupation a team role stands for: its new alternative title finds the team role
    occupation = Role.objects.get(esco_uri=esco_real.OPERATIONS)
    occupation.alternative_titles_en += "\nflow wrangler"
    occupation.save()
    assert listed_in_order(client, "/en/roles/", "flow wrangler") == ["operations-manager"]
    Role.objects.get(slug="operations-manager").delete()
    assert listed_in_order(client, "/en/roles/", "flow wrangler") == [occupation.slug]


def test_the_apis_search_keeps_one_order_whatever_the_language(client, content, real_rows):
    import_esco(real_rows)

    def slugs(language):
        return [role["slug"] for role in client.get(f"/api/v1/roles?q=directeur&page_size=100&lang={language}").json()["items"]]

    assert slugs("fr") == slugs("en")
    assert len(slugs("fr")) > 3
