"""What the browser tests do and measure on a page: scripts for `page.evaluate`, the checks every page goes through,
and the journeys several tests start from."""

from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from pathways.assessments import Answers, save_assessment
from pathways.forms import answers_query
from roles.models import Role
from tests.two_factor import fresh_code, totp

COO, EDO = "chief-operating-officer", "executive-director-of-operations"

# The height of each line of chart text as drawn, for the charts on screen.
CHART_TEXT = """() => [...document.querySelectorAll('svg text')]
  .flatMap(text => text.querySelector('tspan') ? [...text.querySelectorAll('tspan')] : [text])
  .map(line => line.getBoundingClientRect().height).filter(height => height > 0)"""


# Everything drawn on a visible career map that could touch something else, as boxes on the screen: each line
# of text, the boxes, the arrows' labels (their backgrounds) and points every 2 px along each arrow.
MAP_GEOMETRY = """svg => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const lines = text => text.querySelector('tspan') ? [...text.querySelectorAll('tspan')] : [text];
  const matrix = svg.getScreenCTM();
  const arrows = [...svg.querySelectorAll('path.map-move')].map(path => {
    const points = [], length = path.getTotalLength();
    for (let at = 0; at <= length; at += 2) {
      const p = path.getPointAtLength(at).matrixTransform(matrix);
      points.push([p.x, p.y]);
    }
    return points;
  });
  return {
    nodes: [...svg.querySelectorAll('rect.map-node')].map(rect => ({
      box: box(rect),
      texts: [...rect.parentNode.querySelectorAll('text')].flatMap(lines).map(box)
        .concat([...rect.parentNode.querySelectorAll('rect.map-badge')].map(box)),
      name: rect.parentNode.textContent.trim(),
    })),
    labels: [...svg.querySelectorAll('.map-label')].map(label => ({
      box: box(label.querySelector('rect')), texts: lines(label.querySelector('text')).map(box),
      name: label.textContent.trim(),
    })),
    names: [...svg.querySelectorAll('text.map-band-label')].flatMap(lines)
      .map(line => ({box: box(line), name: line.textContent})),
    arrows,
  };
}"""

# Whatever sticks out of the viewport, left or right; boxes of a pixel or less are visually hidden
# text (the skip link, labels for screen readers), and closed <details> have no box at all.
OVERFLOW = """() => {
  const width = window.innerWidth, wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if (box.left < -0.5 || box.right > width + 0.5) wide.push(element.outerHTML.slice(0, 80));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def some_answers(level: int = 2) -> Answers:
    """Answers for the chief operating officer with every skill at `level`, so every chart is drawn."""
    target = Role.objects.with_skills().get(slug=COO)
    return Answers(
        target=target,
        situation="student",
        current_role=None,
        degree_level="bachelor",
        degree_field="business-management",
        experience_months={"operations": 24},
        circumstances=[],
        preferred_sector="both",
        preferred_scale=None,
        ratings={rs.skill_id: level for rs in target.role_skills.all() if rs.required_level},
    )


def a_result() -> str:
    return save_assessment(some_answers(), language="fr").get_absolute_url()


def a_what_if() -> str:
    """The what-if of a saved result, with every skill one level higher."""
    return f"{a_result()}what-if/?{answers_query(some_answers(3))}"


def assert_fits(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["width"], (page.url, found)
    assert found["wide"] == [], (page.url, found)


def watch_for_violations(page) -> list[str]:
    """Collect Content-Security-Policy violations, script errors and Permissions-Policy features the browser
    does not know (it would ignore them) that the page reports."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused" in message.text):
            problems.append(message.text)
        if "Permissions-Policy" in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


# Every WCAG 2.0, 2.1 and 2.2 rule of levels A and AA that axe-core has, and its experimental rules (among them
# label-content-name-mismatch: a control's accessible name holds its visible text, WCAG 2.5.3), which axe leaves
# out unless asked.
WCAG_2_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "experimental"]},
    "resultTypes": ["violations"],
}


def violations_on(page) -> list[str]:
    """The page's WCAG 2 AA violations, once its colours have settled: a button just clicked fades between its
    states (Bootstrap's transitions), and a colour read halfway is neither the one before nor the one after."""
    page.evaluate("Promise.allSettled(document.getAnimations().map(animation => animation.finished))")
    results = Axe().run(page, options=WCAG_2_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in results.response["violations"]]


def answer_every_skill(page, level: int) -> None:
    for group in page.locator("[name^=skill_]").evaluate_all("els => [...new Set(els.map(e => e.name))]"):
        page.locator(f"input[name={group}][value='{level}']").check()


def save_a_result(page, site, language="") -> str:
    page.goto(f"{site}{language}/assessment/?target={EDO}")
    page.locator("#id_position").select_option("student")
    answer_every_skill(page, 1)
    page.locator("#id_consent").check()
    page.locator("[type=submit]").click()
    expect(page.locator(".score-summary")).to_be_visible()
    return page.url


def give_second_factor(page, username: str, found: dict | None = None) -> None:
    """The code, as the person's app computes it: on first sign-in from the secret the page shows in text, then
    past the recovery codes; later from the same secret."""
    expect(page.locator("#id_code")).to_be_visible()
    if page.locator(".secret-key").count():
        if found is not None:
            found["two-factor set-up"] = violations_on(page)
        page.locator("#id_code").fill(totp(page.locator(".secret-key").inner_text()))
        page.locator("main form [type=submit]").click()
        expect(page.locator(".recovery-codes code")).to_have_count(10)
        if found is not None:
            found["recovery codes"] = violations_on(page)
        page.locator("a.btn-primary").click()
    else:
        page.locator("#id_code").fill(fresh_code(TOTPDevice.objects.get(user__username=username, confirmed=True)))
        page.locator("main form [type=submit]").click()


def choose_a_route(page, which: int = 0) -> None:
    """On the route choice page: take one of the routes offered and make it the plan."""
    page.locator("input[name=route]").nth(which).check()
    page.locator("article.plan-start form [type=submit]").click()
    expect(page.locator("article.plan")).to_be_visible()


def open_a_plan(page, site, language="", which: int = 0) -> str:
    """A saved result (made without the form, to be quick), then its plan; returns the plan's address."""
    page.goto(f"{site}{language}{a_result()}plan/")
    choose_a_route(page, which)
    return page.url.split("#")[0]
