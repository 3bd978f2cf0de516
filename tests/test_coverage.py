"""Rule coverage (issue 8): every rule x value a pack can produce, and every caveat it can raise,
is exercised by a scenario of the library or a legal case. A rule no test can reach is a rule a
mistake can hide in."""
from __future__ import annotations

from elements.api import validate_scenario
from elements.coverage import measure, reachable, report
from coverage_report import named_scenarios


def test_every_rule_value_and_caveat_is_exercised():
    coverages = measure(named_scenarios())
    gaps = [f"{c.framework}: {gap}" for c in coverages for gap in c.gaps()]
    assert not gaps, "not exercised:\n" + "\n".join(gaps)
    assert all(c.covered == c.items for c in coverages)
    assert "(100.0%)" in report(coverages)


def test_coverage_sees_a_gap():
    """One scenario cannot exercise everything: the measure reports what it did not reach."""
    coverages = measure([("one", validate_scenario({"facts": {"action.recruitment": True}}))], ["palermo"])
    assert coverages[0].gaps() and coverages[0].covered < coverages[0].items
    assert "palermo.action = false" in coverages[0].gaps()


def test_values_no_scenario_can_produce_are_not_counted():
    """A waiver that always holds is never false or unknown; a could_count test never true."""
    uk = reachable("uk")
    assert ("uk.no_separate_means", "true") in uk.rules
    assert ("uk.no_separate_means", "false") not in uk.rules
    assert ("palermo.unlisted_exploitation", "true") not in reachable("palermo").rules
    assert "age_unknown" not in reachable("ca").caveats  # the age changes no element there
