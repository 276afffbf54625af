"""axe-core (vendored in tests/browser/vendor, MPL-2.0) over the main page of every app, as the chair and
as a member, on a phone: no serious or critical violation (contrast, labels, names, duplicate ids)."""

import json
from pathlib import Path

import pytest

from welfare import services
from welfare.tests.factories import make_campaign, make_file, make_member

from .conftest import PHONE

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "chair": [
        "/", "/members/", "/members/dues/", "/members/statistics/", "/congress/", "/congress/proposals/",
        "/disclosure/", "/welfare/", "/welfare/files/", "/welfare/payments/", "/welfare/campaigns/",
        "/welfare/campaigns/{campaign}/", "/activities/", "/activities/calendar/", "/documents/",
    ],
    "member": [
        "/", "/members/me/", "/congress/", "/disclosure/", "/welfare/applications/mine/", "/activities/",
        "/documents/",
    ],
}  # fmt: skip


@pytest.fixture
def phone(browser):
    # the axe script is injected by the test, which the portal's CSP (script-src 'self') would refuse
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _violations(page):
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || ''))})))",
        WCAG,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("role", PAGES)
def test_main_pages_have_no_serious_accessibility_violation(role, phone, log_in, live_server, users):
    campaign = make_campaign()
    # a recipient still to be paid: the campaign page shows an amount field for them
    services.add_recipient(campaign=campaign, member=make_file(member=make_member("张三")).member, actor=users["chair"])
    log_in(phone, role)
    found = {}
    for path in PAGES[role]:
        phone.goto(live_server.url + path.format(campaign=campaign.pk))
        violations = _violations(phone)
        if violations:
            found[path] = violations
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
