"""The roles' other names, as the articles give them: each in the words of the passage it links, shown as
"Also called" and found by search; and the traits, each citing the article that names it."""

import re

import pytest

from careerpath.labels import format_duration
from pathways.catalogue import read_catalogue
from roles.models import OtherName, Role, Trait, normalise_quoted
from tests.html import page_of, text_of, texts

pytestmark = pytest.mark.django_db

COO, EDO = "chief-operating-officer", "executive-director-of-operations"


def found(client, path: str, q: str) -> list[str]:
    page = client.get(path, {"q": q}).content.decode()
    return re.findall(r'<h2 class="h5 card-title"><a href="(?:/en)?/roles/([\w-]+)/"', page)


def test_every_other_name_is_in_the_words_of_the_passage_it_links(content):
    names = list(OtherName.objects.select_related("passage", "role"))
    assert {name.role.slug for name in names} >= {COO, EDO}
    for name in names:
        assert normalise_quoted(name.name_fr).casefold() in normalise_quoted(name.passage.quotation).casefold(), name


@pytest.mark.parametrize(
    "typed",
    [
        "dirigeant des opérations",
        "chef des opérations",
        "Chef des operations",
        "chef de l’exploitation",
        "chef de l'exploitation",
        "Chief Operation Officer",
        "directeur des opérations",
    ],
)
def test_search_finds_the_coo_by_each_of_its_french_names_in_the_articles(client, content, typed):
    listed = found(client, "/roles/", typed)
    assert COO in listed[:2], listed
    assert COO in found(client, "/en/roles/", typed)[:2]


def test_a_name_only_a_description_mentions_ranks_after_the_roles_that_bear_it(client, content):
    """« chef de l’exploitation » is a name of the COO and of the executive director (who may be the COO):
    both come before a role whose description merely mentions it."""
    listed = found(client, "/roles/", "chef de l'exploitation")
    assert set(listed[:2]) == {COO, EDO}


def test_the_profile_shows_each_other_name_with_the_passage_it_rests_on(client, content):
    page = client.get(f"/roles/{COO}/").content.decode()
    also = page[page.index("Aussi appelé") :]
    also = also[: also.index("</ul>")]
    for name in OtherName.objects.filter(role__slug=COO).exclude(name_fr="directeur des opérations").select_related("passage"):
        assert f'id="{name.fragment}"' in also
        assert name.name_fr[:1].upper() + name.name_fr[1:] in also
        assert name.passage.quotation.replace("’", "&#x27;") in also or name.passage.quotation in also
    english = client.get(f"/en/roles/{COO}/").content.decode()
    assert "Also called" in english and "Dirigeant des opérations (head of operations)" in english


def test_the_name_an_article_gives_as_the_title_is_not_repeated_under_it_but_given_in_english(client, content):
    """« Souvent appelé directeur des opérations, le COO… »: the French page's title, the English page's other name."""
    french = page_of(client.get(f"/roles/{COO}/"))
    assert text_of(french.select_one("h1")).startswith("Directeur des opérations")
    assert "Directeur des opérations" not in texts(french, ".alternative-titles li")
    english = page_of(client.get(f"/en/roles/{COO}/"))
    assert any(name.startswith("Director of operations") for name in texts(english, ".alternative-titles li"))


def test_the_api_gives_the_other_names_among_the_alternative_titles(client, content):
    titles = client.get(f"/api/v1/roles/{COO}").json()["alternative_titles"]
    assert {"dirigeant des opérations", "chef des opérations", "chef de l’exploitation"} <= set(titles)


def test_each_trait_cites_its_passage_and_says_when_it_is_borrowed_from_an_article_about_another_role(client, content):
    assert not Trait.objects.filter(passage__isnull=True).exists()
    note = "pour un autre poste : le prêter à celui-ci est une déduction de l’équipe"
    coo = client.get(f"/roles/{COO}/").content.decode()
    assert "Un bon COO doit être rigoureux" in coo
    assert note not in coo  # the COO's traits come from the COO's own article
    coo_article = Role.objects.get(slug=COO).traits.first().passage.source
    edo = Role.objects.get(slug=EDO)
    from_coo_article = edo.traits.filter(passage__source=coo_article).count()
    assert 0 < from_coo_article < edo.traits.count()  # insight comes from the executive director's own article
    assert client.get(f"/roles/{EDO}/").content.decode().count(note) == from_coo_article
    supervisor = Role.objects.get(slug="operations-supervisor")  # a stepping-stone role: no article is about it
    assert client.get(supervisor.get_absolute_url()).content.decode().count(note) == supervisor.traits.count()


def test_the_reporting_line_says_where_it_holds_with_its_passage(client, content):
    """The executive director reports to the COO; the article makes the scale the main factor in that,
    and the person may be the COO: the profile and the comparison say so beside "Reports to"."""
    page = client.get(f"/roles/{EDO}/").content.decode()
    line = page[page.index("Rend compte à") :]
    line = line[: line.index("</dd>")]
    assert "« peut être appelée chef de l’exploitation (COO) »" in line
    assert line.count("Le principal déterminant pour savoir si ce poste") == 2  # quoted, and the passage it rests on
    compared = client.get("/compare/", {"roles": [COO, EDO]}).content.decode()
    assert "« peut être appelée chef de l’exploitation (COO) »" in compared


def test_non_profits_are_a_context_of_their_own(client, content):
    page = client.get(f"/roles/{EDO}/").content.decode()
    assert "<dt" in page and "Organisme à but non lucratif</dt>" in page
    assert "Non-profit</dt>" in client.get(f"/en/roles/{EDO}/").content.decode()


def test_the_steps_of_one_area_are_shown_added_up_as_the_guidance_adds_them(client, content):
    coo = Role.objects.get(slug=COO)
    counted = read_catalogue().roles[coo.pk].experience_needs()["operations"]
    usual = [step for step in coo.steps.all() if step.area == "operations" and not step.is_alternative]
    assert counted == sum(step.min_months for step in usual) and len(usual) > 1
    shown = format_duration(counted, sum(step.max_months for step in usual))
    page = client.get(f"/roles/{COO}/").content.decode()
    assert f"gestion des opérations, {shown} en {len(usual)} étapes" in page
