"""compute_neighbours on a small imported set: the nearest occupations with the skills shared and to gain."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerpath.cache import content_version
from roles.models import Neighbour, NeighbourCalibration, Role, Skill, Viability
from tests.esco import files as esco_files
from tests.esco.command import import_esco
from tests.factories import RoleFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

ESCO = esco_files.ESCO


def skill(letter: str) -> esco_files.EscoSkill:
    return esco_files.EscoSkill(
        f"{ESCO}skill/00000000-0000-4000-8000-00000000000{letter}",
        False,
        {"fr": f"compétence {letter}", "en": f"skill {letter}"},
        {"fr": "", "en": ""},
    )


def occupation(number: int) -> esco_files.Occupation:
    return esco_files.Occupation(
        f"{ESCO}occupation/00000000-0000-4000-8000-0000000000b{number}",
        "1321",
        {"fr": f"métier {number}", "en": f"occupation {number}"},
        {},
        {"fr": f"Le métier {number}.", "en": f"Occupation {number}."},
    )


@pytest.fixture
def imported(tmp_path):
    """Four occupations: 1 needs a, b (c optional); 2 needs a, b, c; 3 needs d; 4 needs a, d."""
    a, b, c, d = (skill(letter) for letter in "abcd")
    one, two, three, four = (occupation(n) for n in (1, 2, 3, 4))
    relations = [(one, a, True), (one, b, True), (one, c, False), (two, a, True), (two, b, True), (two, c, True)]
    relations += [(three, d, True), (four, a, True), (four, d, True)]
    data = esco_files.EscoSet(
        isco={code: {"fr": f"Groupe {code}", "en": f"Group {code}"} for code in ("1", "13", "132", "1321")},
        occupations=[one, two, three, four],
        skills=[a, b, c, d],
        relations=[esco_files.Relation(o, s, essential) for o, s, essential in relations],
    )
    report = import_esco(esco_files.write(tmp_path / "esco", data))
    return report, tmp_path / "esco"


def role(number: int) -> Role:
    return Role.objects.get(title_en=f"occupation {number}")


def pks(*letters: str) -> list[int]:
    return sorted(Skill.objects.get(name_en=f"skill {letter}").pk for letter in letters)


def compute(*args: str) -> str:
    out = StringIO()
    call_command("compute_neighbours", "--no-progress", *args, stdout=out)
    return out.getvalue()


def neighbours_of(number: int) -> list[tuple]:
    return [
        (n.destination.title_en, round(n.similarity, 4), n.shared_essential, n.to_gain)
        for n in Neighbour.objects.of(role(number))
    ]


def test_the_command_keeps_the_nearest_with_the_skills_shared_and_to_gain(imported):
    printed = compute("--count", "2")

    # 1 → 2: two of 2's three essential skills among 1's essential ones, all three among its skills (c optional);
    # no hierarchy groups here, so the two overlaps count half each: (2/3 + 1) / 2.
    assert neighbours_of(1) == [
        ("occupation 2", round((2 / 3 + 1) / 2, 4), pks("a", "b", "c"), []),
        ("occupation 4", 0.5, pks("a"), pks("d")),
    ]
    # 3 shares nothing with 1 or 2: only one neighbour.
    assert neighbours_of(3) == [("occupation 4", 0.5, pks("d"), pks("a"))]
    assert [n.rank for n in Neighbour.objects.filter(origin=role(2))] == [1, 2]
    assert "4 occupations compared, 7 neighbours written." in printed
    calibration = NeighbourCalibration.objects.latest()
    assert f"viable: similarity above {calibration.viable:.2f}" in printed
    assert calibration.occupations == 4 and calibration.unit_groups == 1
    assert calibration.source.file_name == "esco-v1.2"
    for neighbour in Neighbour.objects.all():
        expected = (
            Viability.HIGHLY_VIABLE
            if neighbour.similarity > calibration.highly_viable
            else Viability.VIABLE
            if neighbour.similarity > calibration.viable
            else Viability.LESS_VIABLE
        )
        assert neighbour.viability == expected


def test_computing_again_gives_the_same_neighbours_and_refreshes_cached_pages(imported):
    compute()
    first = list(Neighbour.objects.values_list("origin", "destination", "rank", "similarity", "shared_essential", "to_gain"))
    version = content_version()
    compute()
    again = list(Neighbour.objects.values_list("origin", "destination", "rank", "similarity", "shared_essential", "to_gain"))
    assert again == first
    assert content_version() != version
    assert NeighbourCalibration.objects.count() == 3  # the import's, then one a run


def test_the_import_recomputes_the_neighbours_only_when_it_wrote_something(imported):
    report, folder = imported
    assert "neighbours: 8 recomputed" in report
    assert neighbours_of(1)[0][0] == "occupation 2"
    import_esco(folder)
    assert NeighbourCalibration.objects.count() == 1


def test_the_team_roles_are_not_compared(imported):
    RoleFactory(title="Directeur des opérations")
    compute()
    assert NeighbourCalibration.objects.latest().occupations == 4
    assert not Neighbour.objects.filter(origin__origin="written").exists()


def test_an_occupations_neighbours_and_their_skills_take_two_queries(imported):
    compute()
    origin = role(1)
    with CaptureQueriesContext(connection) as queries:
        neighbours = Neighbour.objects.of(origin)
        named = neighbours.skills()
        titles = [n.destination.title_en for n in neighbours]
    assert len(queries) == 2
    assert titles == ["occupation 2", "occupation 4", "occupation 3"][: len(titles)]
    assert {named[pk].name_en for pk in neighbours[1].to_gain} == {"skill d"}


def test_editors_read_the_calibration_but_cannot_change_it(client, editor, imported):
    compute()
    sign_in_verified(client, editor)
    calibration = NeighbourCalibration.objects.latest()
    listing = client.get("/admin/roles/neighbourcalibration/")
    assert listing.status_code == 200
    assert f"{calibration.viable}".replace(".", ",") in listing.content.decode()  # French decimals
    assert client.get("/admin/roles/neighbourcalibration/add/").status_code == 403
    page = client.get(f"/admin/roles/neighbourcalibration/{calibration.pk}/change/")
    assert page.status_code == 200 and b'name="viable"' not in page.content
