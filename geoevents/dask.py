"""Dask: events and place mentions from corpora larger than one machine.

Python: `events_from_bag` / `places_from_bag` (a dask bag of texts or of article dicts) and
`events_from_dataframe` / `places_from_dataframe` (a dask DataFrame with a text column) return
dask-geopandas GeoDataFrames with the columns of geoevents.frames. CLI: `--engine dask` reads
the inputs in partitions on the workers and writes partitioned GeoParquet (`part.N.parquet`).
Needs the `[dask]` extra: dask[distributed], dask-geopandas, pyarrow.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .batch import apply_one, default_jobs, record_rows
from .frames import EVENT_SCHEMA, PLACE_SCHEMA, frame_from_records
from .inputs import (
    Failure,
    Item,
    Record,
    RecordError,
    is_jsonl_file,
    parse_jsonl_line,
    read_text,
    record_from_json,
)

SCHEMAS = {"events": EVENT_SCHEMA, "places": PLACE_SCHEMA}
PARTITION_BYTES = 16 << 20  # upper bound of input bytes per partition
TEXT_FILES_PER_PARTITION = 256


def _require() -> None:
    try:
        import dask  # noqa: F401
        import dask_geopandas  # noqa: F401
    except ImportError:
        raise OSError(
            "the Dask engine needs the [dask] extra: pip install 'geoevents[dask]'"
        ) from None


# ---------------------------------------------------------------------------------------------
# Python API


def _element_record(element: Any, default_id: str) -> Record:
    if isinstance(element, Record):
        return element
    if isinstance(element, str):
        return record_from_json({"text": element}, default_id=default_id)
    return record_from_json(element, default_id=default_id)


def _frame_of(items: Iterable[Any], layer: str, parse: Callable | None, on_error: str, prefix: str):
    """One partition: texts, dicts or Records → GeoDataFrame rows of `layer`."""
    rows: list[dict] = []
    func = partial(record_rows, layers=(layer,), parse=parse)
    for i, element in enumerate(items):
        try:
            item: Item = _element_record(element, f"{prefix}{i}")
        except RecordError as exc:
            item = Failure(str(exc), id=f"{prefix}{i}")
        result = apply_one(func, item)
        if isinstance(result, Failure):
            if on_error == "raise":
                raise ValueError(f"document {result.id or i}: {result.reason}")
            continue
        rows.extend(getattr(result, layer))
    return frame_from_records(rows, SCHEMAS[layer])


def _from_partitions(parts: Sequence[Any], layer: str, parse: Callable | None, on_error: str):
    import dask
    import dask.dataframe as dd

    if on_error not in {"skip", "raise"}:
        raise ValueError("on_error must be 'skip' or 'raise'")
    make = dask.delayed(_frame_of, pure=True)
    frames = [make(part, layer, parse, on_error, f"p{i}:") for i, part in enumerate(parts)]
    meta = frame_from_records([], SCHEMAS[layer])
    return dd.from_delayed(frames, meta=meta, verify_meta=False)


def _bag_parts(bag: Any) -> list[Any]:
    return list(bag.to_delayed())


def events_from_bag(bag: Any, *, parse: Callable | None = None, on_error: str = "skip"):
    """A dask-geopandas GeoDataFrame of events from a bag of texts or article dicts.

    Dicts follow the JSONL input ({"text", "id", "date", "title", "url", "mentions", "events"});
    texts get the id "p<partition>:<index>". Documents that fail are skipped (on_error="skip")
    or stop the computation (on_error="raise").
    """
    _require()
    return _from_partitions(_bag_parts(bag), "events", parse, on_error)


def places_from_bag(bag: Any, *, parse: Callable | None = None, on_error: str = "skip"):
    """A dask-geopandas GeoDataFrame of place mentions from a bag of texts or article dicts."""
    _require()
    return _from_partitions(_bag_parts(bag), "places", parse, on_error)


def _dataframe_records(frame: Any, columns: dict[str, str | None]) -> list[dict]:
    out = []
    text_col = columns["text"]
    if text_col not in frame.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame")
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        rec = {"text": row[text_col], "id": str(index)}
        for key in ("id", "date", "title", "url"):
            col = columns.get(key)
            value = row.get(col) if col else None
            if value is not None and value == value:  # not NaN
                rec[key] = value if key != "date" else str(value)
        out.append(rec)
    return out


def _frame_parts(ddf: Any, columns: dict[str, str | None]) -> list[Any]:
    import dask

    to_records = dask.delayed(_dataframe_records, pure=True)
    return [to_records(part, columns) for part in ddf.to_delayed()]


def events_from_dataframe(
    ddf: Any,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    url_column: str | None = None,
    parse: Callable | None = None,
    on_error: str = "skip",
):
    """A dask-geopandas GeoDataFrame of events from a dask DataFrame with a text column.

    Document ids come from `id_column`, else from the DataFrame's index.
    """
    _require()
    cols = {
        "text": text_column,
        "id": id_column,
        "date": date_column,
        "title": title_column,
        "url": url_column,
    }
    return _from_partitions(_frame_parts(ddf, cols), "events", parse, on_error)


def places_from_dataframe(
    ddf: Any,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    url_column: str | None = None,
    parse: Callable | None = None,
    on_error: str = "skip",
):
    """A dask-geopandas GeoDataFrame of place mentions from a dask DataFrame with a text column."""
    _require()
    cols = {
        "text": text_column,
        "id": id_column,
        "date": date_column,
        "title": title_column,
        "url": url_column,
    }
    return _from_partitions(_frame_parts(ddf, cols), "places", parse, on_error)


# ---------------------------------------------------------------------------------------------
# Partitions of input files, read on the workers (paths must be visible to them)


@dataclass(frozen=True)
class Partition:
    """A slice of the inputs: lines [first_line, ...) of a JSONL byte range, or text files."""

    index: int
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    texts: tuple[str, ...] = ()

    @property
    def nbytes(self) -> int:
        """Input bytes in this partition (text files: their sizes)."""
        if self.texts:
            return sum(os.path.getsize(p) for p in self.texts)
        return self.end - self.start


def _jsonl_ranges(path: str, target: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) byte ranges of about `target` bytes, cut at line ends."""
    size = os.path.getsize(path)
    start, line = 0, 1
    with open(path, "rb") as fh:
        while start < size:
            fh.seek(min(start + target, size))
            fh.readline()  # move to the end of the line the cut falls in
            end = min(fh.tell(), size) if start + target < size else size
            fh.seek(start)
            lines = 0
            remaining = end - start
            while remaining > 0:  # count lines without holding the range in memory
                block = fh.read(min(remaining, 8 << 20))
                lines += block.count(b"\n")
                remaining -= len(block)
            yield start, end, line
            line += lines
            start = end


def plan_partitions(files: Sequence[str], target_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """Split expanded input files into partitions, in input order."""
    parts: list[Partition] = []
    texts: list[str] = []

    def flush_texts() -> None:
        if texts:
            parts.append(Partition(len(parts), texts=tuple(texts)))
            texts.clear()

    for name in files:
        if name == "-":
            raise ValueError("--engine dask reads files, not stdin: save the input to a file")
        if is_jsonl_file(Path(name)):
            flush_texts()
            for start, end, line in _jsonl_ranges(name, target_bytes):
                parts.append(Partition(len(parts), name, start, end, line))
        else:
            texts.append(name)
            if len(texts) >= TEXT_FILES_PER_PARTITION:
                flush_texts()
    flush_texts()
    return parts


def read_partition(part: Partition) -> Iterator[Item]:
    """The records and failures of one partition, streamed."""
    if part.texts:
        for name in part.texts:
            yield read_text(name)
        return
    stem = Path(part.path).stem
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        pos, line = part.start, part.first_line
        while pos < part.end:
            raw = fh.readline()
            if not raw:
                break
            pos += len(raw)
            item = parse_jsonl_line(raw, source=part.path, line=line, stem=stem)
            if item is not None:
                yield item
            line += 1


@dataclass(frozen=True)
class PartResult:
    """What a worker reports back for one partition."""

    index: int
    documents: int
    rows: int
    nbytes: int
    failures: tuple[Failure, ...]


def part_name(index: int) -> str:
    """File name of partition `index` in an output folder."""
    return f"part.{index:05d}.parquet"


def process_partition(
    part: Partition, layer: str, outdir: str, parse: Callable | None = None
) -> PartResult:
    """Read, parse and write one partition as a GeoParquet file (runs on a worker)."""
    from .sinks import GeoParquetSink

    func = partial(record_rows, layers=(layer,), parse=parse)
    sink = GeoParquetSink(os.path.join(outdir, part_name(part.index)), layer)
    documents = rows = nbytes = 0
    failures = []
    try:
        for item in read_partition(part):
            result = apply_one(func, item)
            nbytes += result.nbytes
            if isinstance(result, Failure):
                failures.append(result)
                continue
            got = getattr(result, layer)
            sink.add(layer, got)
            documents += 1
            rows += len(got)
    except BaseException:
        sink.abort()
        raise
    sink.close()
    return PartResult(part.index, documents, rows, nbytes, tuple(failures))


# ---------------------------------------------------------------------------------------------
# CLI: --engine dask


def _client(args: Any):
    from distributed import Client, LocalCluster

    if args.scheduler:
        return Client(args.scheduler), None
    jobs = args.jobs if args.jobs and args.jobs > 0 else default_jobs()
    cluster = LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,  # the CLI reports failures itself; no shutdown chatter
    )
    return Client(cluster), cluster


def _prepare_outdir(output: str | None) -> Path:
    if not output or output == "-":
        raise ValueError("--engine dask writes partitioned GeoParquet: give -o FOLDER")
    out = Path(output)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{output}: exists and is not an empty folder")
    if not out.parent.is_dir():
        raise FileNotFoundError(f"output folder does not exist: {out.parent}")
    out.mkdir(exist_ok=True)
    return out


def run_cli(args: Any, layer: str, *, parse: Callable | None = None) -> int:
    """`geoevents places|events --engine dask`: partitioned GeoParquet in the -o folder."""
    if not args.output or args.output == "-":
        raise ValueError("--engine dask writes partitioned GeoParquet: give -o FOLDER")
    _require()
    from distributed import as_completed

    from .batch import Report
    from .inputs import expand_inputs, input_size
    from .progress import Progress

    files = expand_inputs(args.inputs)
    total = input_size(files)
    # About 16 partitions (or 16 MB ones) keep two to a few dozen workers evenly busy.
    parts = plan_partitions(files, min(PARTITION_BYTES, max(256 << 10, (total or 0) // 16)))
    outdir = _prepare_outdir(args.output)
    progress = Progress(total, enabled=False if args.quiet else None)
    report = Report(args.errors, progress, args.quiet, layer)
    client, cluster = _client(args)
    results: dict[int, PartResult] = {}
    interrupted = False
    try:
        futures = [
            client.submit(process_partition, part, layer, str(outdir.resolve()), parse, pure=False)
            for part in parts
        ]
        for future in as_completed(futures):
            res: PartResult = future.result()
            results[res.index] = res
            report.documents += res.documents
            report.rows += res.rows
            progress.update(res.documents + len(res.failures), res.nbytes)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # Failures in input order, whatever order the partitions finished in.
    for index in sorted(results):
        for failure in results[index].failures:
            report.log_failure(failure)
    report.close(interrupted)
    return report.exit_code(args.strict, interrupted)


def read_output(folder: str | os.PathLike):
    """The GeoParquet parts of a `--engine dask` run as a dask-geopandas GeoDataFrame."""
    import dask_geopandas

    return dask_geopandas.read_parquet(str(folder))
