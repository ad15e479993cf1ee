"""Reading ESCO's CSV files: each file found by its name, read by column name (ESCO 1.1 and 1.2 differ in their
columns), streamed record by record with the line it starts on. What makes a file unreadable (a missing
column, broken CSV, text that is not UTF-8, a control character) is raised with its file, line and column.

The files come from ESCO's downloads as ESCO publishes them (`sources`): a folder, a per-language classification
zip, the language-neutral relations zip, a .tar.gz, a single .csv.gz; each file is read straight out of its
archive, never unpacked to disk.
"""

import csv
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# What each file is called and the columns the import reads; other columns are ignored. Files named without a
# language (the relations download: "occupationSkillRelations.csv") hold language-neutral rows.
FILES = {
    "isco": ("ISCOGroups", ("conceptUri", "code", "preferredLabel", "description")),
    # ESCO's older French skills file has no status column: its skills count as released.
    "skills": ("skills", ("conceptUri", "skillType", "preferredLabel", "description")),
    "occupations": (
        "occupations",
        ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "status", "definition", "description"),
    ),
    "relations": ("occupationSkillRelations", ("occupationUri", "relationType", "skillUri")),
    "broader": ("broaderRelationsOccPillar", ("conceptType", "conceptUri", "broaderType", "broaderUri")),
    "skill_broader": ("broaderRelationsSkillPillar", ("conceptType", "conceptUri", "broaderType", "broaderUri")),
    "hierarchy": (
        "skillsHierarchy",
        tuple(f"Level {level} {part}" for level in range(4) for part in ("URI", "code")),
    ),
}
# Each kind only needs the ones before it.
ORDER = ("isco", "broader", "skills", "occupations", "relations", "hierarchy", "skill_broader")
# ESCO's skills hierarchy leaves out the empty cells at the end of a row for a group above level 3.
ENDS_EARLY = ("hierarchy",)
PER_LANGUAGE = ("isco", "skills", "occupations")  # the others may also come without a language
KIND_OF_STEM = {stem: kind for kind, (stem, _columns) in FILES.items()}
MEMBER_NAME = re.compile(r"^(?P<stem>[A-Za-z]+?)(?:_(?P<language>[a-z]{2}))?\.csv$")
# Text never holds C0 control characters other than tab and line breaks, nor DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EscoFileError(Exception):
    def __init__(self, file: str, line: int, column: str | None, message: str):
        self.file, self.line, self.column = file, line, column
        where = file + (f", line {line}" if line else "") + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass(eq=False)
class EscoFile:
    """One CSV file of ESCO's: `name` says where it is (inside its archive, if any), `open` opens its bytes."""

    kind: str
    language: str | None  # None: language-neutral
    name: str
    size: int  # bytes once unpacked, for the progress bar
    open: Callable[[], BinaryIO]

    def error(self, line: int, column: str | None, message: str) -> EscoFileError:
        return EscoFileError(self.name, line, column, message)

    def header(self) -> list[str]:
        with self.open() as raw:
            return next(csv.reader(self._lines(raw, lambda n: None)), [])

    def rows(self, advance: Callable[[int], None] = lambda n: None) -> Iterator[Row]:
        """Each record with the line it starts on; `advance` is told how many bytes were read."""
        with self.open() as raw:
            reader = csv.reader(self._lines(raw, advance))
            try:
                header = next(reader)
            except StopIteration:
                raise self.error(1, None, "the file is empty") from None
            missing = [column for column in FILES[self.kind][1] if column not in header]
            if missing:
                raise self.error(1, missing[0], f"missing column (the header has: {', '.join(header)})")
            last_line = reader.line_num
            try:
                for record in reader:
                    line, last_line = last_line + 1, reader.line_num
                    if record == []:
                        continue  # a blank line
                    if len(record) < len(header) and self.kind in ENDS_EARLY:
                        record += [""] * (len(header) - len(record))
                    if len(record) != len(header):
                        column = header[len(record)] if len(record) < len(header) else None
                        raise self.error(line, column, f"{len(record)} values where the header has {len(header)}")
                    self._refuse_control_characters(line, header, record)
                    yield Row(line, dict(zip(header, record, strict=True)))
            except csv.Error as error:
                raise self.error(reader.line_num, None, f"malformed CSV ({error})") from error

    def _refuse_control_characters(self, line: int, header: list[str], record: list[str]) -> None:
        """A NUL or another control character means a damaged file, not text: refuse it where it is."""
        for column, value in zip(header, record, strict=True):
            if found := CONTROL.search(value):
                before = value[: found.start()]
                raise self.error(
                    line + before.count("\n"),
                    column,
                    f"control character U+{ord(found.group()):04X} in the text (a damaged file?)",
                )
            line += value.count("\n")

    def _lines(self, raw, advance) -> Iterator[str]:
        number = 0
        try:
            for number, line in enumerate(raw, start=1):
                advance(len(line))
                try:
                    yield line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as error:
                    raise self.error(number, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from error
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as error:  # a truncated or corrupted archive
            raise self.error(number + 1, None, f"the archive is damaged here ({error})") from error


def detect_version(files: list[EscoFile]) -> str:
    """ESCO 1.2 added naceCode to the occupations; 1.1 does not have it."""
    occupations = next(f for f in files if f.kind == "occupations")
    return "1.2" if "naceCode" in occupations.header() else "1.1"
