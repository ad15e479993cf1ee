"""Reading ESCO's CSV files: each file found by its name, read by column name (ESCO 1.1 and 1.2 differ in their
columns), streamed record by record with the line it starts on. What makes a file unreadable (a missing
column, broken CSV, text that is not UTF-8, a control character) is raised with its file, line and column.
"""

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# What each file is called and the columns the import reads; other columns are ignored.
FILES = {
    "isco": ("ISCOGroups_{lang}.csv", ("conceptUri", "code", "preferredLabel", "description")),
    "skills": ("skills_{lang}.csv", ("conceptUri", "skillType", "preferredLabel", "status", "description")),
    "occupations": (
        "occupations_{lang}.csv",
        ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "status", "definition", "description"),
    ),
    "relations": ("occupationSkillRelations_{lang}.csv", ("occupationUri", "relationType", "skillUri")),
    "broader": ("broaderRelationsOccPillar_{lang}.csv", ("conceptType", "conceptUri", "broaderType", "broaderUri")),
}
ORDER = ("isco", "broader", "skills", "occupations", "relations")  # each file only needs the ones before it
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


@dataclass
class EscoFile:
    kind: str
    language: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def error(self, line: int, column: str | None, message: str) -> EscoFileError:
        return EscoFileError(self.name, line, column, message)

    def header(self) -> list[str]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])

    def rows(self, advance: Callable[[int], None] = lambda n: None) -> Iterator[Row]:
        """Each record with the line it starts on; `advance` is told how many bytes were read."""
        with self.path.open("rb") as raw:
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
        for number, line in enumerate(raw, start=1):
            advance(len(line))
            try:
                yield line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise self.error(number, None, f"not UTF-8 text ({error.reason} at byte {error.start})") from error


def esco_files(directory: Path, languages: list[str]) -> list[EscoFile]:
    """Every file the import needs, in the order it writes them; refuses if one is missing."""
    files = []
    for kind in ORDER:
        for language in languages:
            path = directory / FILES[kind][0].format(lang=language)
            if not path.is_file():
                raise EscoFileError(path.name, 0, None, f"file not found in {directory}")
            files.append(EscoFile(kind, language, path))
    return files


def detect_version(files: list[EscoFile]) -> str:
    """ESCO 1.2 added naceCode to the occupations; 1.1 does not have it."""
    occupations = next(f for f in files if f.kind == "occupations")
    return "1.2" if "naceCode" in occupations.header() else "1.1"
