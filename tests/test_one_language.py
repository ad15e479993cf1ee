"""One language per page: every French page of the URL conf reads in French, with French typography.

French puts a non-breaking space (U+00A0, or the narrow U+202F) before « : ; ? ! » and inside « », so that no line
breaks there; it writes negative numbers with the true minus sign. A text ESCO publishes without French is shown in
English, marked `lang="en"` and said to be English; nothing outside such a mark reads as English.
"""

import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from plans.models import Counsellor, Share
from roles.models import IscoGroup, Origin, Role, Skill, Source
from tests.addresses import named_routes, parameters
from tests.assessments import EDO, submit
from tests.esco import files as esco_files
from tests.esco.command import import_esco
from tests.factories import COUNSELLOR_PASSWORD, counsellors_group, expire, make_plan, share_with
from tests.html import page_of
from tests.tasks import QUEUED
from tests.test_language import what_if_of
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

COO = "chief-operating-officer"
# Spaces a line may break at; HTML folds them, never U+00A0 nor U+202F (Python's \s would take those too).
BREAKING = "[ \t\n\r\f]"
NO_BREAK = "\u00a0\u202f"
# A « : ; ? ! » or » with an ordinary space or none before it, a « with none or an ordinary one after it. A colon
# between digits (a time, a ratio) and the "?", ":" of an address are not French punctuation.
MISSING_NO_BREAK_SPACE = re.compile(rf"(?<![{NO_BREAK}\d/])[:;?!»](?!//)|(?<=\d):(?!\d)|«(?![{NO_BREAK}])")
# A hyphen where a negative number wants the minus sign (U+2212), and a number of thousands without its separator.
HYPHEN_FOR_MINUS = re.compile(r"(?<![\w\-–])-\d")
UNSEPARATED_THOUSANDS = re.compile(r"(?<![\w.,/#-])\d{5,}(?![\w.,/-])")
BREAKABLE_PERCENT = re.compile(r"\d ?%")
# Frequent English words that are not French words: one in a text outside lang="en" means English shown as French.
ENGLISH_WORDS = frozenset(
    """the and of with for from to in is are be by it its this that these those which who what when where will would
    should can must has have had not their they them your you our we he she his her at if all any other such also
    about into than then there been being was were does how why while within without between through under over
    after before up out only more most each every some new work works working worker workers director directors
    supervisor supervisors shift factory staff skills skill head manufacturing business""".split()
)
WORD = re.compile(r"[^\W\d_]+")
ADDRESS = re.compile(r"https?://\S+")  # a link shown as text (the private link): its letters are no language
# Pages a signed-in counsellor reads; the owner's client reads the others (the private link is theirs).
COUNSELLOR_PAGES = {"plans:dashboard", "plans:counsellor-plan"}
# Addresses that are no French page: the admin (Django's own), the API, PDFs, and those that only take a POST.
NOT_PAGES = re.compile(
    # A PDF's waiting page has an address of the PDF asked for: the world adds one (its key is a digest of the plan).
    r"^(healthz|favicon|admin:|api-|plans:(tick|rate|note|share|revoke|logout|(shared-|counsellor-)?pdf(-status|-file)?)$)"
)


@dataclass
class World:
    owner: Client
    counsellor: Client
    values: dict[str, object]
    plan_path: str


def imported_esco(tmp_path) -> None:
    """ESCO's sample imported, then as ESCO publishes much of it: descriptions of an occupation, a skill and a group,
    and a skill's name, in English only."""
    import_esco(esco_files.write(tmp_path / "esco", esco_files.sample()))
    Skill.objects.filter(name_en="lean management").update(description_fr="")
    Skill.objects.filter(name_en="plan production").update(name_en="plan the production of each shift", name_fr="")
    shift = Role.objects.get(title_en="production shift leader")
    shift.description_fr = ""
    shift.save()
    IscoGroup.objects.filter(code="13").update(
        description_en="Production and specialised services managers plan, direct and coordinate the production of goods.",
        description_fr="",
    )
    IscoGroup.objects.filter(code="1321").update(
        description_en="Manufacturing managers plan and direct production.",
        description_fr="Les directeurs de production planifient et dirigent la production.",
    )


@pytest.fixture
def world(content, tmp_path, django_user_model) -> World:
    imported_esco(tmp_path)
    owner, counsellor_client = Client(), Client()
    plan = make_plan(owner, position="operations-manager", role_years=2, still_in_role="yes")
    user = django_user_model.objects.create_user("claire", password=COUNSELLOR_PASSWORD)
    user.groups.add(counsellors_group())
    counsellor = Counsellor.objects.create(user=user, code=Counsellor.new_code())
    sign_in_verified(counsellor_client, user)
    link, counsellor_share = share_with(owner, plan, None), share_with(owner, plan, counsellor)
    values = {
        "pk": plan.pk,
        "token": link.token,
        "counsellor-token": counsellor_share.token,
        "slug": EDO,
        "source-slug": Source.objects.first().slug,
        "code": "13",
    }
    with override_settings(TASKS=QUEUED):  # queued for a worker, as in production: the page that waits for it
        values["pdf-waiting"] = owner.get(f"/assessment/{plan.pk}/plan/pdf/")["Location"]
    return World(owner=owner, counsellor=counsellor_client, values=values, plan_path=f"/assessment/{plan.pk}/plan/")


def address(world: World, name: str, route: str) -> str:
    def value(parameter):
        if parameter == "slug" and name == "source":
            return world.values["source-slug"]
        if parameter == "token" and name.startswith("plans:counsellor"):
            return world.values["counsellor-token"]
        return world.values[parameter]

    return reverse(name, kwargs={parameter: value(parameter) for parameter in parameters(route)})


def french_pages(world: World) -> dict[str, tuple[Client, int]]:
    """Every French page: each address of the URL conf, then the states and queries that show other text."""
    pages = {}
    for name, route in named_routes():
        if NOT_PAGES.match(name) or name.startswith("accounts:"):
            continue
        pages[address(world, name, route)] = (world.counsellor if name in COUNSELLOR_PAGES else world.owner, 200)
    pages[world.values["pdf-waiting"]] = (world.owner, 200)
    imported = Role.objects.filter(origin=Origin.IMPORTED).order_by("title_en")
    result = submit(world.owner)["Location"]
    gone = share_with(world.owner, Share.objects.get(token=world.values["token"]).plan, None)
    expire(gone)
    pages.update(
        {
            "/roles/?q=directeur": (world.owner, 200),
            "/roles/?q=usine": (world.owner, 200),
            "/roles/?q=zzzz": (world.owner, 200),
            f"/compare/?roles={COO}&roles={EDO}&roles=operations-manager&roles=junior-operations-officer": (world.owner, 200),
            f"/compare/?roles={COO}&roles={imported[0].slug}": (world.owner, 200),
            **{role.get_absolute_url(): (world.owner, 200) for role in imported},
            **{group.get_absolute_url(): (world.owner, 200) for group in IscoGroup.objects.all()},
            f"/roles/{COO}/": (world.owner, 200),
            f"/assessment/?target={COO}": (world.owner, 200),
            "/assessment/?current=usine": (world.owner, 400),
            result: (world.owner, 200),
            what_if_of(result): (world.owner, 200),
            f"{result}delete/": (world.owner, 200),
            f"/assessment/{result.rstrip('/').split('/')[-1]}/plan/": (world.owner, 200),
            gone.get_absolute_url(): (world.owner, 410),
            "/no-such-page/": (world.owner, 404),
            "/roles/no-such-role/": (world.owner, 404),
        }
    )
    return pages


def readable(html: bytes) -> BeautifulSoup:
    page = BeautifulSoup(html.decode(), "html.parser")
    for hidden in page.select("script, style, template"):
        hidden.decompose()
    return page


def page_text(page: BeautifulSoup) -> str:
    """The text as it reads on screen: nodes side by side, spaces folded (an element's end is no space)."""
    for other in page.select("[lang]:not([lang=fr])"):
        other.decompose()
    title = page.title.get_text() if page.title else ""
    return re.sub(f"{BREAKING}+", " ", f"{title} {page.body.get_text() if page.body else ''}")


def typography_slips(text: str) -> list[str]:
    """Punctuation without its no-break space; a number shown with a hyphen for its minus sign or, from 10,000 on,
    without its thousands separator; a space before "%" that a line may break at."""
    found = [*MISSING_NO_BREAK_SPACE.finditer(text), *HYPHEN_FOR_MINUS.finditer(text), *BREAKABLE_PERCENT.finditer(text)]
    return [text[max(0, m.start() - 30) : m.end() + 10] for m in found]


def number_slips(page: BeautifulSoup) -> list[str]:
    """Numbers of five digits or more written without a thousands separator, text node by text node (a page's
    elements side by side, a chart's ticks or a breadcrumb's codes, would read as one number)."""
    return [str(node).strip()[:60] for node in page.find_all(string=True) if UNSEPARATED_THOUSANDS.search(str(node))]


def english_in(page: BeautifulSoup) -> list[str]:
    """The text nodes, outside elements in another language, with a word only English has."""
    found = []
    for node in page.find_all(string=True):
        if type(node) is not NavigableString or node.find_parent(["body", "title"]) is None:
            continue
        elements = [parent for parent in node.parents if parent.name not in (None, "[document]")]
        if any(parent.get("lang", "fr") != "fr" for parent in elements):
            continue
        if any(parent.get("translate") == "no" for parent in elements):  # a code, typed as shown: letters of no language
            continue
        words = {word.lower() for word in WORD.findall(ADDRESS.sub(" ", str(node)))}
        if words & ENGLISH_WORDS:
            found.append(f"{sorted(words & ENGLISH_WORDS)}: {str(node).strip()[:80]}")
    return found


def fetched(world: World) -> dict[str, BeautifulSoup]:
    pages, unexpected = {}, {}
    for path, (client, status) in french_pages(world).items():
        response = client.get(path)
        if response.status_code != status:
            unexpected[path] = response.status_code
        pages[path] = readable(response.content)
    assert unexpected == {}
    return pages


def test_every_french_page_puts_a_no_break_space_before_high_punctuation_and_inside_guillemets(world):
    pages = fetched(world)
    assert len(pages) > 30
    found = [
        f"{path}: {slip!r}" for path, page in pages.items() for slip in [*number_slips(page), *typography_slips(page_text(page))]
    ]
    assert found == [], "\n".join(found)


def test_no_french_page_shows_english_outside_an_element_marked_english(world):
    pages = fetched(world)
    found = [f"{path}: {slip}" for path, page in pages.items() for slip in english_in(page)]
    assert found == [], "\n".join(found)


def test_the_checks_find_the_slips_the_newcomer_saw():
    assert typography_slips("Aussi appelé: conseiller") and typography_slips("Estimation : 2 ans")
    assert typography_slips("« loin »") and typography_slips("Prêt ?") and typography_slips("60 %")
    assert typography_slips("(-6)") and not typography_slips("(−6), 2026-12-04")
    assert not typography_slips("Estimation\u00a0: 2\u00a0ans, «\u00a0loin\u00a0», prêt\u202f? 14:05 https://x.org/?a")
    isco = readable(
        "<body><h1>0 — Professions militaires</h1><p>Commissioned armed forces officers include all jobs held by "
        "commissioned officers in the armed forces.</p></body>".encode()
    )
    also = readable("<body><h3>Aussi appelé</h3><ul><li>Shift supervisor</li><li>works manager</li></ul></body>".encode())
    marked = readable(b'<body><p lang="en">Plant managers run production. They watch the deadlines.</p></body>')
    assert english_in(isco) and len(english_in(also)) == 2
    assert english_in(marked) == []


def profile(world: World, title_en: str) -> BeautifulSoup:
    return page_of(world.owner.get(Role.objects.get(title_en=title_en).get_absolute_url()))


def test_an_esco_text_without_french_is_shown_in_english_marked_and_said_to_be_english(world):
    shift = profile(world, "production shift leader")
    description = shift.select_one("[lang=en].imported-text")
    assert description is not None and "Leads a production shift." in description.get_text()
    assert "anglais" in shift.select_one(".in-english-note").get_text()
    also = [item.get_text(strip=True) for item in shift.select(".alternative-titles [lang=en]")]
    assert also == ["Shift supervisor"]
    skill = next(row for row in shift.select(".skills-table tr") if "plan the production" in row.get_text())
    assert skill.select_one("summary [lang=en]").get_text() == "plan the production of each shift"
    assert "(en anglais)" in skill.select_one("summary").get_text()


def test_an_esco_text_with_french_is_shown_in_french_unmarked(world):
    plant = profile(world, "plant manager")
    assert "Les directeurs d’usine dirigent la production." in plant.get_text()
    about = plant.select_one("section[aria-labelledby=about]")
    assert about.select("[lang=en]") == [] and about.select(".in-english-note") == []
    lean = next(row for row in plant.select(".skills-table tr") if "gestion allégée" in row.get_text())
    assert lean.select_one("[lang=en]").get_text() == "Methods that reduce waste."
    group = page_of(world.owner.get("/roles/isco/1321/"))
    assert "Les directeurs de production planifient" in group.get_text() and group.select("main [lang=en]") == []
    english_group = page_of(world.owner.get("/roles/isco/13/"))
    assert "plan, direct and coordinate" in english_group.select_one(".imported-text[lang=en]").get_text()
    assert "anglais" in english_group.select_one(".in-english-note").get_text()


def test_a_duration_basis_is_labelled_once(client, content):
    for path, doubled in ((f"/roles/{EDO}/", "Estimation\u00a0: Estimation"), (f"/en/roles/{EDO}/", "Estimate: The team")):
        text = re.sub(f"{BREAKING}+", " ", page_of(client.get(path)).get_text())
        assert doubled.replace("\u00a0", " ") not in text.replace("\u00a0", " ")


def test_a_shared_plan_speaks_of_its_owner_not_to_its_reader(world):
    own = world.owner.get(world.plan_path).content.decode()
    assert "Là où vous êtes" in own
    for client, path in (
        (Client(), reverse("plans:shared", kwargs={"token": world.values["token"]})),
        (world.counsellor, reverse("plans:counsellor-plan", kwargs={"token": world.values["counsellor-token"]})),
    ):
        text = page_of(client.get(path)).get_text()
        assert "Là où vous êtes" not in text and "Point de départ" in text
    with translation.override("en"):
        english = page_of(Client().get(f"/en/plans/shared/{world.values['token']}/")).get_text()
    assert "Where you are" not in english and "Starting point" in english
