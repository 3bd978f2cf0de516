"""The plain-Python oracle as a batch program, to time `elements batch` against.

Reads the same JSON-lines file and writes one line of findings per scenario (outcome,
elements, child, contract caveats, open questions), using tests/oracle_palermo.py.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from oracle_palermo import palermo  # noqa: E402


def main(path: str) -> None:
    write = sys.stdout.write
    with open(path, "rb") as lines:
        for raw in lines:
            data = json.loads(raw)
            found = palermo(data.get("facts") or {}, (data.get("person") or {}).get("age"))
            found["caveats"] = sorted(found["caveats"])
            found["open_questions"] = sorted(found["open_questions"])
            write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
