"""The `elements` command. A view over the API: it parses, calls, prints; it decides nothing.

Exit codes: 0 evaluated; 2 invalid input or usage (one line on stderr, never a traceback);
130 interrupted (Ctrl-C), quietly.

Only the standard library is imported before main() has taken charge of Ctrl-C: the package
(pydantic, durable-rules) is imported inside it, so an interrupt while it loads is quiet too.
"""
from __future__ import annotations

import argparse
import contextlib
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


def cmd_batch(args: argparse.Namespace) -> int:
    """One scenario per input line, one output line per non-blank input line, in order, each
    carrying its line number: the result, or an error object (nothing is skipped silently).
    A summary goes to stderr; the exit code is 2 if any line was refused."""
    from . import api
    from .errors import InputError, printable
    from .yamlfile import open_input, size_words

    frameworks = _frameworks(args.framework)
    if len(frameworks) != 1:
        raise InputError("--framework", ",".join(frameworks), "batch takes exactly one framework")
    evaluate = api.evaluator(frameworks[0])
    path = args.file
    source = "<stdin>" if path == "-" else path
    out = _stdout()
    stream = _stdin() if path == "-" else open_input(path, InputError, path)
    counts = {"evaluated": 0, "refused": 0, "blank": 0}
    number = done = 0  # the line read, and the last line answered (or blank)
    too_long = f"is larger than {size_words(api.MAX_SCENARIO_BYTES)}, the limit for one scenario"

    def tally() -> str:
        return ", ".join(f"{n} {what}" for what, n in counts.items())

    try:
        with stream:
            for number, raw in _lines(stream, api.MAX_SCENARIO_BYTES, source):
                where = f"{source}:{number}"
                if raw is not None and not raw.strip():
                    counts["blank"] += 1
                    done = number
                    continue
                try:
                    if raw is None:
                        raise InputError(where, "", too_long)
                    scenario = api.scenario_from_json(raw, where)
                except InputError as exc:
                    with _INTERRUPTS.deferred():
                        counts["refused"] += 1
                        out.write(json.dumps({"line": number, "error": exc.line()}) + "\n")
                        print(f"elements: {exc.line()}", file=sys.stderr)
                        done = number
                    continue
                with _INTERRUPTS.deferred():
                    result = evaluate(scenario)
                    counts["evaluated"] += 1
                    # The result as the contract has it, with its input line number first.
                    out.write(f'{{"line":{number},' + result.model_dump_json()[1:] + "\n")
                    done = number
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
        if previous is not None and signal.getsignal(signal.SIGINT) is _INTERRUPTS.handle:
            signal.signal(signal.SIGINT, previous)  # as it was: main() is also called in-process
    # Interrupted (Ctrl-C): SIGINT stays ignored on the way out; 130 is what a shell reports.
    _INTERRUPTS.inside = _INTERRUPTS.pending = False
    return 130


if __name__ == "__main__":
    sys.exit(main())
