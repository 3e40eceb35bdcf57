"""Batch processing: records → documents over several processes, in input order, failures isolated."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

from .document import Document
from .inputs import Failure, Item, Record, one_line, read_inputs

T = TypeVar("T")

CHUNK_DOCS = 32  # documents per task sent to a worker
CHUNK_BYTES = 1 << 20  # ...or fewer when they are long
WINDOW_PER_JOB = 4  # tasks in flight per worker: bounds memory, keeps workers busy


def default_jobs() -> int:
    """Number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_record(
    record: Record, *, parse: Callable[..., Document] | None = None, events: bool = True
) -> Document:
    """Run the pipeline (`geoevents.pipeline.parse` unless given) on one record."""
    if parse is None:
        from .pipeline import parse
    return parse(
        record.text,
        id=record.id,
        date=record.date,
        title=record.title,
        url=record.url,
        mentions=record.mentions,
        triggers=record.triggers,
        events=events,
    )


def _failure(item: Record, exc: BaseException) -> Failure:
    reason = one_line(f"{type(exc).__name__}: {exc}") if str(exc) else type(exc).__name__
    return Failure(reason, item.id, item.source, item.line, item.nbytes)


def apply_one(func: Callable[[Record], T], item: Item) -> T | Failure:
    """func(item) for a record, or the failure it raised; failures pass through."""
    if isinstance(item, Failure):
        return item
    try:
        return func(item)
    except Exception as exc:  # one document's crash must not stop the batch
        return _failure(item, exc)


def _apply_chunk(func: Callable[[Record], T], chunk: list[Item]) -> list[T | Failure]:
    return [apply_one(func, item) for item in chunk]


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group; the parent alone decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


WARM_UP_TEXT = "Officials in Kyiv said Russian forces shelled Kharkiv on Tuesday."


def _warm_up(func: Callable[[Record], Any]) -> None:
    """Run `func` once in the parent so that forked workers share what it loads lazily
    (gazetteer, lexicons) instead of each loading its own copy."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    try:
        func(Record(text=WARM_UP_TEXT, id="warm-up"))
    except Exception:  # a broken function shows up on the real records, with their ids
        pass


def chunked(
    items: Iterable[Item], size: int = CHUNK_DOCS, max_bytes: int = CHUNK_BYTES
) -> Iterator[list[Item]]:
    """Group items into lists of at most `size` items or about `max_bytes` of input."""
    chunk: list[Item] = []
    nbytes = 0
    for item in items:
        chunk.append(item)
        nbytes += item.nbytes
        if len(chunk) >= size or nbytes >= max_bytes:
            yield chunk
            chunk, nbytes = [], 0
    if chunk:
        yield chunk


class _Pool:
    """A process pool that can be rebuilt after a worker dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_ignore_sigint)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        try:
            return self.executor.submit(fn, *args)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(fn, *args)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self, cancel: bool = False) -> None:
        self.executor.shutdown(wait=not cancel, cancel_futures=cancel)


def _isolate(pool: _Pool, func: Callable[[Record], T], chunk: list[Item]) -> list[T | Failure]:
    """Re-run a chunk whose worker died one item at a time, to find the item that kills it."""
    out: list[T | Failure] = []
    for item in chunk:
        try:
            out.append(pool.submit(apply_one, func, item).result())
        except BrokenProcessPool:
            pool.restart()
            reason = "worker process died while processing this document"
            out.append(
                Failure(reason, getattr(item, "id", ""), item.source, item.line, item.nbytes)
            )
    return out


def map_ordered(
    func: Callable[[Record], T],
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    chunk_size: int = CHUNK_DOCS,
    warm_up: bool = True,
) -> Iterator[T | Failure]:
    """func over records, in input order, one result per item; failures come back as Failure.

    With jobs > 1 the work is spread over processes with a bounded number of tasks in flight,
    so memory stays flat on any input size.
    """
    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    if jobs == 1:
        for item in items:
            yield apply_one(func, item)
        return
    if warm_up:
        _warm_up(func)
    # Objects that exist at fork time are never collected in the workers, so the collector does
    # not touch (and copy) the pages they share with the parent; the parent unfreezes once the
    # workers exist (they are forked on the first submit).
    gc.freeze()
    pool = _Pool(jobs)
    window = jobs * WINDOW_PER_JOB
    pending: deque[tuple[list[Item], Future]] = deque()
    task = partial(_apply_chunk, func)
    finished = False
    try:
        for chunk in chunked(items, chunk_size):
            pending.append((chunk, pool.submit(task, chunk)))
            if len(pending) == 1:
                gc.unfreeze()
            while len(pending) >= window:
                yield from _collect(pool, task, func, pending)
        while pending:
            yield from _collect(pool, task, func, pending)
        finished = True
    finally:
        gc.unfreeze()
        pool.close(cancel=not finished)


def _collect(pool: _Pool, task: Callable, func: Callable, pending: deque) -> list:
    chunk, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
        results = _isolate(pool, func, chunk)
        # Every task still in flight died with the pool: send them again.
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pool.submit(task, other))
        return results


def documents(
    inputs: Iterable[str] | Iterable[Item],
    *,
    jobs: int | None = 1,
    events: bool = True,
    parse: Callable[..., Document] | None = None,
) -> Iterator[Document | Failure]:
    """Documents (or failures) from input paths or records, in input order.

    `inputs` are file/folder names and `-` (as for the CLI), or Record/Failure items.
    """
    items = iter(inputs)
    first = next(items, None)
    if first is None:
        return
    if isinstance(first, str):
        source: Iterable[Item] = read_inputs([first, *items])
    else:
        source = _chain(first, items)
    func = partial(parse_record, parse=parse, events=events)
    yield from map_ordered(func, source, jobs=jobs)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


# ---------------------------------------------------------------------------------------------
# The command-line front shared by `geoevents places`, `events` and `map`.

MAX_WARNINGS = 20  # failures echoed to stderr when there is no --errors file


def add_input_arguments(p: Any) -> None:
    """Register INPUT... and the batch options (--jobs, --errors, --strict, --quiet)."""
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt file (one article), .jsonl file (one article a line), a folder of "
        "those, or - for stdin",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    p.add_argument(
        "--errors",
        metavar="FILE",
        help="write records that could not be read or processed here (JSONL)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit non-zero when any record could not be read or processed",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")


def add_engine_arguments(p: Any) -> None:
    """Register --engine and --scheduler (Dask)."""
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes (default) or Dask, which writes partitioned GeoParquet",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local "
        "cluster with --jobs workers)",
    )


class Rows:
    """What a worker sends back for one document: flat event and place records."""

    __slots__ = ("doc", "nbytes", "events", "places")

    def __init__(self, doc: str, nbytes: int, events: list, places: list) -> None:
        self.doc, self.nbytes, self.events, self.places = doc, nbytes, events, places


def record_rows(record: Record, *, layers: tuple[str, ...], parse: Callable | None = None) -> Rows:
    """Parse one record and flatten it into the requested layers ("events", "places")."""
    from .frames import event_records, place_records

    doc = parse_record(record, parse=parse, events="events" in layers)
    return Rows(
        record.id,
        record.nbytes,
        event_records(doc) if "events" in layers else [],
        place_records(doc) if "places" in layers else [],
    )


class Report:
    """Counts, the errors file and stderr messages of one batch run."""

    def __init__(self, errors_path: str | None, progress: Any, quiet: bool, noun: str) -> None:
        self.errors_file = open(errors_path, "w", encoding="utf-8") if errors_path else None  # noqa: SIM115
        self.errors_path = errors_path
        self.progress = progress
        self.quiet = quiet
        self.noun = noun
        self.documents = 0
        self.rows = 0
        self.failures = 0

    def ok(self, nrows: int, nbytes: int) -> None:
        """One document processed into `nrows` output rows."""
        self.documents += 1
        self.rows += nrows
        self.progress.update(1, nbytes)

    def failed(self, failure: Failure) -> None:
        """One record that could not be read or processed."""
        self.log_failure(failure)
        self.progress.update(1, failure.nbytes)

    def log_failure(self, failure: Failure) -> None:
        """Count a failure and write it to the errors file (or stderr), without progress."""
        self.failures += 1
        if self.errors_file is not None:
            self.errors_file.write(failure.to_json() + "\n")
            self.errors_file.flush()
        elif not self.quiet and self.failures <= MAX_WARNINGS:
            where = failure.source + (f":{failure.line}" if failure.line else "")
            self.progress.write(f"geoevents: warning: {where}: {failure.reason}")

    def close(self, interrupted: bool = False) -> None:
        """Close the errors file and print the one-line summary."""
        self.progress.close()
        if self.errors_file is not None:
            self.errors_file.close()
        if self.quiet:
            return
        seconds = self.progress.elapsed
        parts = [f"{self.documents:,} documents", f"{self.rows:,} {self.noun}"]
        if self.failures:
            where = f"see {self.errors_path}" if self.errors_path else "use --errors FILE to list"
            parts.append(f"{self.failures:,} failed ({where})")
        else:
            parts.append("0 failed")
        parts.append(f"{seconds:.1f} s")
        state = "interrupted after " if interrupted else ""
        sys.stderr.write(f"geoevents: {state}{', '.join(parts)}\n")

    def exit_code(self, strict: bool, interrupted: bool = False) -> int:
        """130 when interrupted; 1 on failures with --strict or when nothing could be processed."""
        if interrupted:
            return 130
        if self.failures and (strict or not self.documents):
            return 1
        return 0


def _jobs_for(requested: int | None, total_bytes: int | None) -> int:
    jobs = requested if requested and requested > 0 else default_jobs()
    if total_bytes is not None and total_bytes < 64 * 1024:
        return 1  # a handful of articles: starting workers costs more than it saves
    return jobs


def run_batch(args: Any, layer: str, sink: Any, *, parse: Callable | None = None) -> int:
    """Stream INPUT... through the pipeline into `sink`; the body of `places` and `events`."""
    from .inputs import expand_inputs, input_size, read_files
    from .progress import Progress

    files = expand_inputs(args.inputs)
    total = input_size(files)
    layers = tuple(sink.layers)
    to_terminal = getattr(args, "output", None) in (None, "-") and sys.stdout.isatty()
    # A bar between GeoJSON lines on the same terminal would garble both.
    progress = Progress(total, enabled=False if args.quiet or to_terminal else None)
    report = Report(args.errors, progress, args.quiet, layer)
    func = partial(record_rows, layers=layers, parse=parse)
    interrupted = False
    results = map_ordered(func, read_files(files), jobs=_jobs_for(args.jobs, total))
    try:
        for result in results:
            if isinstance(result, Failure):
                report.failed(result)
                continue
            for name in layers:
                sink.add(name, getattr(result, name))
            report.ok(len(getattr(result, layer)), result.nbytes)
    except KeyboardInterrupt:
        interrupted = True
    except BaseException:
        sink.abort()
        report.close()
        raise
    finally:
        results.close()  # stops the workers now, not at garbage collection
    sink.close()  # after an interruption too: what was written is kept, and the file is valid
    report.close(interrupted)
    return report.exit_code(args.strict, interrupted)
