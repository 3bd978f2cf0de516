"""The Markdown report (elements.report.render_markdown) laid out as a PDF with fpdf2.

Not a second renderer: it takes the report's Markdown line by line and only sets the
type for the few constructs the report uses (headings, paragraphs with **bold**, lists,
a table, quotes, links: a phone number's tel: link stays a link in the PDF). Unicode needs a TTF font (the report has symbols and quotes that the
PDF core fonts lack): DejaVu Sans when it is installed, otherwise Helvetica with the
text reduced to Latin-1, so a PDF is always produced.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FOOTER = "Elements explains a legal definition for teaching. It is not legal advice and decides no case."

LINK_FACE = FontFace(color=(0, 70, 160), emphasis="UNDERLINE")  # as inline links look
Span = tuple[str, str, str]  # (text, style: "" / "B" / "I", link target or "")
# [text](target): the text may hold escapes and **bold**, the target no space or bracket.
LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^()\s]*)\)")


def spans(markdown: str, link: str = "") -> list[Span]:
    """Inline Markdown -> text runs with their style and link; escapes undone, code shown plain."""
    out: list[Span] = []
    buf: list[str] = []
    bold = italic = code = False

    def style() -> str:
        return ("B" if bold else "") + ("I" if italic and not bold else "")

    def flush() -> None:
        if buf:
            out.append(("".join(buf), style(), link))
            buf.clear()

    i = 0
    while i < len(markdown):
        char = markdown[i]
        linked = None if code or char != "[" else LINK.match(markdown, i)
        if linked:
            flush()
            inner = spans(linked.group(1), linked.group(2))
            out += [(text, "".join(sorted(set(own + style()), key="BI".index)), target) for text, own, target in inner]
            i = linked.end()
        elif code:
            if char == "`":
                code = False
            else:
                buf.append(char)
            i += 1
        elif char == "\\" and i + 1 < len(markdown):
            buf.append(markdown[i + 1])
            i += 2
        elif markdown.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif char == "*":
            flush()
            italic = not italic
            i += 1
        elif char == "`":
            code = True
            i += 1
        else:
            buf.append(char)
            i += 1
    flush()
    return out


def table_cells(line: str) -> list[str]:
    """'| a | b \\| c |' -> ['a', 'b \\| c'] (escaped pipes stay inside their cell)."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.strip() for c in cells[1:-1]]


def plain(markdown: str) -> str:
    return "".join(text for text, _, _ in spans(markdown))


class ReportPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.body_font = self._load_fonts()
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title("Elements analysis")
        self.set_creator("Elements")

    def _load_fonts(self) -> str:
        for folder in FONT_DIRS:
            if all((folder / name).is_file() for name in FONT_FILES.values()):
                for style, name in FONT_FILES.items():
                    self.add_font("DejaVu", style, str(folder / name))
                return "DejaVu"
        return "Helvetica"

    @property
    def unicode(self) -> bool:
        return self.body_font == "DejaVu"

    def fit(self, text: str) -> str:
        """Text the font can show: Helvetica covers Latin-1 only."""
        if self.unicode:
            return text
        text = text.replace("✔", "+").replace("✘", "x").replace("—", "-").replace("–", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.body_font, "I", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.fit(f"{FOOTER}   Page {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)

    # -------------------------------------------------------------- blocks

    def inline(self, markdown: str, size: float = 10, height: float = 5.2) -> None:
        for text, style, link in spans(markdown):
            # A link looks like one (blue, underlined) and opens what it names: tel:, https:, ...
            self.set_font(self.body_font, style + ("U" if link else ""), size)
            self.set_text_color(*((0, 70, 160) if link else (0, 0, 0)))
            self.write(height, self.fit(text), link=link)
        self.set_text_color(0, 0, 0)
        self.ln(height)

    def heading(self, text: str, level: int) -> None:
        size = {1: 16, 2: 13}.get(level, 11.5)
        self.ln(3 if level > 1 else 0)
        self.set_font(self.body_font, "B", size)
        self.multi_cell(0, size * 0.5, self.fit(plain(text)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def item(self, marker: str, markdown: str, indent: float) -> None:
        """A list item with a hanging indent: wrapped lines line up with its first word."""
        left = self.l_margin
        self.set_x(left + indent)
        self.set_font(self.body_font, "", 10)
        self.cell(6, 5.2, self.fit(marker))
        self.set_left_margin(left + indent + 6)
        self.inline(markdown)
        self.set_left_margin(left)
        self.ln(0.8)

    def quote(self, markdown: str) -> None:
        left = self.l_margin
        self.set_left_margin(left + 6)
        self.set_x(left + 6)
        for text, _, _ in spans(markdown):
            self.set_font(self.body_font, "I", 10)
            self.write(5.2, self.fit(text))
        self.ln(7)
        self.set_left_margin(left)

    def table_block(self, rows: list[list[str]]) -> None:
        self.set_font(self.body_font, "", 9)
        widths = (17, 14, 31, 38)[: len(rows[0])] if len(rows[0]) == 4 else None
        with self.table(col_widths=widths, text_align="LEFT", line_height=4.8, padding=1.2) as table:
            for index, cells in enumerate(rows):
                row = table.row()
                for cell in cells:
                    # A cell with a link (a provision's citation) opens the official text.
                    target = next((link for _, _, link in spans(cell) if link), None)
                    row.cell(self.fit(plain(cell)), link=target, style=LINK_FACE if target else None)
        self.ln(2)

    def rule(self) -> None:
        self.ln(2)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(4)


def blocks(markdown: str) -> Iterator[tuple[str, object]]:
    """The report's lines grouped into blocks: heading, table, item, quote, rule, para."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = table_cells(lines[i])
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            yield "table", rows
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        numbered = re.match(r"^(\d+)\.\s+(.*)$", stripped)
        indent = (len(line) - len(line.lstrip(" "))) / 2 * 6
        if heading:
            yield "heading", (len(heading.group(1)), heading.group(2))
        elif re.fullmatch(r"-{3,}|\*{3,}", stripped):
            yield "rule", None
        elif stripped.startswith(("- ", "* ")):
            yield "item", ("•", stripped[2:], indent)
        elif numbered:
            yield "item", (numbered.group(1) + ".", numbered.group(2), indent)
        elif stripped.startswith(">"):
            yield "quote", stripped.lstrip("> ")
        else:
            yield "para", stripped
        i += 1


def markdown_to_pdf(markdown: str) -> bytes:
    pdf = ReportPDF()
    pdf.add_page()
    for kind, value in blocks(markdown):
        if kind == "heading":
            level, text = value
            pdf.heading(text, level)
        elif kind == "table":
            pdf.table_block(value)
        elif kind == "item":
            marker, text, indent = value
            pdf.item(marker, text, indent)
        elif kind == "quote":
            pdf.quote(value)
        elif kind == "rule":
            pdf.rule()
        else:
            pdf.inline(value)
            pdf.ln(2)
    return bytes(pdf.output())
