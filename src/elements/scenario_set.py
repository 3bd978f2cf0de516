"""A trainer's own scenarios: uploaded files read into a list of Scenarios, or refused with
the file (and the file inside a ZIP) and the field named.

What an upload may be:
- one scenario file, YAML or JSON (the contract's format; what `elements check` reads);
- a YAML file of several scenarios: documents separated by `---`, or one mapping whose only
  key is `scenarios:`, a list of them;
- the app's own JSON export, `{"scenario": ..., "result": ...}`: its scenario is read and its
  result left aside (the engine works it out again);
- a ZIP of such files, read one level deep: an archive inside it, a path that climbs out
  (`..`) or starts at the root, a link, an encrypted entry, too many entries or too many
  bytes are refused. Folders and the metadata operating systems add (__MACOSX/, .DS_Store,
  Thumbs.db, desktop.ini) are passed over; any other file that is not YAML or JSON is refused.

Every scenario goes through api.validate_scenario, as a file for the CLI does, and every
document through the same YAML reader (yamlfile.parse_mapping). Ids must differ within a set
(ignoring case, as a case-insensitive file system would); a scenario without an id takes its
file's name (with its number in the file when the file holds several), so that every
scenario of a set can be told apart. A set with any bad file is refused as a whole, with
every problem found, one per file: nothing is loaded halfway.
"""
from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import PurePosixPath
from typing import Any, Iterable

from .api import validate_scenario
from .authoring import slug
from .errors import InputError
from .model import Scenario
from .yamlfile import parse_mapping, size_words

MAX_FILE_BYTES = 1024 * 1024  # one YAML or JSON file; a library scenario is about 4 KB
MAX_TOTAL_BYTES = 4 * 1024 * 1024  # everything read from one set, ZIP entries unpacked
MAX_FILES = 200  # files in a set, counting the entries of a ZIP
MAX_SCENARIOS = 200  # scenarios in a set

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".jar", ".whl")
# What archives start with: a ZIP, gzip, bzip2, xz, 7-Zip, RAR.
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")
OS_METADATA = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")
# A line that starts or ends a YAML document (at the start of a line, nowhere else).
_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)")
_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t]|$)")


class SetRefused(InputError):
    """A set with at least one bad file: the first problem is its line, all are in `problems`."""

    def __init__(self, problems: list[InputError]):
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(first.source, first.field, first.message + more)
        self.problems = problems


class _Budget:
    """The bytes and files a set may still use."""

    def __init__(self) -> None:
        self.bytes = MAX_TOTAL_BYTES
        self.files = MAX_FILES

    def take(self, source: str, size: int) -> None:
        self.files -= 1
        if self.files < 0:
            raise InputError(source, "", f"is one file too many: a set holds at most {MAX_FILES} files")
        if size > MAX_FILE_BYTES:
            # The words of the CLI and of a single file's reader (yamlfile), so the Load page says the
            # same; the size too where it is far past the limit (an archive's entry that would unpack to it).
            far = f" ({_size(size)})" if size >= 2 * MAX_FILE_BYTES else ""
            raise InputError(source, "", f"is larger than {size_words(MAX_FILE_BYTES)}, the limit for this file{far}")
        self.bytes -= size
        if self.bytes < 0:
            raise InputError(source, "", f"takes the set past {_size(MAX_TOTAL_BYTES)} in all")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _within(prefix: str, error: InputError) -> InputError:
    """An error in a part of a document, with the part's name in front of its field."""
    field = prefix if error.field in ("", "(top level)") else f"{prefix}.{error.field}"
    return InputError(error.source, field, error.message)


def scenarios_in(data: dict[str, Any], source: str) -> list[Scenario]:
    """The scenarios of one parsed document: a scenario, a `scenarios:` list, or an export."""
    if "scenarios" in data:
        if set(data) != {"scenarios"}:
            others = ", ".join(sorted(str(k) for k in data if k != "scenarios"))
            raise InputError(source, "(top level)", f"a set file holds only `scenarios:` (found also {others})")
        items = data["scenarios"]
        if not isinstance(items, list) or not items:
            raise InputError(source, "scenarios", "must be a list of scenarios")
        out = []
        for index, item in enumerate(items):
            try:
                out.append(validate_scenario(item, source))
            except InputError as exc:
                raise _within(f"scenarios[{index}]", exc) from None
        return out
    if "scenario" in data and set(data) <= {"scenario", "result"}:  # the app's JSON export
        try:
            return [validate_scenario(data["scenario"], source)]
        except InputError as exc:
            raise _within("scenario", exc) from None
    return [validate_scenario(data, source)]


def _has_content(lines: list[str]) -> bool:
    """Whether a part holds a document, not only markers, directives, comments or blanks."""
    for index, line in enumerate(lines):
        bare = line.rstrip("\r\n")
        text = bare[3:] if index == 0 and _DOCUMENT_START.match(bare) else bare
        if line.startswith("%") or _DOCUMENT_END.match(bare):
            continue
        if text.strip() and not text.strip().startswith("#"):
            return True
    return False


def documents(text: str) -> list[tuple[int, str]]:
    """A YAML stream cut into its documents, each with the line it starts on. A document
    marker (`---`, `...`) can only stand at the start of a line outside any scalar, so cutting
    the lines there is exact; each part is then parsed on its own by the one YAML reader.
    Parts with nothing in them (a directive, a comment, an empty document) are left out."""
    parts: list[tuple[int, list[str]]] = [(1, [])]
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        bare = line.rstrip("\r\n")  # a marker line may end in CRLF
        if _DOCUMENT_START.match(bare):
            parts.append((number, [line]))
        elif _DOCUMENT_END.match(bare):
            parts[-1][1].append(line)
            parts.append((number + 1, []))
        else:
            parts[-1][1].append(line)
    return [(start, "".join(lines)) for start, lines in parts if _has_content(lines)]


def _is_archive(data: bytes) -> bool:
    return any(data.startswith(magic) for magic in ARCHIVE_MAGIC)


def read_text_file(name: str, data: bytes) -> list[tuple[str, Scenario]]:
    """One YAML or JSON file: one scenario, or several (documents, or a `scenarios:` list),
    each with the source its errors would name."""
    if _is_archive(data):
        raise InputError(name, "", "is an archive, not a YAML or JSON file")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is no part of the first document
    except UnicodeDecodeError:
        text = ""  # the reader below says what is wrong with it
    parts = [] if name.lower().endswith(".json") or not text else documents(text)
    if len(parts) <= 1:
        return [(name, s) for s in scenarios_in(parse_mapping(data, name, InputError), name)]
    out = []
    for number, (line, part) in enumerate(parts, 1):
        source = f"{name}, document {number} (line {line})"
        out += [(source, s) for s in scenarios_in(parse_mapping(part, source, InputError), source)]
    return out


def _metadata(member: str) -> bool:
    return member.startswith("__MACOSX/") or PurePosixPath(member).name in OS_METADATA


def _check_member(archive: str, info: zipfile.ZipInfo) -> str:
    """The entry's source name, or InputError if it may not be read."""
    member = info.filename
    source = f"{archive}, {member}"
    parts = member.replace("\\", "/").split("/")
    if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member) or ".." in parts:
        raise InputError(source, "", "has a path that leaves the archive (.. or an absolute path): refused")
    if info.flag_bits & 0x1:
        raise InputError(source, "", "is encrypted: a set's files must be readable as they are")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InputError(source, "", "is a link, not a file")
    lower = member.lower()
    if lower.endswith(ARCHIVE_SUFFIXES):
        raise InputError(source, "", "is an archive inside the archive: a ZIP is read one level deep")
    if not lower.endswith(SCENARIO_SUFFIXES):
        raise InputError(source, "", "is not a YAML or JSON file (.yaml, .yml or .json)")
    return source


def read_zip(name: str, data: bytes, budget: _Budget) -> list[tuple[str, list[tuple[str, Scenario]]]]:
    """The scenario files of a ZIP: (entry name, its scenarios), or InputError naming the entry."""
    if len(data) > MAX_TOTAL_BYTES:
        raise InputError(name, "", f"is {_size(len(data))}; a set is at most {_size(MAX_TOTAL_BYTES)}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise InputError(name, "", "is not a ZIP file that can be read") from None
    files = [info for info in infos if not info.is_dir() and not _metadata(info.filename)]
    if len(files) > MAX_FILES:
        raise InputError(name, "", f"holds {len(files)} files; a set holds at most {MAX_FILES}")
    if not files:
        raise InputError(name, "", "holds no YAML or JSON file")
    out = []
    for info in files:
        source = _check_member(name, info)
        budget.take(source, info.file_size)
        try:
            with archive.open(info) as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise InputError(source, "", f"cannot be unpacked ({exc})") from None
        if len(raw) > MAX_FILE_BYTES:  # its header said less
            raise InputError(source, "", f"is more than {_size(MAX_FILE_BYTES)}; a scenario file is at most that")
        if _is_archive(raw):
            raise InputError(source, "", "is an archive inside the archive: a ZIP is read one level deep")
        out.append((info.filename, read_text_file(source, raw)))
    return out


def _with_ids(file_name: str, found: list[tuple[str, Scenario]]) -> list[tuple[str, Scenario]]:
    """A scenario without an id takes its file's name (and its number, in a file of several)."""
    stem = slug(PurePosixPath(file_name.replace("\\", "/")).stem)
    if len(found) == 1:
        return [(src, s if s.id else s.model_copy(update={"id": stem})) for src, s in found]
    return [(src, s if s.id else s.model_copy(update={"id": f"{stem}-{n}"})) for n, (src, s) in enumerate(found, 1)]


def read_uploads(files: Iterable[tuple[str, bytes]]) -> list[Scenario]:
    """Every scenario of the uploaded files (name, content), in order, or SetRefused (an
    InputError) listing the problem of every bad file and every id used twice."""
    problems: list[InputError] = []
    found: list[tuple[str, Scenario]] = []
    budget = _Budget()
    for name, data in files:
        lower = name.lower()
        try:
            if lower.endswith(".zip"):
                for member, in_member in read_zip(name, data, budget):
                    found += _with_ids(member, in_member)
            elif lower.endswith(SCENARIO_SUFFIXES):
                budget.take(name, len(data))
                found += _with_ids(name, read_text_file(name, data))
            elif lower.endswith(ARCHIVE_SUFFIXES):
                raise InputError(name, "", "is an archive that is not a ZIP: upload a ZIP, or the files themselves")
            else:
                raise InputError(name, "", "is not a YAML, JSON or ZIP file")
        except InputError as exc:
            problems.append(exc)
    seen: dict[str, str] = {}
    scenarios: list[Scenario] = []
    for source, scenario in found:
        key = (scenario.id or "").casefold()
        if key in seen:
            problems.append(InputError(source, "id", f"{scenario.id} is also the id of the scenario in {seen[key]}: "
                                                     "each scenario of a set needs its own id"))
            continue
        seen[key] = source
        scenarios.append(scenario)
    if len(scenarios) > MAX_SCENARIOS:
        problems.append(InputError("the set", "", f"holds {len(scenarios)} scenarios; a set holds at most {MAX_SCENARIOS}"))
    if problems:
        raise SetRefused(problems)
    return scenarios


__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_SCENARIOS",
    "MAX_TOTAL_BYTES",
    "SetRefused",
    "documents",
    "read_text_file",
    "read_uploads",
    "read_zip",
    "scenarios_in",
]
