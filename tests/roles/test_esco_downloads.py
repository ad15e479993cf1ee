"""Importing ESCO's downloads as ESCO publishes them: zip archives (one per language, one without language for the
relations), a .tar.gz, the French skills as a .csv.gz, several in one run."""

import gzip
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerpath.cache import content_version
from roles.models import Importance, IscoGroup, Origin, Role, RoleSkill, Skill, Source
from tests.esco import files as esco_files
from tests.esco import real as esco_real
from tests.esco.command import import_esco

pytestmark = pytest.mark.django_db

PLANT = f"{esco_files.ESCO}occupation/00000000-0000-4000-8000-0000000000a1"
PLAN = f"{esco_files.ESCO}skill/00000000-0000-4000-8000-000000000001"
LEAN = f"{esco_files.ESCO}skill/00000000-0000-4000-8000-000000000002"
ENGLISH_ZIP = esco_files.CLASSIFICATION_ZIP.format(lang="en")
RELATIONS_ZIP = esco_files.CLASSIFICATION_ZIP.format(lang="")


@pytest.fixture
def downloads(tmp_path) -> list[Path]:
    """A folder as ../shared/esco-full (the English zip, the relations zip, skills_fr.csv.gz) and a .tar.gz."""
    return esco_files.write_downloads(tmp_path / "downloads", esco_files.sample())


def snapshot() -> dict:
    return {
        "roles": sorted(Role.objects.values_list("esco_uri", "slug", "title_fr", "title_en", "description_en", "isco_code")),
        "skills": sorted(
            Skill.objects.values_list("esco_uri", "name_fr", "name_en", "description_en", "category__slug", "hierarchy_group")
        ),
        "links": sorted(RoleSkill.objects.values_list("role__esco_uri", "skill__esco_uri", "importance")),
        "groups": sorted(IscoGroup.objects.values_list("code", "name_fr", "name_en", "parent__code")),
    }


def test_esco_downloads_import_in_both_languages_with_links_and_hierarchy_groups(downloads):
    report = import_esco(*downloads)

    assert "skipped rows" not in report
    assert "occupations: 2 created" in report and "skill links: 3 created" in report
    plant = Role.objects.get(esco_uri=PLANT)
    assert (plant.title_fr, plant.title_en, plant.origin) == ("directeur d’usine", "plant manager", Origin.IMPORTED)
    assert plant.description_en == "Plant managers run production. They watch the deadlines."
    assert IscoGroup.objects.get(code="1321").parent.parent.parent.code == "1"  # from the relations zip
    # The French skills from the .csv.gz, ESCO's descriptions from the English zip.
    plan, lean = Skill.objects.get(esco_uri=PLAN), Skill.objects.get(esco_uri=LEAN)
    assert (plan.name_fr, plan.name_en) == ("planifier la production", "plan production")
    assert plan.description_en == "Organise production resources and schedule."
    # A skill below a level-3 group takes its level-2 group; knowledge, its ISCED-F narrow field.
    assert (plan.hierarchy_group, lean.hierarchy_group) == ("S4.2", "041")
    assert "skills in the hierarchy: 2 placed" in report
    # essential stays essential, optional becomes useful
    assert {link.skill.esco_uri: link.importance for link in plant.role_skills.all()} == {
        PLAN: Importance.ESSENTIAL,
        LEAN: Importance.USEFUL,
    }
    assert list(plant.sources.values_list("file_name", flat=True)) == ["esco-v1.1"]


def test_a_second_import_of_the_downloads_reports_everything_unchanged_and_writes_nothing(downloads):
    import_esco(*downloads)
    before, version = snapshot(), content_version()

    with CaptureQueriesContext(connection) as queries:
        report = import_esco(*downloads)

    written = [q["sql"][:80] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert written == []
    assert snapshot() == before and content_version() == version  # the pages kept stay kept
    assert "created" not in report and "updated" not in report
    assert "skills: 2 unchanged" in report and "skill links: 3 unchanged" in report


def test_the_source_named_last_wins_where_two_hold_the_same_file(downloads, tmp_path):
    newer = esco_files.sample()
    newer.occupations[0].labels["en"] = "plant director"
    newer.relations[1].essential = True  # the plant manager's lean management
    newer_folder = esco_files.write(tmp_path / "newer", newer, "1.1", languages=("en",))

    import_esco(*downloads, newer_folder)
    plant = Role.objects.get(esco_uri=PLANT)
    assert plant.title_en == "plant director" and plant.title_fr == "directeur d’usine"
    assert plant.role_skills.get(skill__esco_uri=LEAN).importance == Importance.ESSENTIAL

    report = import_esco(newer_folder, *downloads)
    plant.refresh_from_db()
    assert plant.title_en == "plant manager"
    assert plant.role_skills.get(skill__esco_uri=LEAN).importance == Importance.USEFUL
    assert "occupations: 1 updated, 1 unchanged" in report


# ---------------------------------------------------------------------------------------------
# Damaged downloads: refused whole before anything is written, saying where.


def rewrite_member(archive: Path, member: str, edit) -> None:
    """Write the zip again with `member`'s text edited (or the member left out when `edit` returns None)."""
    with zipfile.ZipFile(archive) as packed:
        contents = {info.filename: packed.read(info) for info in packed.infolist()}
    text = edit(contents[member].decode())
    if text is None:
        del contents[member]
    else:
        contents[member] = text.encode()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, content in contents.items():
            packed.writestr(name, content)


def drop_column(column: str):
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        index = lines[0].split(",").index(column)
        return "\r\n".join(",".join(v for i, v in enumerate(line.split(",")) if i != index) for line in lines)

    return edit


def not_a_zip(folder: Path, tar: Path) -> None:
    (folder / ENGLISH_ZIP).write_text("conceptUri,preferredLabel\n")


def without_english_skills(folder: Path, tar: Path) -> None:
    rewrite_member(folder / ENGLISH_ZIP, "skills_en.csv", lambda text: None)


def without_the_isco_column(folder: Path, tar: Path) -> None:
    rewrite_member(folder / ENGLISH_ZIP, "occupations_en.csv", drop_column("iscoGroup"))


def a_relation_cut_short(folder: Path, tar: Path) -> None:
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        lines[2] = lines[2].rsplit(",", 1)[0]
        return "\r\n".join(lines)

    rewrite_member(folder / RELATIONS_ZIP, "occupationSkillRelations.csv", edit)


def a_nul_in_the_french_skills(folder: Path, tar: Path) -> None:
    path = folder / "skills_fr.csv.gz"
    text = gzip.decompress(path.read_bytes()).decode().replace("gestion allégée", "gestion\x00allégée")
    path.write_bytes(gzip.compress(text.encode()))


def damaged_inside(folder: Path, tar: Path) -> None:
    """Bytes of the skills' packed data overwritten: the zip still lists its files, reading one fails."""
    path = folder / ENGLISH_ZIP
    with zipfile.ZipFile(path) as packed:
        info = packed.getinfo("skills_en.csv")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 40 : start + 80] = b"\xff" * 40
    path.write_bytes(bytes(data))


def not_a_tar(folder: Path, tar: Path) -> None:
    tar.write_bytes(gzip.compress(b"occupations_fr.csv"))


DAMAGED = [
    (not_a_zip, f"{ENGLISH_ZIP}: not a zip archive"),
    (without_english_skills, "skills_en.csv: file not found in esco-full, esco-fr-en.tar.gz"),
    (without_the_isco_column, f"{ENGLISH_ZIP}/occupations_en.csv, line 1, column iscoGroup: missing column"),
    (
        a_relation_cut_short,
        f"{RELATIONS_ZIP}/occupationSkillRelations.csv, line 3, column skillUri: 3 values where the header has 4",
    ),
    (a_nul_in_the_french_skills, "skills_fr.csv.gz, line 3, column preferredLabel: control character U+0000"),
    (damaged_inside, f"{ENGLISH_ZIP}/skills_en.csv, line "),
    (not_a_tar, "esco-fr-en.tar.gz: not a tar archive"),
]


@pytest.mark.parametrize(("damage", "message"), DAMAGED, ids=[damage.__name__ for damage, _ in DAMAGED])
def test_a_damaged_download_is_refused_saying_where_and_nothing_is_written(downloads, damage, message):
    import_esco(*downloads)
    Role.objects.filter(esco_uri=PLANT).update(title_en="edited since")  # so that an import would show
    before, version = snapshot(), content_version()
    damage(*downloads)

    with pytest.raises(CommandError) as refused:
        import_esco(*downloads)

    assert str(refused.value).startswith("Nothing imported: ")
    assert message in str(refused.value)
    assert snapshot() == before and content_version() == version


def test_a_damaged_zip_says_the_archive_is_damaged(downloads):
    damaged_inside(*downloads)
    with pytest.raises(CommandError, match=r"skills_en\.csv, line \d+: the archive is damaged here"):
        import_esco(*downloads)


def test_something_that_is_not_an_esco_download_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("ESCO")
    with pytest.raises(CommandError, match=r"notes\.txt: not an ESCO download: give a folder, a \.zip"):
        import_esco(notes)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match=r"empty: no ESCO file in it"):
        import_esco(tmp_path / "empty")


def test_a_tar_gz_imports_without_being_unpacked(downloads, tmp_path):
    """The tar's members are read where they are: the import leaves no file behind."""
    folder, tar = downloads
    only_tar = tmp_path / "only"
    only_tar.mkdir()
    with tarfile.open(tar) as packed:
        names = sorted(packed.getnames())
    assert names == ["ISCOGroups_en.csv", "ISCOGroups_fr.csv", "occupations_en.csv", "occupations_fr.csv"]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    import_esco(folder, tar)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


# ---------------------------------------------------------------------------------------------
# The real thing: ESCO v1.1.1's downloads whole (../shared/esco-full) and the French occupations (esco-real).


@pytest.mark.slow
def test_the_whole_real_esco_imports_every_skill_and_link_in_both_languages():
    """About 15 s on SQLite, 25 s on PostgreSQL (2 cores)."""
    full, real = esco_real.full(), esco_real.archive()
    if not full.is_dir() or not real.is_file():
        pytest.skip(f"the real ESCO downloads are not at {full} and {real} (set ESCO_FULL_DIR and ESCO_REAL_DIR)")
    start = time.perf_counter()
    report = import_esco(full, real)
    seconds = time.perf_counter() - start
    imported_skills = Skill.objects.filter(origin=Origin.IMPORTED)
    figures = {
        "seconds": round(seconds, 1),
        "database": connection.vendor,
        "occupations": Role.objects.filter(origin=Origin.IMPORTED).count(),
        "with a French title": Role.objects.filter(origin=Origin.IMPORTED).exclude(title_fr="").count(),
        "skills": imported_skills.count(),
        "with an English description": imported_skills.exclude(description_en="").count(),
        "with a French name": imported_skills.exclude(name_fr=None).exclude(name_fr="").count(),
        "placed in the hierarchy": imported_skills.exclude(hierarchy_group="").count(),
        "hierarchy groups": imported_skills.exclude(hierarchy_group="").values("hierarchy_group").distinct().count(),
        "links": RoleSkill.objects.filter(role__origin=Origin.IMPORTED).count(),
        "essential links": RoleSkill.objects.filter(role__origin=Origin.IMPORTED, importance=Importance.ESSENTIAL).count(),
    }
    print(f"\nThe real ESCO import: {figures}")
    assert figures["occupations"] == figures["with a French title"] == esco_real.OCCUPATION_COUNT, figures
    occupations = Role.objects.filter(origin=Origin.IMPORTED)
    assert occupations.exclude(title_feminine="").count() > 2000  # ESCO's French pairs, split
    assert not occupations.filter(title_fr__contains="/", title_feminine="").exists()
    # The whole pillar, and the 106 skills of the older French file that v1.1.1 no longer has.
    assert imported_skills.filter(description_en__gt="").count() == esco_real.FULL_SKILL_COUNT, figures
    assert figures["with a French name"] > 13300, figures  # 13,379 of the 13,896 have one in the French file
    assert figures["placed in the hierarchy"] == esco_real.FULL_SKILL_COUNT, figures
    assert figures["links"] == esco_real.FULL_LINK_COUNT, figures
    assert 60000 < figures["essential links"] < 70000, figures
    assert Skill.objects.get(name_en="manage logistics").hierarchy_group == "S4.2", figures
    assert "skill links: 123788 created, 67 skipped" in report, report[:2000]
    assert Source.objects.filter(file_name="esco-v1.1").exists()
