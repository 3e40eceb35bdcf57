"""Streaming readers for articles: .txt files, JSONL files, folders of them, and stdin."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_BOM = b"\xef\xbb\xbf"
_MAX_REASON = 300


@dataclass(frozen=True)
class Record:
    """One article read from an input, ready for the pipeline."""

    text: str
    id: str = ""
    date: str | None = None
    title: str = ""
    url: str = ""
    mentions: tuple[tuple[int, int], ...] | None = None
    triggers: tuple[tuple[int, int], ...] | None = None
    source: str = ""
    line: int | None = None  # 1-based line in a JSONL input; None for a whole file
    nbytes: int = 0  # raw size in the input, for progress


@dataclass(frozen=True)
class Failure:
    """A record that could not be read or processed, as written to the errors file."""

    reason: str
    id: str = ""
    source: str = ""
    line: int | None = None
    nbytes: int = 0

    def to_json(self) -> str:
        """The errors-file line for this failure (JSON, no trailing newline)."""
        row = {"source": self.source, "line": self.line, "id": self.id, "reason": self.reason}
        return json.dumps(row, ensure_ascii=False)


Item = Record | Failure


class RecordError(ValueError):
    """A JSONL record that is well-formed JSON but not a valid article."""


def one_line(message: str, limit: int = _MAX_REASON) -> str:
    """Collapse a message to a single line of at most `limit` characters."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_unicode(value: str, name: str) -> None:
    # json.loads accepts lone surrogates ("\ud800"), which cannot be written out as UTF-8 later.
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise RecordError(f"invalid Unicode in {name}: lone surrogate at {exc.start}") from None


def _optional_str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise RecordError(f"wrong type: {key} must be a string, got {type(value).__name__}")
    value = str(value)
    _check_unicode(value, key)
    return value


def _spans(obj: dict, key: str, length: int) -> tuple[tuple[int, int], ...] | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise RecordError(f"wrong type: {key} must be a list, got {type(value).__name__}")
    spans = []
    for i, span in enumerate(value):
        if isinstance(span, dict):
            start, end = span.get("start"), span.get("end")
        elif isinstance(span, list) and len(span) == 2:
            start, end = span
        else:
            raise RecordError(f"wrong type: {key}[{i}] must be an object with start and end")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise RecordError(f"wrong type: {key}[{i}] start and end must be integers")
        if not 0 <= start < end <= length:
            raise RecordError(f"bad span: {key}[{i}] [{start}, {end}) outside text of {length}")
        spans.append((start, end))
    return tuple(spans)


def record_from_json(
    obj: object, *, source: str = "", line: int | None = None, nbytes: int = 0, default_id: str = ""
) -> Record:
    """Validate one decoded JSONL object and build its Record; raises RecordError."""
    if not isinstance(obj, dict):
        raise RecordError(f"not a JSON object: got {type(obj).__name__}")
    if "text" not in obj:
        raise RecordError("missing text")
    text = obj["text"]
    if not isinstance(text, str):
        raise RecordError(f"wrong type: text must be a string, got {type(text).__name__}")
    _check_unicode(text, "text")
    return Record(
        text=text,
        id=_optional_str(obj, "id") or default_id,
        date=_optional_str(obj, "date"),
        title=_optional_str(obj, "title") or "",
        url=_optional_str(obj, "url") or "",
        mentions=_spans(obj, "mentions", len(text)),
        triggers=_spans(obj, "events", len(text)),
        source=source,
        line=line,
        nbytes=nbytes,
    )


def _guess_id(raw: bytes) -> str:
    """Best-effort id of a line that failed to load, for the errors file."""
    try:
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return ""
    if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)):
        return one_line(str(obj["id"]), 200)
    return ""


def parse_jsonl_line(raw: bytes, *, source: str, line: int, stem: str) -> Item | None:
    """One raw JSONL line → Record, Failure, or None for a blank line."""
    nbytes = len(raw)
    if line == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    raw = raw.rstrip(b"\r\n")
    if not raw.strip():
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"undecodable bytes: {exc.reason} at byte {exc.start}"
        guess = _guess_id(raw.decode("utf-8", "replace").encode())
        return Failure(reason, id=guess, source=source, line=line, nbytes=nbytes)
    try:
        obj = json.loads(decoded)
    except ValueError as exc:
        reason = one_line(f"bad JSON: {exc}")
        return Failure(reason, source=source, line=line, nbytes=nbytes)
    try:
        return record_from_json(
            obj, source=source, line=line, nbytes=nbytes, default_id=f"{stem}:{line}"
        )
    except RecordError as exc:
        return Failure(one_line(str(exc)), _guess_id(raw), source, line, nbytes)


def read_jsonl_stream(
    stream: BinaryIO, *, source: str, stem: str, first_line: int = 1, first: bytes | None = None
) -> Iterator[Item]:
    """Records and failures from a binary JSONL stream, one line at a time."""
    line = first_line
    if first is not None:
        item = parse_jsonl_line(first, source=source, line=line, stem=stem)
        if item is not None:
            yield item
        line += 1
    for raw in stream:
        item = parse_jsonl_line(raw, source=source, line=line, stem=stem)
        if item is not None:
            yield item
        line += 1


def read_jsonl(path: str | os.PathLike) -> Iterator[Item]:
    """Records and failures from a JSONL file, streamed."""
    path = Path(path)
    with open(path, "rb") as stream:
        yield from read_jsonl_stream(stream, source=str(path), stem=path.stem)


def _text_item(data: bytes, *, source: str, id: str) -> Item:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"undecodable bytes: {exc.reason} at byte {exc.start}"
        return Failure(reason, id=id, source=source, nbytes=len(data))
    return Record(text=text, id=id, source=source, nbytes=len(data))


def read_text(path: str | os.PathLike) -> Item:
    """One article from a plain-text file; its id is the file's stem."""
    path = Path(path)
    return _text_item(path.read_bytes(), source=str(path), id=path.stem)


def _looks_like_jsonl(raw: bytes) -> bool:
    try:
        obj = json.loads(raw.lstrip(_BOM))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(obj, dict) and "text" in obj


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Item]:
    """stdin as JSONL when its first line is a JSON object with "text", else one article."""
    stream = stream if stream is not None else sys.stdin.buffer
    skipped = []
    for raw in stream:
        if raw.strip():
            break
        skipped.append(raw)
    else:
        raw = b""
    if raw and _looks_like_jsonl(raw):
        yield from read_jsonl_stream(
            stream, source="<stdin>", stem="stdin", first_line=len(skipped) + 1, first=raw
        )
        return
    if not raw and not skipped:
        return  # empty stdin: no articles
    data = b"".join(skipped) + raw + stream.read()
    yield _text_item(data, source="<stdin>", id="stdin")


def is_text_file(path: Path) -> bool:
    """True for paths read as one plain-text article."""
    return path.suffix.lower() in TEXT_SUFFIXES


def is_jsonl_file(path: Path) -> bool:
    """True for paths read as JSONL, one article a line."""
    return path.suffix.lower() in JSONL_SUFFIXES


def _folder_files(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and (is_text_file(path) or is_jsonl_file(path)):
                found.append(path)
    return sorted(found)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Input arguments → the files and `-` to read, in order; raises OSError/ValueError."""
    out: list[str] = []
    for arg in inputs:
        if arg == "-":
            out.append(arg)
            continue
        path = Path(arg)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                raise ValueError(f"{arg}: folder holds no .txt or .jsonl files")
            out.extend(str(p) for p in files)
        elif path.is_file():
            if not (is_text_file(path) or is_jsonl_file(path)):
                raise ValueError(
                    f"{arg}: unsupported input type (expected .txt, .jsonl or a folder)"
                )
            out.append(str(path))
        elif path.exists():
            raise ValueError(f"{arg}: not a regular file or folder")
        else:
            raise FileNotFoundError(f"{arg}: no such file or folder")
    return out


def input_size(files: Iterable[str]) -> int | None:
    """Total bytes of the given files, or None when one of them is stdin."""
    total = 0
    for name in files:
        if name == "-":
            return None
        total += os.path.getsize(name)
    return total


def read_files(files: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Stream records and failures from already expanded files (and `-`), in order."""
    for name in files:
        if name == "-":
            yield from read_stdin(stdin)
        elif is_jsonl_file(Path(name)):
            yield from read_jsonl(name)
        else:
            yield read_text(name)


def read_inputs(inputs: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Stream records and failures from input arguments (files, folders, `-`), in order."""
    return read_files(expand_inputs(inputs), stdin=stdin)
