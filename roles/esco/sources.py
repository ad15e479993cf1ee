"""Finding ESCO's files in what the operator names, as ESCO publishes them: a folder of CSV files (and of the
archives below), a zip (the per-language classification, "ESCO dataset - v1.1.1 - classification - en - csv.zip",
or the language-neutral relations, "… classification -  - csv.zip"), a .tar.gz, a single .csv.gz. Files are read
straight out of their archive when the import reaches them; nothing is unpacked to disk.

When several sources hold the same file (same kind, same language), all are read and, for each concept or link,
the source named last wins: `import_esco full/ newer.tar.gz` takes the newer labels where the newer set has them.
"""

import contextlib
import gzip
import struct
import tarfile
import zipfile
from pathlib import Path

from .reading import FILES, KIND_OF_STEM, MEMBER_NAME, ORDER, PER_LANGUAGE, EscoFile, EscoFileError

HIERARCHY = ("hierarchy", "skill_broader")  # optional, but each needs the other
SUPPORTED = "a folder, a .zip, a .tar.gz or a .csv.gz"


def esco_files(sources: list[Path], languages: list[str]) -> list[EscoFile]:
    """Every file the import needs from `sources`, in the order it reads them; refuses if one is missing."""
    found = []
    for source in sources:
        in_source = files_in(source)
        if not in_source:
            raise EscoFileError(source.name, 0, None, "no ESCO file in it (ISCOGroups_en.csv, skills_en.csv, …)")
        found += in_source
    # The skills hierarchy's codes are the same in every language: any language's copy will do.
    wanted = [f for f in found if f.language in languages or f.language is None or f.kind in HIERARCHY]
    where = ", ".join(source.name for source in sources)
    for language in languages:
        for kind in ORDER:
            if kind not in HIERARCHY and not any(
                f.kind == kind and f.language in (language, None if kind not in PER_LANGUAGE else language) for f in wanted
            ):
                raise EscoFileError(f"{FILES[kind][0]}_{language}.csv", 0, None, f"file not found in {where}")
    kinds = {f.kind for f in wanted}
    for kind, needed in (("hierarchy", "skill_broader"), ("skill_broader", "hierarchy")):
        if kind in kinds and needed not in kinds:
            raise EscoFileError(
                f"{FILES[needed][0]}.csv", 0, None, f"file not found in {where}: a skill's group needs both hierarchy files"
            )
    # Stable: within a kind, the languages in the order asked, then the sources in the order named.
    rank = {language: index for index, language in enumerate(languages)}
    return sorted(wanted, key=lambda f: (ORDER.index(f.kind), rank.get(f.language, len(rank))))


def files_in(source: Path) -> list[EscoFile]:
    name = source.name
    if source.is_dir():
        return [
            esco_file
            for entry in sorted(source.iterdir())
            if entry.is_file() and (entry.suffix == ".csv" or is_archive(entry))
            for esco_file in files_in(entry)
        ]
    if not source.is_file():
        raise EscoFileError(str(source), 0, None, "no such file or folder")
    if name.endswith(".csv"):
        return described(name, name, source.stat().st_size, lambda: source.open("rb"))
    if name.endswith(".zip"):
        return zip_members(source)
    if name.endswith((".tar.gz", ".tgz", ".tar")):
        return tar_members(source)
    if name.endswith(".csv.gz"):
        return gzip_file(source)
    raise EscoFileError(name, 0, None, f"not an ESCO download: give {SUPPORTED}")


def is_archive(path: Path) -> bool:
    return path.name.endswith((".zip", ".tar.gz", ".tgz", ".tar", ".csv.gz"))


def described(member: str, name: str, size: int, opener) -> list[EscoFile]:
    """The file as the import knows it, if its name is one of ESCO's; [] for the others (collections, schemes)."""
    match = MEMBER_NAME.match(member.rsplit("/", 1)[-1])
    if not match or match["stem"] not in KIND_OF_STEM:
        return []
    kind = KIND_OF_STEM[match["stem"]]
    if kind in PER_LANGUAGE and not match["language"]:
        return []
    return [EscoFile(kind, match["language"], name, size, opener)]


def zip_members(path: Path) -> list[EscoFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile as error:
        raise EscoFileError(path.name, 0, None, f"not a zip archive ({error})") from error

    def opener(info: zipfile.ZipInfo):
        @contextlib.contextmanager
        def opened():
            with zipfile.ZipFile(path) as archive, archive.open(info) as member:
                yield member

        return opened

    return [
        esco_file
        for info in members
        for esco_file in described(info.filename, f"{path.name}/{info.filename}", info.file_size, opener(info))
    ]


def tar_members(path: Path) -> list[EscoFile]:
    try:
        with tarfile.open(path) as archive:
            members = [info for info in archive.getmembers() if info.isfile()]
    except (tarfile.TarError, OSError, EOFError) as error:
        raise EscoFileError(path.name, 0, None, f"not a tar archive ({error})") from error

    def opener(info: tarfile.TarInfo):
        @contextlib.contextmanager
        def opened():
            # Opened by its entry, the member is found where the listing saw it, without reading the archive again.
            with tarfile.open(path) as archive, archive.extractfile(info) as member:
                yield member

        return opened

    return [
        esco_file for info in members for esco_file in described(info.name, f"{path.name}/{info.name}", info.size, opener(info))
    ]


def gzip_file(path: Path) -> list[EscoFile]:
    with path.open("rb") as raw:
        if raw.read(2) != b"\x1f\x8b":
            raise EscoFileError(path.name, 0, None, "not a gzip file")
        raw.seek(-4, 2)
        size = struct.unpack("<I", raw.read(4))[0]  # gzip's trailer: the unpacked size (modulo 4 GiB)
    return described(path.name.removesuffix(".gz"), path.name, size, lambda: gzip.open(path, "rb"))
