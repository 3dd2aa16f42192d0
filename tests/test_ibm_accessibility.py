"""IBM Equal Access (npm accessibility-checker-engine, pinned in package.json) on every page type,
in both languages, beside axe-core and HTML_CodeSniffer (test_browser.py): the same pages, the
same browser and the same tab as theirs.

Its policy IBM_Accessibility holds every rule of its WCAG 2.0, 2.1 and 2.2 (A and AA) policies
and IBM's own requirements, such as all content in landmarks. Only what it rates a violation
that fails counts (result value ["VIOLATION", "FAIL"]); the potential violations, recommendations
and manual checks it lists are questions for a person, which it asks on every site.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from test_browser import PAGE_TYPES, audit_page, browser  # noqa: F401 (the fixtures, shared)

ACE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"
POLICY = "IBM_Accessibility"
# Each failed violation as rule, message, element (XPath) and the start of its tag; the number
# of rules run, so that a policy the engine does not know (it would run none) cannot pass.
IBM_VIOLATIONS = """async (policy) => {
    const checker = new ace.Checker();
    if (!checker.getGuidelineIds().includes(policy)) return {executed: 0, violations: ["unknown policy " + policy]};
    const report = await checker.check(document, [policy]);
    return {executed: report.numExecuted,
            violations: report.results.filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
                                      .map(r => [r.ruleId, r.message, r.path.dom, (r.snippet || "").slice(0, 120)])};
}"""


def _ibm_violations(page) -> list[list[str]]:
    page.add_script_tag(path=str(ACE))
    result = page.evaluate(IBM_VIOLATIONS, POLICY)
    assert result["executed"] > 0, result
    return result["violations"]


@pytest.mark.parametrize("path", PAGE_TYPES + ["en/" + p for p in PAGE_TYPES])
def test_ibm_equal_access_finds_no_violations(audit_page, server, path):  # noqa: F811
    audit_page.goto(server + path)
    violations = _ibm_violations(audit_page)
    assert violations == [], "\n".join(" | ".join(v) for v in violations)


def test_ibm_equal_access_reports_planted_problems(audit_page):  # noqa: F811
    """The engine runs and catches what it should here: an image link without a name, a checkbox
    without one, a link outside every landmark (as the skip link was) and a label for a control
    nobody can see (as the navigation's section titles were)."""
    audit_page.set_content(
        '<!doctype html><html lang="de"><title>x</title><body><a href="#main">Zum Inhalt</a><main id="main">'
        '<a href="/"><img src="x.png"></a><input type="checkbox">'
        '<input type="checkbox" id="t" style="display:none"><label for="t">Abschnitt</label></main></body></html>')
    rules = {rule for rule, *_ in _ibm_violations(audit_page)}
    assert {"img_alt_valid", "input_label_exists", "aria_content_in_landmark", "label_ref_valid"} <= rules, rules
