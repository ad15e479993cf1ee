import csv
import re
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.utils import translation

from careerpath.cache import content_version
from roles.esco import Importer
from roles.esco.writing import SUMMARY_MAX, summary_of
from roles.models import IscoGroup, Origin, Role, RoleSkill, Skill, Source
from tests.esco import files as esco_files
from tests.esco import real as esco_real
from tests.esco.command import import_esco
from tests.factories import RoleFactory
from tests.html import page_of, text_of, texts
from tests.queries import count_queries
from tests.roles.admin_forms import role_change_form
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

PLANT = f"{esco_files.ESCO}occupation/00000000-0000-4000-8000-0000000000a1"
SHIFT = f"{esco_files.ESCO}occupation/00000000-0000-4000-8000-0000000000a2"


def snapshot() -> dict:
    """Everything the import writes, in a form two imports can be compared by."""
    return {
        "roles": sorted(
            Role.objects.values_list(
                "esco_uri",
                "slug",
                "title_fr",
                "title_feminine",
                "title_en",
                "alternative_titles_fr",
                "alternative_titles_en",
                "summary_en",
                "isco_code",
                "origin",
                "status",
            )
        ),
        "skills": sorted(Skill.objects.values_list("esco_uri", "slug", "name_fr", "name_en", "category__slug")),
        "links": sorted(RoleSkill.objects.values_list("role__esco_uri", "skill__esco_uri", "importance", "required_level")),
        "groups": sorted(IscoGroup.objects.values_list("code", "name_fr", "name_en", "parent__code")),
    }


@pytest.fixture
def samples(tmp_path) -> dict[str, Path]:
    return {version: esco_files.write(tmp_path / version, esco_files.sample(), version) for version in ("1.1", "1.2")}


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_importing_twice_gives_the_same_catalogue(samples, version):
    first_report = import_esco(samples[version])
    first = snapshot()
    second_report = import_esco(samples[version])

    assert snapshot() == first
    assert f"ESCO {version}" in first_report
    assert "occupations: 2 created" in first_report
    assert "created" not in second_report and "updated" not in second_report
    plant = Role.objects.get(esco_uri=PLANT)
    assert (plant.title_fr, plant.title_en) == ("directeur d’usine", "plant manager")
    assert plant.alternative_title_list() == ["directrice d’usine", "chef d’usine"]
    assert plant.summary_fr == "Les directeurs d’usine dirigent la production."
    assert plant.origin == Origin.IMPORTED and plant.is_published
    assert list(plant.sources.values_list("file_name", flat=True)) == [f"esco-v{version}"]
    links = {link.skill.name_en: (link.importance, link.required_level) for link in plant.role_skills.all()}
    assert links == {"plan production": ("essential", None), "lean management": ("useful", None)}
    assert IscoGroup.objects.get(code="1321").parent.parent.parent.code == "1"


def test_both_versions_give_the_same_catalogue_and_the_second_updates_the_source(samples):
    import_esco(samples["1.1"])
    from_11 = snapshot()
    report = import_esco(samples["1.2"])

    assert snapshot() == from_11
    assert "created" not in report.replace("0 created", "")
    assert list(Role.objects.get(esco_uri=PLANT).sources.values_list("file_name", flat=True)) == ["esco-v1.2"]


def test_concepts_not_released_are_skipped(samples):
    rewrite(samples["1.2"] / "ISCOGroups_fr.csv", set_cell("status", "obsolete", row=4))  # group 1321
    rewrite(samples["1.2"] / "occupations_fr.csv", set_cell("status", "obsolete", row=2))  # the shift leader
    report = import_esco(samples["1.2"], "--languages", "fr")
    assert not IscoGroup.objects.filter(code="1321").exists()
    assert not Role.objects.filter(esco_uri=SHIFT).exists()
    assert "skill links: 2 created, 1 skipped" in report


def test_one_language_only(samples):
    import_esco(samples["1.2"], "--languages", "en")
    plant = Role.objects.get(esco_uri=PLANT)
    assert plant.title_en == "plant manager" and not plant.title_fr
    assert plant.title == "plant manager"  # French pages fall back to English


def test_a_dry_run_writes_nothing(samples):
    report = import_esco(samples["1.2"], "--dry-run")
    assert "Dry run" in report and "occupations: 2 created" in report
    assert not Role.objects.exists() and not Skill.objects.exists() and not IscoGroup.objects.exists()


def test_the_teams_roles_and_editors_changes_are_left_alone(samples, client, editor):
    written = RoleFactory(esco_uri=SHIFT, title_fr="Chef d’équipe", title_en="Team leader")
    import_esco(samples["1.2"])
    written.refresh_from_db()
    assert (written.title_fr, written.title_en, written.origin) == ("Chef d’équipe", "Team leader", Origin.WRITTEN)
    assert not written.role_skills.exists()

    plant = Role.objects.get(esco_uri=PLANT)
    sign_in_verified(client, editor)
    form = role_change_form(plant, title_en="Plant director", level="", isco_code="1321", esco_uri=PLANT)
    assert client.post(f"/admin/roles/role/{plant.pk}/change/", form).status_code == 302
    plant.refresh_from_db()
    assert plant.origin == Origin.EDITED

    report = import_esco(samples["1.2"])
    plant.refresh_from_db()
    assert plant.title_en == "Plant director"
    assert "occupations: 2 kept" in report  # each occupation once, its languages together


def rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def set_cell(column: str, value: str, row: int = 1):
    def edit(rows):
        rows[row][rows[0].index(column)] = value

    return edit


def drop_column(column: str):
    def edit(rows):
        index = rows[0].index(column)
        for row in rows:
            del row[index]

    return edit


MALFORMED = [
    ("occupations_en.csv", drop_column("iscoGroup"), "occupations_en.csv, line 1, column iscoGroup: missing column"),
    (
        "ISCOGroups_en.csv",
        lambda rows: rows[2].pop(),
        "ISCOGroups_en.csv, line 3, column description: 7 values where the header has 8",
    ),
]


@pytest.mark.parametrize(("file_name", "edit", "message"), MALFORMED, ids=[m[2].split(":")[0] for m in MALFORMED])
def test_malformed_files_are_refused_with_file_line_and_column_and_change_nothing(samples, file_name, edit, message):
    import_esco(samples["1.1"])
    before, version = snapshot(), content_version()
    rewrite(samples["1.2"] / file_name, edit)

    with pytest.raises(CommandError) as refused:
        import_esco(samples["1.2"])

    assert message in str(refused.value)
    assert snapshot() == before and content_version() == version
    assert not Source.objects.filter(file_name="esco-v1.2").exists()


UNUSABLE_ROWS = [
    (
        "occupationSkillRelations_fr.csv",
        set_cell("relationType", "mandatory", row=2),
        ["occupationSkillRelations_fr.csv, line 3, column relationType: “mandatory” is neither essential nor optional"],
    ),
    (
        "occupationSkillRelations_en.csv",
        set_cell("skillUri", f"{esco_files.ESCO}skill/unknown"),
        ["occupationSkillRelations_en.csv, line 2, column skillUri: no such skill in the files"],
    ),
    (
        "occupations_fr.csv",
        set_cell("iscoGroup", "13"),
        [
            "occupations_fr.csv, line 2, column iscoGroup: “13” is not a four-digit ISCO unit group",
            # its links go with it, saying why
            "occupationSkillRelations_fr.csv, line 2, column occupationUri: "
            "the occupation was skipped (occupations_fr.csv, line 2)",
        ],
    ),
    (
        "occupations_fr.csv",
        set_cell("iscoGroup", "9999"),
        ["occupations_fr.csv, line 2, column iscoGroup: ISCO group 9999 is not in the ISCO groups file"],
    ),
    (
        "skills_en.csv",
        set_cell("conceptUri", "javascript:alert(1)"),
        ["skills_en.csv, line 2, column conceptUri: “javascript:alert(1)” is not an ESCO URI"],
    ),
    ("skills_fr.csv", set_cell("preferredLabel", " "), ["skills_fr.csv, line 2, column preferredLabel: empty value"]),
    (
        "occupations_en.csv",
        set_cell("conceptUri", PLANT, row=2),
        [f"occupations_en.csv, line 4, column conceptUri: {PLANT} appears twice; the first is imported"],
    ),
    (
        "occupations_fr.csv",
        set_cell("preferredLabel", "directeur " + "d’usine " * 40),
        ["occupations_fr.csv, line 2, column preferredLabel: longer than 300 characters"],
    ),
]


@pytest.mark.parametrize(("file_name", "edit", "messages"), UNUSABLE_ROWS, ids=[m[2][0].split(":")[0] for m in UNUSABLE_ROWS])
def test_an_unusable_row_is_skipped_and_reported_with_file_line_and_column_and_the_rest_imports(
    samples, file_name, edit, messages
):
    rewrite(samples["1.2"] / file_name, edit)

    report = import_esco(samples["1.2"])

    assert "skipped rows, each with its reason:" in report
    for message in messages:
        assert f"    {message}\n" in report
    # Everything else is there: each occupation and skill in at least its other language.
    assert set(Role.objects.values_list("esco_uri", flat=True)) == {PLANT, SHIFT}
    assert Skill.objects.count() == 2 and IscoGroup.objects.count() == 4
    assert Role.objects.get(esco_uri=SHIFT).title_fr == "responsable d’équipe de production"


def test_a_clean_import_reports_no_skipped_rows(samples):
    assert "skipped rows" not in import_esco(samples["1.2"])


def test_multi_line_labels_count_their_lines(samples):
    # The plant manager's altLabels span two lines, so the next record starts on line 4.
    rewrite(samples["1.2"] / "occupations_en.csv", set_cell("iscoGroup", "x", row=2))
    assert "occupations_en.csv, line 4, column iscoGroup" in import_esco(samples["1.2"])


def test_a_file_that_is_not_utf8_or_missing_is_refused(samples):
    path = samples["1.2"] / "skills_fr.csv"
    path.write_bytes(
        path.read_bytes()
        .replace("compétence".encode(), "compétence".encode("latin-1"), 1)
        .replace(b"planifier", "plänifier".encode("latin-1"))
    )
    with pytest.raises(CommandError, match=r"skills_fr.csv, line 2: not UTF-8"):
        import_esco(samples["1.2"])
    path.unlink()
    with pytest.raises(CommandError, match=r"skills_fr\.csv: file not found"):
        import_esco(samples["1.2"])


@pytest.mark.parametrize(("character", "name"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F")])
def test_control_characters_are_refused_where_they_are_before_anything_is_written(samples, character, name):
    import_esco(samples["1.1"])
    before = snapshot()
    # Line 2 is the plant manager, whose altLabels span lines 2 and 3: the damage is on line 3.
    rewrite(
        samples["1.2"] / "occupations_fr.csv",
        lambda rows: rows[1].__setitem__(rows[0].index("altLabels"), f"directrice d’usine\nchef{character} d’usine"),
    )

    with pytest.raises(CommandError) as refused:
        import_esco(samples["1.2"])

    assert f"occupations_fr.csv, line 3, column altLabels: control character {name}" in str(refused.value)
    assert snapshot() == before


def test_tabs_and_line_breaks_in_quoted_text_are_kept(samples):
    rewrite(
        samples["1.2"] / "occupations_en.csv",
        set_cell("description", "Plant managers run production.\r\n\tThey plan the shifts."),
    )
    import_esco(samples["1.2"])
    assert Role.objects.get(esco_uri=PLANT).description_en == "Plant managers run production.\r\n\tThey plan the shifts."


def test_french_texts_are_given_french_typography_and_english_ones_are_left_as_they_are(samples):
    """ESCO writes "missions : diriger" with an ordinary space, where a line may break before the colon."""
    rewrite(samples["1.2"] / "occupations_fr.csv", set_cell("description", "Ses missions : diriger « la production » ; et ?"))
    rewrite(samples["1.2"] / "occupations_en.csv", set_cell("description", "Tasks: run it ; see https://esco.ec.europa.eu"))
    import_esco(samples["1.2"])
    plant = Role.objects.get(esco_uri=PLANT)
    assert plant.description_fr == "Ses missions\u00a0: diriger «\u00a0la production\u00a0»\u00a0; et\u00a0?"
    assert plant.summary_fr == plant.description_fr
    assert plant.description_en == "Tasks: run it ; see https://esco.ec.europa.eu"


def test_an_interrupted_import_says_nothing_was_written_and_leaves_the_database_as_it_was(samples, monkeypatch):
    import_esco(samples["1.1"])
    before = snapshot()
    path = samples["1.2"] / "occupations_en.csv"
    rewrite(path, set_cell("preferredLabel", "plant director"))

    def interrupted(self, esco_file):
        raise KeyboardInterrupt  # what Ctrl-C raises, here once the occupations are written

    monkeypatch.setattr(Importer, "write_relations", interrupted)
    with pytest.raises(CommandError) as stopped:
        import_esco(samples["1.2"])
    assert str(stopped.value) == "Interrupted: nothing was written, the database is as it was."
    assert stopped.value.returncode == 130
    assert snapshot() == before


def test_unknown_languages_are_refused(samples):
    with pytest.raises(CommandError, match="--languages must name some of fr, en"):
        import_esco(samples["1.2"], "--languages", "de")


# ---------------------------------------------------------------------------------------------
# An imported occupation on the site, beside the team's roles.


@pytest.fixture
def imported(content, samples):
    import_esco(samples["1.2"])
    return Role.objects.get(esco_uri=PLANT)


def test_an_imported_occupation_is_listed_searchable_and_says_what_it_lacks(client, imported):
    url = f"/roles/{imported.slug}/"
    assert url in client.get("/roles/?q=usine").content.decode()
    assert f"/en{url}" in client.get("/en/roles/?q=works+manager").content.decode()  # an alternative title

    response = client.get(url)
    profile = response.content.decode()
    assert "Métier importé de la classification européenne ESCO" in profile
    assert "les niveaux requis pour chaque compétence" in profile
    assert "gestion allégée" in profile and "niveau non fixé" in profile
    assert "Chef d’usine" in texts(page_of(response), ".alternative-titles li")  # alternative titles
    assert "La direction générale" not in profile  # nobody has said whom it reports to
    assert 'href="/roles/isco/1321/"' in profile
    # The ESCO version it comes from, by its title and with its page, as every source.
    assert '<a href="/sources/esco-v1-2/">ESCO v1.2 — classification européenne' in profile
    english = client.get(f"/en{url}").content.decode()
    assert "Occupation imported from the European ESCO classification" in english


def test_isco_groups_can_be_browsed_down_to_their_occupations(client, imported):
    assert 'href="/roles/isco/1/"' in client.get("/roles/isco/").content.decode()
    major = client.get("/roles/isco/1/").content.decode()
    assert 'href="/roles/isco/13/"' in major
    unit = client.get("/en/roles/isco/1321/").content.decode()
    assert "Manufacturing managers" in unit and f"/en/roles/{imported.slug}/" in unit
    assert all(f'href="/en/roles/isco/{code}/"' in unit for code in ("1", "13", "132"))  # the way back up
    assert client.get("/roles/isco/9999/").status_code == 404


def test_an_imported_occupation_can_be_compared_with_the_coo(client, imported):
    response = client.get(f"/compare/?roles=chief-operating-officer&roles={imported.slug}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "gestion allégée" in page and "niveau non fixé" in page


def test_imported_titles_are_shown_with_a_capital_and_stored_as_imported(client, imported):
    slug = imported.slug
    shown = {
        f"/roles/{slug}/": "h1",
        "/roles/?q=usine": ".role-card h2, .role-card h3",
        f"/compare/?roles=chief-operating-officer&roles={slug}": ".compare-table thead th",
        "/roles/isco/1321/": "main li",
        f"/assessment/?target={slug}": "h1",
    }
    for path, selector in shown.items():
        titles = texts(page_of(client.get(path)), selector)
        assert any("Directeur d’usine" in title for title in titles), (path, titles)
        assert not any("directeur d’usine" in title for title in titles), (path, titles)
    assert text_of(page_of(client.get(f"/en/roles/{slug}/")).h1) == "Plant manager"
    imported.refresh_from_db()
    assert (imported.title_fr, imported.title_en) == ("directeur d’usine", "plant manager")


def test_only_the_first_letter_of_a_title_is_raised():
    role = RoleFactory.build(title_fr="responsable ERP et iPad", title_en="ERP manager", origin=Origin.IMPORTED)
    assert role.display_title == "Responsable ERP et iPad"
    with translation.override("en"):
        assert role.display_title == "ERP manager"


def test_an_imported_occupation_can_be_a_target_and_the_result_says_it_cannot_be_scored(client, imported):
    form = client.get(f"/assessment/?target={imported.slug}")
    assert form.status_code == 200
    assert "skill_" not in form.content.decode()  # no level to rate against
    response = client.post(
        f"/assessment/?target={imported.slug}",
        {
            "position": "student",
            "preferred_sector": "both",
            "consent": "on",
            **{
                name: 0
                for name in ("years_operations", "years_people", "years_customer-service", "years_facilities", "years_business")
            },
        },
    )
    assert response.status_code == 303, response.content.decode()[:3000]
    result = client.get(response["Location"]).content.decode()
    assert "Ce que cette fiche ne dit pas encore" in result
    assert "sur 100" not in result.split("Ce que cette fiche ne dit pas encore")[1].split("Les postes dont")[0]


def test_the_pickers_offer_the_teams_roles_not_every_import(client, imported):
    assert imported.slug not in client.get("/assessment/").content.decode()
    assert imported.slug not in client.get("/compare/").content.decode()
    assert imported.get_absolute_url() not in client.get("/").content.decode()


def test_the_coo_and_the_executive_director_carry_their_external_codes(client, content):
    for slug in ("chief-operating-officer", "executive-director-of-operations"):
        role = Role.objects.get(slug=slug)
        assert (role.isco_code, role.rome_code, role.onet_soc_code) == ("1120", "M1301", "11-1011.00")
        page = client.get(role.get_absolute_url()).content.decode()
        assert "M1301" in page and "11-1011.00" in page and "1120" in page


def test_pages_make_as_many_queries_with_the_whole_catalogue(client, imported, tmp_path, settings):
    # Measure the work: no page kept.
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    paths = [
        "/roles/",
        "/roles/?q=manager",
        "/roles/?page=2",
        f"/roles/{imported.slug}/",
        "/roles/isco/1321/",
        "/roles/chief-operating-officer/",
        "/assessment/",
    ]
    before = {path: count_queries(client, path) for path in paths}
    import_esco(esco_files.write(tmp_path / "more", esco_files.synthetic(occupations=90, skills=300, relations=1800)))
    assert Role.objects.count() > 90
    assert {path: count_queries(client, path) for path in paths} == before


# ---------------------------------------------------------------------------------------------
# Real ESCO rows (tests/esco/real.py), dirt included.

LEATHER = f"{esco_files.ESCO}occupation/3e0b4b9b-b624-4ceb-9bc9-9627cdfb0b81"  # the 202-character label


def titles(uri: str) -> tuple[str, str, str]:
    role = Role.objects.get(esco_uri=uri)
    return role.title_fr, role.title_feminine, role.title_en


def test_real_rows_import_whole_with_tidy_labels_and_both_french_forms(real_rows, client):
    report = import_esco(real_rows)

    assert "skipped rows" not in report
    assert Role.objects.count() == len(esco_real.OCCUPATIONS) == 15
    assert titles(LEATHER) == (
        "opérateur d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements",
        "opératrice d’assemblage-montage des industries des cuirs, peaux et matériaux associés, hors vêtements",
        "leather goods machine operator",
    )
    by_title = {role.title_fr: role for role in Role.objects.all()}
    # Non-breaking, doubled and trailing spaces
    assert by_title["développeur de chaussures 3D"].title_feminine == "développeuse de chaussures 3D"
    assert by_title["rédacteur de prêts hypothécaires"].title_feminine == "rédactrice de prêts hypothécaires"
    assert by_title[
        "technicien du chauffage, de la ventilation, de la climatisation et de la réfrigération"
    ].title_feminine.startswith("technicienne du chauffage,")
    # A slash inside each form, and a pair that names the rest once
    assert (
        by_title["formateur « lutte contre l’illettrisme/français langue étrangère »"].title_feminine
        == "formatrice « lutte contre l’illettrisme/français langue étrangère »"
    )
    assert by_title["vendeur en articles de sport"].title_feminine == "vendeuse en articles de sport"
    # Repeated alternative labels (by case or spaces) once, and not the title again
    chef = Role.objects.get(title_en="head chef").alternative_titles_en.splitlines()
    assert [label.casefold() for label in chef].count("master chef") == 1
    engineer = Role.objects.get(title_en="product development engineering technician").alternative_titles_en.splitlines()
    assert engineer.count("product development research engineer") == 1
    assert "product development  research engineer" not in engineer
    operations = Role.objects.get(esco_uri=esco_real.OPERATIONS)
    assert "directrice des opérations" not in operations.alternative_titles_fr.splitlines()
    assert "directeur de l'exploitation" in operations.alternative_titles_fr.splitlines()
    # No stray no-break space: only those French typography puts before « : ; ? ! » and after «.
    assert all(
        "\xa0" not in re.sub("\xa0(?=[:;?!»])|(?<=«)\xa0", "", value) and "  " not in value and value == value.strip()
        for role in Role.objects.all()
        for value in (role.title_fr, role.title_feminine, role.title_en)
    )

    page = page_of(client.get(operations.get_absolute_url()))
    assert text_of(page.h1) == "Directeur des opérations / Directrice des opérations"
    assert text_of(page_of(client.get(f"/en{operations.get_absolute_url()}")).h1) == "Operations manager"


def test_a_second_import_of_real_rows_changes_nothing(real_rows):
    import_esco(real_rows)
    first = snapshot()
    report = import_esco(real_rows)
    assert snapshot() == first
    assert "created" not in report and "updated" not in report and "skipped rows" not in report


def test_a_french_summary_spaced_the_french_way_still_fits_its_field():
    """French spacing may add a character (« mot » for «mot»): the summary is cut after it, not before, so that a
    description's first sentence as long as the field still fits it (PostgreSQL refuses a character too many)."""
    sentence = "«Directeur» " + "a" * (SUMMARY_MAX - 13) + "."
    assert len(sentence) == SUMMARY_MAX
    summary = summary_of(sentence, "titre", "fr")
    assert len(summary) <= SUMMARY_MAX and summary.startswith("«\u00a0Directeur\u00a0»")
    assert summary_of(sentence, "title", "en") == sentence
