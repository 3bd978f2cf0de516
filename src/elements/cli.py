"""The `elements` command. A view over the API: it parses, calls, prints; it decides nothing.

Exit codes: 0 evaluated; 2 invalid input or usage (one line on stderr, never a traceback);
130 interrupted (Ctrl-C), quietly.

Only the standard library is imported before main() has taken charge of Ctrl-C: the package
(pydantic, durable-rules) is imported inside it, so an interrupt while it loads is quiet too.
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import signal
import sys
import threading
from typing import IO, Iterator, Optional, Sequence


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for invalid input
        from .errors import printable

        self.exit(2, f"{self.prog}: {printable(message, 500)} (see {self.prog} --help)\n")


class _Interrupts:
    """Ctrl-C raises KeyboardInterrupt anywhere but inside a `deferred()` block (an evaluation
    and the writing of its answer), where it waits for the block to finish: durable-rules'
    cleanup of a session must not be cut short (it then raises engine errors, or corrupts its
    memory), and an answer is written whole or not at all. A second Ctrl-C does not wait (a
    write to a reader that stopped reading could wait for ever); after that, SIGINT is ignored
    so the way out is not interrupted in turn."""

    def __init__(self) -> None:
        self.inside = False
        self.pending = False

    def handle(self, signum: int, frame: object) -> None:
        if self.inside and not self.pending:
            self.pending = True
            return
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        self.inside = True
        try:
            yield
        finally:
            self.inside = False
        if self.pending:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            raise KeyboardInterrupt


_INTERRUPTS = _Interrupts()


def _frameworks(values: Optional[list[list[str]]]) -> list[str]:
    from . import api
    from .packs import default_framework, framework_ids

    chosen = [fw for group in (values or [[default_framework()]]) for fw in group]
    for fw in chosen:  # every name is checked, `all` or not: `-f all narnia` is a mistake
        if fw != "all":
            api.check_framework(fw)
    if "all" in chosen:
        return framework_ids()
    return list(dict.fromkeys(chosen))


def _stdin(source: str = "<stdin>") -> IO[bytes]:
    from .errors import InputError

    if sys.stdin is None:  # started with standard input closed (<&-)
        raise InputError(source, "", "is closed: there is nothing to read")
    return sys.stdin.buffer


def _write_all(out: IO[str], text: str) -> None:
    """Write all of it. A text stream's write to a full pipe that a signal interrupts returns
    after the part the pipe took and drops the rest (CPython's buffered writer takes the partial
    count for the whole): Ctrl-C while a reader was slow cut lines in half. Written to the file
    descriptor directly, the rest follows the part (os.write resumes after the signal)."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (tests capture into memory)
        out.write(text)
        return
    out.flush()
    view = memoryview(text.encode("utf-8"))
    while view:
        view = view[os.write(fd, view):]


def _stdout() -> IO[str]:
    from .errors import InputError

    if sys.stdout is None:  # started with standard output closed (>&-): results would be lost
        raise InputError("<stdout>", "", "is closed: there is nowhere to write the results")
    return sys.stdout


def _read_scenario(target: str):
    from . import api
    from .errors import InputError

    if target == "-":
        try:
            raw = _stdin().read(api.MAX_SCENARIO_BYTES + 1)
        except OSError as exc:
            raise InputError("<stdin>", "", f"cannot be read ({exc.strerror or exc})") from None
        return api.parse_scenario(raw, "<stdin>")
    return api.load_scenario(target)


def cmd_check(args: argparse.Namespace) -> int:
    from . import api
    from .report import render_markdown, render_text

    frameworks = _frameworks(args.framework)
    scenario = _read_scenario(args.file)
    out = _stdout()
    results = []
    for fw in frameworks:
        with _INTERRUPTS.deferred():
            results.append(api.evaluate(scenario, fw))
    if args.format == "json":
        payload = [r.model_dump(mode="json") for r in results]
        with _INTERRUPTS.deferred():  # the answer whole, or none of it
            out.write(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False) + "\n")
            out.flush()
        return 0
    render = render_text if args.format == "text" else render_markdown
    parts = []
    if len(results) > 1:
        from .compare import render_comparison_markdown, render_comparison_text

        parts.append((render_comparison_text if args.format == "text" else render_comparison_markdown)(results))
    # What would change it is worked out again for each framework, for the person reading.
    parts += [render(r, scenario, narrative=args.narrative, whatif=api.what_if(scenario, r.framework)) for r in results]
    with _INTERRUPTS.deferred():
        out.write(("\n" + ("-" * 92 if args.format == "text" else "---") + "\n\n").join(parts))
        out.flush()
    return 0


def _lines(stream: IO[bytes], limit: int, source: str) -> Iterator[tuple[int, Optional[bytes]]]:
    """(line number, bytes) for each line; None for a line longer than limit, which is read
    past in small pieces rather than held (a line of /dev/zero never ends)."""
    from .errors import InputError

    number = 0
    try:
        while True:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = stream.readline(64 * 1024)
                yield number, None
            else:
                yield number, raw
    except OSError as exc:
        after = f" after line {number}" if number else ""
        raise InputError(source, "", f"cannot be read{after} ({exc.strerror or exc})") from None


# A batch's lines go to the workers in chunks: large enough that handing them over costs little,
# small enough that the output keeps flowing and an interrupt loses little.
CHUNK = 200
# Below this many lines a batch runs in this process: starting workers would cost more.
PARALLEL_FROM = 400


def _answer(number: int, raw: Optional[bytes], source: str) -> tuple[int, str, str, str]:
    """One line of a batch: (its number, kind, the output line, the message for stderr). kind is
    'evaluated', 'refused' or 'blank'; the output line carries the input line number."""
    from . import api
    from .errors import InputError
    from .serialize import result_json
    from .yamlfile import size_words

    where = f"{source}:{number}"
    if raw is not None and not raw.strip():
        return number, "blank", "", ""
    try:
        if raw is None:
            raise InputError(where, "", f"is larger than {size_words(api.MAX_SCENARIO_BYTES)}, the limit for one scenario")
        scenario = api.scenario_from_json(raw, where)
    except InputError as exc:
        return number, "refused", json.dumps({"line": number, "error": exc.line()}) + "\n", f"elements: {exc.line()}"
    # The result as the contract has it, with its input line number first. Ctrl-C waits for
    # the evaluation under way: durable-rules' cleanup of a session must not be cut short.
    with _INTERRUPTS.deferred():
        result = _BATCH["evaluate"](scenario)
    return number, "evaluated", f'{{"line":{number},' + result_json(result)[1:] + "\n", ""


# The batch's evaluator and source name, set before any line is answered: workers forked after
# that inherit them (with the framework already compiled).
_BATCH: dict = {}


def _answer_chunk(chunk: list[tuple[int, Optional[bytes]]]) -> list[tuple[int, str, str, str]]:
    return [_answer(number, raw, _BATCH["source"]) for number, raw in chunk]


def _worker_start(evaluate_framework: str, source: str) -> None:
    """A worker leaves Ctrl-C to the process that started it, which stops them all. It was
    started with SIGINT blocked, so no Ctrl-C can reach it before it ignores them. (Started by
    fork it has the compiled framework already; by spawn it compiles it here.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if "evaluate" not in _BATCH:
        from . import api

        _BATCH.update(evaluate=api.evaluator(evaluate_framework), source=source)


def _chunks(lines: Iterator[tuple[int, Optional[bytes]]]) -> Iterator[list[tuple[int, Optional[bytes]]]]:
    chunk: list[tuple[int, Optional[bytes]]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _answered(lines, framework: str, jobs: int) -> Iterator[list[tuple[int, str, str, str]]]:
    """The answers to the lines, chunk by chunk, in input order: here, or by `jobs` worker
    processes once the input is long enough for them to pay."""
    chunks = _chunks(lines)
    first = list(itertools.islice(chunks, PARALLEL_FROM // CHUNK))
    if jobs <= 1 or len(first) < PARALLEL_FROM // CHUNK:
        for chunk in itertools.chain(first, chunks):
            yield _answer_chunk(chunk)
        return
    import multiprocessing

    # fork: each worker starts with the framework compiled; elsewhere, each compiles it.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    # Ctrl-C waits while the workers start: each is born with SIGINT blocked (and so are the
    # pool's threads, which start any replacement worker), and a Ctrl-C that came meanwhile is
    # raised here once the pool is there to be stopped.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = context.Pool(jobs, initializer=_worker_start, initargs=(framework, _BATCH["source"]))
    except BaseException:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        raise
    with pool:  # on the way out, however it comes, the workers are stopped
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        yield from pool.imap(_answer_chunk, itertools.chain(first, chunks))


def cmd_batch(args: argparse.Namespace) -> int:
    """One scenario per input line, one output line per non-blank input line, in order, each
    carrying its line number: the result, or an error object (nothing is skipped silently).
    A summary goes to stderr; the exit code is 2 if any line was refused. With --jobs N (by
    default, the machine's cores) the lines are answered by N processes, and still written in
    input order."""
    from . import api
    from .errors import InputError, printable
    from .yamlfile import open_input

    frameworks = _frameworks(args.framework)
    if len(frameworks) != 1:
        raise InputError("--framework", ",".join(frameworks), "batch takes exactly one framework")
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise InputError("--jobs", str(jobs), "must be 1 or more")
    path = args.file
    source = "<stdin>" if path == "-" else path
    _BATCH.update(evaluate=api.evaluator(frameworks[0]), source=source)
    out = _stdout()
    stream = _stdin() if path == "-" else open_input(path, InputError, path)
    counts = {"evaluated": 0, "refused": 0, "blank": 0}
    number = done = 0  # the line read, and the last line answered (or blank)

    def tally() -> str:
        return ", ".join(f"{n} {what}" for what, n in counts.items())

    try:
        with stream:
            answered = contextlib.closing(_answered(_lines(stream, api.MAX_SCENARIO_BYTES, source), frameworks[0], jobs))
            with answered as chunks:  # closed at once when interrupted: its workers stop then
                for answers in chunks:
                    # Written whole or not at all: an interrupt waits for the chunk's lines.
                    with _INTERRUPTS.deferred():
                        _write_all(out, "".join(text for _number, _kind, text, _message in answers))
                        for line_number, kind, _text, message in answers:
                            counts[kind] += 1
                            if message:
                                print(message, file=sys.stderr)
                            number = done = line_number
    except KeyboardInterrupt:
        print(f"elements: {printable(source)}: interrupted after line {done}: {tally()}", file=sys.stderr)
        raise
    except InputError as exc:  # the file could not be read to its end
        print(f"elements: {exc.line()}", file=sys.stderr)
        if number:
            print(f"elements: {printable(source)}: {tally()}", file=sys.stderr)
        return 2
    print(f"elements: {printable(source)}: {tally()}", file=sys.stderr)
    return 2 if counts["refused"] else 0


def cmd_frameworks(args: argparse.Namespace) -> int:
    from . import api

    packs = api.frameworks()
    out = _stdout()
    if args.format == "markdown":
        from .docs import frameworks_markdown

        out.write(frameworks_markdown())
    elif args.format == "json":
        out.write(json.dumps([
            {"framework": p.framework, "title": p.title, "short_title": p.short_title, "version": p.version,
             "in_force": p.in_force.isoformat(), "confidence": p.confidence, "summary": p.summary}
            for p in packs
        ], indent=2, ensure_ascii=False) + "\n")
    else:
        for p in packs:
            out.write(f"{p.framework:<8} {p.short_title}  [{p.confidence}]\n")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    from . import api

    rows = []
    for path in api.scenario_files():
        scenario = api.load_scenario(path)
        rows.append({"id": scenario.id or path.stem, "title": scenario.title or "", "file": str(path), "tags": scenario.tags})
    out = _stdout()
    if args.format == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            tags = f"  [{', '.join(row['tags'])}]" if row["tags"] else ""
            out.write(f"{row['id']:<34} {row['title']}{tags}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="elements", description=(
        "Explains which elements of the legal definition of trafficking in persons a scenario "
        "touches, rule by rule. It teaches and explains; it never decides a case."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    framework_help = "framework id (palermo, coe, eu, us, uk, ca) or all; repeatable"

    check = sub.add_parser("check", help="evaluate one scenario file (YAML or JSON; - reads stdin)")
    check.add_argument("file")
    check.add_argument("-f", "--framework", action="append", nargs="+", help=framework_help)
    check.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    check.add_argument("--narrative", action="store_true", help="include the narrative in text/markdown output")
    check.set_defaults(run=cmd_check)

    batch = sub.add_parser("batch", help="evaluate a JSON-lines file: one scenario per line, one result per line")
    batch.add_argument("file")
    batch.add_argument("-f", "--framework", action="append", nargs="+", help="one framework id")
    batch.add_argument("-j", "--jobs", type=int, default=None,
                       help="processes answering the lines (default: the machine's cores; output stays in input order)")
    batch.set_defaults(run=cmd_batch)

    fws = sub.add_parser("frameworks", help="list the frameworks")
    fws.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    fws.set_defaults(run=cmd_frameworks)

    scen = sub.add_parser("scenarios", help="list the training scenarios in rules/scenarios/")
    scen.add_argument("--format", choices=["text", "json"], default="text")
    scen.set_defaults(run=cmd_scenarios)
    return parser


def _caused_by_interrupt(exc: BaseException) -> bool:
    """An error raised while a KeyboardInterrupt was being handled (a library's cleanup)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__context__
    return False


def _quiet_stdout() -> None:
    """After a broken pipe, or an interrupt: nothing more reaches stdout, and Python's flush
    at exit finds nothing to complain about."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Optional[Sequence[str]] = None) -> int:
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _INTERRUPTS.handle) if in_main_thread else None
    try:
        from .errors import ElementsError

        args = build_parser().parse_args(argv)
        with _INTERRUPTS.deferred():  # a native module cut short while it loads can abort the process
            from . import api, report  # noqa: F401 - loaded here, used by the commands
        try:
            return args.run(args)
        except ElementsError as exc:
            print(f"elements: {exc.line()}", file=sys.stderr)
            return 2
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        pass
    except Exception as exc:
        if not _caused_by_interrupt(exc):
            raise
    finally:
        # Ours, or ignored by us after an interrupt: give it back. Called in-process (with
        # argv): as it was (left ignored, every process the caller starts later would inherit
        # deafness to Ctrl-C). As the `elements` command (no argv) the process is ending: a
        # Ctrl-C now is ignored, not a KeyboardInterrupt after the answer.
        current = signal.getsignal(signal.SIGINT) if previous is not None else None
        if current == _INTERRUPTS.handle or current == signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous if argv is not None else signal.SIG_IGN)
    # Interrupted (Ctrl-C): as the command, SIGINT stays ignored on the way out; 130 is what a
    # shell reports.
    _INTERRUPTS.inside = _INTERRUPTS.pending = False
    return 130


if __name__ == "__main__":
    sys.exit(main())
