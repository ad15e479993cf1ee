"""The career map: every role the team placed, the moves between them, and the same around each profile."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pathways import career_map
from pathways.models import Circumstance, Transition
from roles.models import Origin, Role, Sector
from tests.factories import RoleFactory, build_role_with_skills
from tests.html import page_of, text_of, texts
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

MAP = "/roles/map/"
EDO = "executive-director-of-operations"


def on_the_map(client, path=MAP):
    """The roles each drawing links to, the durations on its arrows and the number of arrows."""
    page = page_of(client.get(path))
    drawings = {}
    for svg in page.select("svg.career-map"):
        drawings[svg["class"][1]] = {
            "links": [a["href"] for a in svg.select("a")],
            "durations": sorted(texts(svg, ".map-label text")),
            "arrows": len(svg.select("path.map-move")),
            "reserved": len(svg.select("path.map-move.is-reserved")),
        }
    return page, drawings


def curated_moves():
    return (
        Transition.objects.between_published()
        .filter(to_role__in=Role.objects.published().pickable())
        .exclude(from_role__in=Role.objects.filter(origin=Origin.IMPORTED))
    )


def test_the_map_holds_every_published_role_and_move(client, content):
    page, drawings = on_the_map(client)
    roles = Role.objects.published().pickable()
    expected_links = sorted(role.get_absolute_url() for role in roles)
    moves = curated_moves()
    assert set(drawings) == {"career-map-wide", "career-map-compact"}
    for drawing in drawings.values():
        assert sorted(drawing["links"]) == expected_links  # each role once, linked to its profile
        assert drawing["arrows"] == moves.count() == 14
        assert drawing["durations"] == sorted(move.duration_display() for move in moves)
        assert drawing["reserved"] == moves.exclude(circumstance="").count() == 2  # into the family business, out of a large one
    # The text after the map names the same roles and moves.
    listed = page.select_one(".map-list")
    assert sorted(a["href"] for a in listed.select(":scope > li > ul > li > a")) == expected_links
    assert "Études ou autre domaine" in text_of(listed)
    for href in expected_links:
        assert client.get(href).status_code == 200


def test_the_map_shows_levels_top_to_bottom_and_where_a_degree_is_asked(client, content):
    page, _drawings = on_the_map(client)
    wide = page.select_one("svg.career-map-wide")
    assert texts(wide, ".map-band-label") == ["Débutant", "Encadrement", "Direction", "Direction générale"]
    drawing = career_map.site_map("fr").wide
    tops = {node.place.key: node.y for node in drawing.nodes}
    assert (
        tops["studies"]
        < tops["junior-operations-officer"]
        < tops["operations-supervisor"]
        < tops[EDO]
        < tops["chief-operating-officer"]
    )
    coo = wide.select_one('a[href="/roles/chief-operating-officer/"]')
    assert texts(coo, ".map-badge-text") == ["bac+5"]
    family = wide.select_one('a[href="/roles/family-business-manager/"]')
    assert texts(family, ".map-badge-text") == []  # the experience route asks no degree
    customer = wide.select_one('a[href="/roles/customer-service-manager/"]')
    assert "Services" in texts(customer, ".map-badge-text")


def test_no_draft_nor_imported_role_and_no_move_touching_one_is_drawn(client, content):
    edo = Role.objects.get(slug=EDO)
    draft = RoleFactory(status=Role.Status.DRAFT, level=Role.Level.EXECUTIVE, title_fr="Poste en préparation")
    imported = RoleFactory(origin=Origin.IMPORTED, level=None, title_fr="métier importé")
    Transition.objects.create(from_role=edo, to_role=draft, min_months=12, max_months=24, rationale="—")
    Transition.objects.create(from_role=imported, to_role=edo, min_months=12, max_months=24, rationale="—")
    page, drawings = on_the_map(client)
    for drawing in drawings.values():
        assert draft.get_absolute_url() not in drawing["links"]
        assert imported.get_absolute_url() not in drawing["links"]
        assert drawing["arrows"] == 14
    assert "Poste en préparation" not in page.decode()
    assert "la recherche" in text_of(page.select_one("#other-occupations").parent)  # how imported ones are found


def test_the_imported_occupations_are_promised_only_once_imported(client, content):
    """A fresh install has no ESCO occupation: the map promises none that search could not find."""
    assert client.get(MAP).status_code == 200 and page_of(client.get(MAP)).select_one("#other-occupations") is None
    for _ in range(2):
        RoleFactory(origin=Origin.IMPORTED, level=None)
    RoleFactory(origin=Origin.IMPORTED, level=None, status=Role.Status.DRAFT)
    said = text_of(page_of(client.get(MAP)).select_one("#other-occupations").parent)
    assert "Les 2 métiers importés" in said and "la recherche" in said


def test_a_new_move_shows_on_the_map_at_once(client, content):
    assert client.get(MAP).status_code == 200  # kept in the page cache
    Transition.objects.create(
        from_role=Role.objects.get(slug="junior-operations-officer"),
        to_role=Role.objects.get(slug="facilities-manager"),
        min_months=36,
        max_months=48,
        rationale="Un chemin que l’éditeur vient d’ajouter.",
        circumstance=Circumstance.FAMILY_BUSINESS,
    )
    _page, drawings = on_the_map(client)
    for drawing in drawings.values():
        assert drawing["arrows"] == 15
        assert "3 à 4 ans" in drawing["durations"]
        assert drawing["reserved"] == 3
    assert "3 à 4 ans" in text_of(page_of(client.get("/")).select_one(".map-list"))


def test_an_editor_adds_a_move_in_the_admin_and_it_shows_on_the_map(client, content, editor):
    sign_in_verified(client, editor)
    form = {
        "from_role": Role.objects.get(slug="operations-supervisor").pk,
        "to_role": Role.objects.get(slug="chief-operating-officer").pk,
        "kind": "upward",
        "min_months": 100,
        "max_months": 140,
        "sector": "both",
        "min_scale": 1,
        "max_scale": 4,
        "rationale_fr": "Un raccourci rare.",
    }
    response = client.post("/admin/pathways/transition/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    _page, drawings = on_the_map(client)
    assert "8 à 12 ans" in drawings["career-map-wide"]["durations"]


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def chain(count: int) -> list[Role]:
    roles = [build_role_with_skills(2, level=Role.Level.ENTRY + i % 4) for i in range(count)]
    for low, high in itertools.pairwise(roles):
        Transition.objects.create(from_role=low, to_role=high, min_months=6, max_months=18, rationale="—")
    Transition.objects.create(from_role=None, to_role=roles[0], min_months=0, max_months=3, rationale="—")
    return roles


def test_map_queries_do_not_grow_with_roles(client, db):
    chain(3)
    few = count_queries(client, MAP)
    chain(12)  # and a new content version: the map is drawn again
    assert count_queries(client, MAP) == few
    assert count_queries(client, "/en" + MAP) == few


def test_profile_queries_do_not_grow_with_the_moves_around(client, db):
    lonely = build_role_with_skills(3)
    busy = build_role_with_skills(3, sector_focus=Sector.SERVICES)
    for other in chain(8):
        Transition.objects.create(from_role=other, to_role=busy, min_months=6, max_months=18, rationale="—")
    assert count_queries(client, lonely.get_absolute_url()) == count_queries(client, busy.get_absolute_url())


def test_a_profile_shows_where_it_comes_from_and_where_it_leads(client, content):
    page = page_of(client.get(f"/roles/{EDO}/"))
    section = page.select_one("section.moves-around")
    svg = section.select_one("svg")
    around = [
        "operations-supervisor",
        "operations-manager",
        "customer-service-manager",
        "facilities-manager",
        "family-business-manager",
        "chief-operating-officer",
    ]
    assert sorted(a["href"] for a in svg.select("a")) == sorted(f"/roles/{slug}/" for slug in around)
    assert svg.select_one(".is-current")  # the role itself, drawn but not a link to itself
    assert len(svg.select("path.map-move")) == 6
    text = text_of(section)
    assert "Responsable des opérations — après 3 à 8 ans" in text
    assert "Directeur des opérations / Directrice des opérations — après 2 à 7 ans" in text
    # The move from the family business is reserved to those whose business is large.
    assert "Réservé à qui déclare : « Cette entreprise familiale est importante (50 salariés ou plus) »" in text


def test_a_profile_without_moves_has_no_map_fragment(client, db):
    role = build_role_with_skills(2)
    assert page_of(client.get(role.get_absolute_url())).select_one("section.moves-around") is None


def test_the_map_in_english(client, content):
    page, drawings = on_the_map(client, "/en" + MAP)
    assert page.select_one("html")["lang"] == "en"
    assert "/en/roles/chief-operating-officer/" in drawings["career-map-wide"]["links"]
    wide = page.select_one("svg.career-map-wide")
    assert "Chief operating officer" in text_of(wide)
    assert "Studies or another field" in text_of(wide)
    assert texts(wide, ".map-band-label") == ["Entry", "Management", "Director", "Executive"]
    assert "3–8 years" in drawings["career-map-wide"]["durations"]
    assert "Directrice" not in text_of(wide)  # English has one form


def drawn_boxes(drawing) -> tuple[list, list, list]:
    """The boxes, the arrows' labels and the levels' names of a drawing, as (left, top, right, bottom)."""
    boxes = [(n.x, n.y, n.x + n.width, n.y + n.height) for n in drawing.nodes]
    labels = [(e.label_left, e.label_top, e.label_left + e.label_width, e.label_top + e.label_height) for e in drawing.edges]
    names = [
        (s.label_x, s.lines[0][0] - 13, s.label_x + max(len(line) for _y, line in s.lines) * 10, s.lines[-1][0] + 3)
        for s in drawing.stripes
        if s.label
    ]
    return boxes, labels, names


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_label_touches_another_label_a_box_or_a_level_name_and_the_phone_drawing_fits(content, language):
    drawn = career_map.site_map(language)
    with translation.override(language):
        fragments = [career_map.around(role) for role in Role.objects.with_profile().filter(level__isnull=False)]
    for drawing in [drawn.wide, drawn.compact, *(f.compact for f in fragments if f)]:
        boxes, labels, names = drawn_boxes(drawing)
        for i, label in enumerate(labels):
            assert not any(overlaps(label, box) for box in boxes + names), drawing.edges[i].move
            assert not any(overlaps(label, other) for other in labels[i + 1 :]), drawing.edges[i].move
            assert 0 <= label[0] and label[2] <= drawing.width  # inside the drawing
        for i, box in enumerate(boxes):
            assert not any(overlaps(box, other) for other in boxes[i + 1 :] + names)
        for i, name in enumerate(names):
            assert not any(overlaps(name, other) for other in names[i + 1 :])
    assert drawn.compact.width <= 366  # the column of a phone 390 px wide, at 12 px text
    assert drawn.wide.width <= 960
    # The busiest profile: five ways in.
    assert career_map.around(Role.objects.with_profile().get(slug=EDO)).compact.width <= 366


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
