"""The `elements` command. A view over the API: it parses, calls, prints; it decides nothing.

Exit codes: 0 evaluated; 2 invalid input or usage (one line on stderr, never a traceback).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from . import api
from .errors import ElementsError, InputError
from .packs import default_framework, framework_ids
from .report import render_markdown, render_text


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for invalid input
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _frameworks(values: Optional[list[list[str]]]) -> list[str]:
    chosen = [fw for group in (values or [[default_framework()]]) for fw in group]
    if "all" in chosen:
        return framework_ids()
    for fw in chosen:
        api.check_framework(fw)
    return list(dict.fromkeys(chosen))


def _read_scenario(target: str) -> api.Scenario:
    if target == "-":
        return api.parse_scenario(sys.stdin.buffer.read(), "<stdin>")
    return api.load_scenario(target)


def cmd_check(args: argparse.Namespace) -> int:
    frameworks = _frameworks(args.framework)
    scenario = _read_scenario(args.file)
    results = [api.evaluate(scenario, fw) for fw in frameworks]
    if args.format == "json":
        payload = [r.model_dump(mode="json") for r in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
        return 0
    render = render_text if args.format == "text" else render_markdown
    parts = []
    if len(results) > 1:
        from .compare import render_comparison_markdown, render_comparison_text

        parts.append((render_comparison_text if args.format == "text" else render_comparison_markdown)(results))
    parts += [render(r, scenario, narrative=args.narrative) for r in results]
    print(("\n" + ("-" * 92 if args.format == "text" else "---") + "\n\n").join(parts), end="")
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """One scenario per input line, one result per output line, in order. A bad line gets an
    error object on its own line (nothing is skipped silently) and the exit code is 2."""
    frameworks = _frameworks(args.framework)
    if len(frameworks) != 1:
        raise InputError("--framework", ",".join(frameworks), "batch takes exactly one framework")
    evaluate = api.evaluator(frameworks[0])
    path = args.file
    source = "<stdin>" if path == "-" else path
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "", "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "", "is a folder, not a file") from None
    failed = 0
    write = sys.stdout.write
    with stream:
        for number, raw in enumerate(stream, 1):
            where = f"{source}:{number}"
            if not raw.strip():
                continue
            try:
                write(evaluate(api.scenario_from_json(raw, where)).model_dump_json() + "\n")
            except InputError as exc:
                failed += 1
                write(json.dumps({"line": number, "error": exc.line()}) + "\n")
                print(f"elements: {exc.line()}", file=sys.stderr)
    return 2 if failed else 0


def cmd_frameworks(args: argparse.Namespace) -> int:
    packs = api.frameworks()
    if args.format == "markdown":
        from .docs import frameworks_markdown

        print(frameworks_markdown(), end="")
    elif args.format == "json":
        print(json.dumps([
            {"framework": p.framework, "title": p.title, "short_title": p.short_title, "version": p.version,
             "in_force": p.in_force.isoformat(), "confidence": p.confidence, "summary": p.summary}
            for p in packs
        ], indent=2, ensure_ascii=False))
    else:
        for p in packs:
            print(f"{p.framework:<8} {p.short_title}  [{p.confidence}]")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    rows = []
    for path in api.scenario_files():
        scenario = api.load_scenario(path)
        rows.append({"id": scenario.id or path.stem, "title": scenario.title or "", "file": str(path), "tags": scenario.tags})
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            tags = f"  [{', '.join(row['tags'])}]" if row["tags"] else ""
            print(f"{row['id']:<34} {row['title']}{tags}")
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ElementsError as exc:
        print(f"elements: {exc.line()}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
