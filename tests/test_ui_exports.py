"""The exports: Markdown (the core's report), JSON (the Result and its scenario), PDF."""
from __future__ import annotations

import json

import pytest

import ui_apptest  # noqa: F401  (puts ui/ on the import path)
import exports
import pdf
from elements import evaluate, plain as plain_words, validate_scenario
from elements.markdown import escape as md_escape

SCENARIO = validate_scenario({
    "title": "Café job *abroad*",
    "narrative": "Amira, 16, was promised a job — the details are private.",
    "jurisdiction": "GB",
    "person": {"age": 16},
    "facts": {"action.recruitment": True, "means.deception": True, "purpose.forced_labour": True,
              "consent.given": True, "movement.crossed_border": True},
})
RESULT = evaluate(SCENARIO, "palermo")


def test_markdown_is_the_core_report_with_caveats_sources_and_referrals():
    text = exports.markdown(RESULT, SCENARIO)
    assert text.startswith("# Elements: ")
    for caveat in RESULT.caveats:
        assert f"- {md_escape(caveat.text)}" in text
        for source in caveat.sources:
            assert source.split()[0] in text
    assert "## Where to get help" in text and "999" in text


@pytest.mark.parametrize("render", [exports.markdown, exports.json_text])
def test_the_narrative_is_left_out_unless_the_user_opts_in(render):
    assert "Amira" not in render(RESULT, SCENARIO)
    assert "Amira" not in render(RESULT, SCENARIO, False)
    assert "Amira" in render(RESULT, SCENARIO, True)


def test_json_holds_the_contract_result_and_the_scenario_it_answers():
    data = json.loads(exports.json_text(RESULT, SCENARIO))
    assert data["result"] == json.loads(RESULT.model_dump_json())
    assert set(data["result"]["elements"]) == {"action", "means", "purpose"}
    assert data["scenario"]["facts"]["action.recruitment"] is True
    assert data["scenario"]["person"] == {"age": 16}
    assert all(c["sources"] for c in data["result"]["caveats"] if c["id"] == "not_legal_advice")


def test_pdf_is_a_pdf_with_a_unicode_font():
    data = exports.pdf_bytes(RESULT, SCENARIO)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # make test installs fonts-dejavu-core: the Unicode font must be used, not the fallback
    assert pdf.ReportPDF().unicode
    assert b"DejaVu" in data


def test_pdf_falls_back_to_a_core_font_without_dejavu(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIRS", (tmp_path,))
    data = exports.pdf_bytes(RESULT, SCENARIO, True)
    assert data.startswith(b"%PDF-") and b"DejaVu" not in data and b"Helvetica" in data


def test_pdf_layout_reads_the_report_markdown():
    blocks = list(pdf.blocks(exports.markdown(RESULT, SCENARIO)))
    kinds = [kind for kind, _ in blocks]
    assert kinds[0] == "heading" and "table" in kinds and "item" in kinds
    table = next(value for kind, value in blocks if kind == "table")
    assert table[0] == ["Element", "Status", "Provision", "Satisfied by"] and len(table) == 4
    headings = [value[1] for kind, value in blocks if kind == "heading"]
    assert {"Elements", "For professionals: the rules that fired", "What would change it", "Caveats",
            "Where to get help"} <= set(headings)
    # the plain paragraph comes first, then the elements, then the trace
    assert headings.index("Elements") < headings.index("For professionals: the rules that fired")
    outcome = next(value for kind, value in blocks if kind == "para" and value.startswith("**Outcome"))
    assert plain_words.summary(RESULT) in pdf.plain(outcome)
    assert blocks.index(("para", outcome)) < kinds.index("table")


def test_pdf_spans_undo_escapes_and_keep_code_literal():
    assert pdf.spans(r"**Bold** plain \*not italic\* `means.*` *it*") == [
        ("Bold", "B", ""), (" plain *not italic* means.* ", "", ""), ("it", "I", ""),
    ]


def test_pdf_spans_keep_links_with_their_target():
    assert pdf.spans(r"Phone: [08000 121 700](tel:08000121700) **[a \] b](https://x.org/a%29)** \[not](a link)") == [
        ("Phone: ", "", ""), ("08000 121 700", "", "tel:08000121700"), (" ", "", ""),
        ("a ] b", "B", "https://x.org/a%29"), (" [not](a link)", "", ""),
    ]
    assert pdf.table_cells(r"| a | b \| c |") == ["a", r"b \| c"]


def test_export_file_names_never_carry_the_title():
    assert exports.file_name(RESULT, "pdf") == "elements-analysis-palermo.pdf"
