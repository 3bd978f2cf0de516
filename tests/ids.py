"""What a person reads must name facts and rules by label and citation, never by id: one check
for every view (page, Markdown, PDF text, diagram, the CLI's text format)."""
from __future__ import annotations

import re
from functools import lru_cache

from elements.caveats import caveat_book
from elements.packs import framework_ids, get_pack
from elements.vocabulary import vocabulary

# The two patterns: "means.other_coercion=true", "person.age=22", "palermo.consent_irrelevant".
PATTERNS = [r"\w+\.\w+=", r"palermo\."]


def every_id() -> list[str]:
    """Fact ids, the age's, every rule's full id ('us.coercion') and every caveat id."""
    ids = list(vocabulary().ids) + ["person.age"]
    ids += [f"{fw}.{rule.id}" for fw in framework_ids() for rule in get_pack(fw).rules]
    return ids + sorted(caveat_book().ids())


@lru_cache(maxsize=1)
def _any_id() -> re.Pattern:
    longest_first = sorted(every_id(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(i) for i in longest_first) + r")(?!\w)")


def found_ids(text: str) -> list[str]:
    hits = [m.group(0) for pattern in PATTERNS for m in re.finditer(pattern, text)]
    return hits + [m.group(1) for m in _any_id().finditer(text)]


def assert_no_ids(text: str, where: str = "") -> None:
    hits = found_ids(text)
    assert not hits, f"{where}: ids a person would read: {sorted(set(hits))[:10]}"
