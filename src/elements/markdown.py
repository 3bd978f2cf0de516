"""Text into Markdown that shows exactly that text: one escape for every Markdown the project
writes (the reports, the generated docs) and every Markdown the app hands to Streamlit.

A title, a narrative or a rule text may contain characters Markdown gives a meaning to:
`![x](http://...)` would make a browser fetch a remote image, `:red[...]` and `$...$` are
Streamlit's own syntax, `|` breaks a table cell, a line starting with `- ` becomes a list.
Those characters are escaped, and only those, so that an exported report stays readable as
plain text ("Art. 3(c)" needs no backslash: it means nothing to Markdown).
"""
from __future__ import annotations

import re

# Special wherever they stand (CommonMark, GitHub tables and strikethrough, Streamlit's LaTeX).
_ALWAYS = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
# Streamlit's :material/icon:, :emoji: and :color[...] open with a colon that follows no letter
# or digit and comes before a letter ("s.3(3): text" and "https://" mean nothing to Streamlit).
_COLON = re.compile(r"(?<![A-Za-z0-9]):(?=[A-Za-z])")
# Special only at the start of a line: list items, quotes, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(\s*)([-+=>])", re.MULTILINE)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def _escape(text: str) -> str:
    text = _ALWAYS.sub(r"\\\1", text)
    text = _COLON.sub(r"\\:", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape(text: object) -> str:
    """Any text -> Markdown for one line (a table cell, a list item): whitespace runs collapse."""
    return _escape(" ".join(str(text).split()))


def escape_lines(text: object) -> str:
    """Any text -> Markdown that keeps the text's own line breaks (a narrative)."""
    escaped = _escape(str(text).replace("\r\n", "\n"))
    # A newline inside a paragraph is a space in Markdown: a hard break keeps it.
    return escaped.replace("\n", "  \n")


def href(url: str) -> str:
    """A link target (a provision's https: page, a tel: or mailto: of a referral) that cannot
    end the Markdown link early: spaces, parentheses and angle brackets percent-encoded."""
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    return url


def link(text: object, url: str) -> str:
    """Text, escaped, as a Markdown link to url; the escaped text alone where there is no url."""
    return f"[{escape(text)}]({href(url)})" if url else escape(text)
