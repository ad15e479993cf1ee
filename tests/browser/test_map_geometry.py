"""What is drawn on the career map, measured in the browser: no label touches another label, a box or an arrow,
on a phone and on a large screen, in both languages; and on the result page, no step number touches another."""

import pytest

from tests.browser.pages import COO, EDO, MAP_GEOMETRY, a_result

pytestmark = pytest.mark.django_db(transaction=True)

DRAWINGS = {390: "svg.career-map-compact", 1280: "svg.career-map-wide"}


def overlap(a, b, inset: float = 0.5) -> bool:
    """Whether two boxes share more than a hairline (text boxes may touch at their edges)."""
    return a[0] + inset < b[2] and b[0] + inset < a[2] and a[1] + inset < b[3] and b[1] + inset < a[3]


def inside(point, box, inset: float) -> bool:
    return box[0] + inset < point[0] < box[2] - inset and box[1] + inset < point[1] < box[3] - inset


def contains(outer, inner) -> bool:
    return outer[0] - 1 <= inner[0] and inner[2] <= outer[2] + 1 and outer[1] - 1 <= inner[1] and inner[3] <= outer[3] + 1


def touching(drawn: dict) -> list[str]:
    """Every pair of things on the map that overlap, in words."""
    found = []
    nodes, labels, names, arrows = drawn["nodes"], drawn["labels"], drawn["names"], drawn["arrows"]
    for node in nodes:
        found += [f"text out of its box: {node['name']}" for text in node["texts"] if not contains(node["box"], text)]
    for label in labels:
        found += [f"text out of its label: {label['name']}" for text in label["texts"] if not contains(label["box"], text)]
    solid = [(n["name"], n["box"]) for n in nodes] + [(f"label {x['name']}", x["box"]) for x in labels]
    solid += [(f"level {x['name']}", x["box"]) for x in names]
    for i, (name, box) in enumerate(solid):
        found += [f"{name} on {other}" for other, other_box in solid[i + 1 :] if overlap(box, other_box)]
    for index, points in enumerate(arrows):
        # An arrow starts and ends on the edge of a box, and runs under its own label.
        crossed = [(n["name"], n["box"], 2) for n in nodes] + [(f"level {x['name']}", x["box"], 0) for x in names]
        crossed += [(f"label {x['name']}", x["box"], 0) for i, x in enumerate(labels) if i != index]
        for name, box, inset in crossed:
            if any(inside(point, box, inset) for point in points):
                found.append(f"arrow {index} ({labels[index]['name']}) through {name}")
    return found


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_on_the_map_touches_anything_else(browser, browser_context_args, site, width, language):
    context = browser.new_context(**browser_context_args, viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ["/roles/map/", "/", f"/roles/{EDO}/", f"/roles/{COO}/", "/roles/operations-supervisor/"]:
        page.goto(site + language + path)
        drawings = [svg for svg in page.locator("svg.career-map").all() if svg.is_visible()]
        assert len(drawings) == 1, path  # the one drawing for this width
        drawn = drawings[0].evaluate(MAP_GEOMETRY)
        assert len(drawn["labels"]) == len(drawn["arrows"]) > 0 and drawn["nodes"]
        assert touching(drawn) == [], (path, width)
        if path == "/roles/map/":
            assert page.locator(DRAWINGS[width]).is_visible()
            assert len(drawn["names"]) >= 4  # each level named
    context.close()


def test_the_checks_see_a_label_on_an_arrow_and_a_level_name_struck_through(browser, browser_context_args, site):
    """The measure itself: a label moved onto another arrow, and a level's name moved under one, are caught."""
    context = browser.new_context(**browser_context_args, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site + "/roles/map/")
    svg = page.locator("svg.career-map-compact")
    assert touching(svg.evaluate(MAP_GEOMETRY)) == []
    svg.evaluate("""svg => {
      const [first, second] = [...svg.querySelectorAll('path.map-move')].slice(1, 3)
        .map(path => path.getPointAtLength(path.getTotalLength() / 2));
      const label = svg.querySelectorAll('.map-label')[0], rect = label.querySelector('rect').getBBox();
      const [dx, dy] = [first.x - rect.x - rect.width / 2, first.y - rect.y - rect.height / 2];
      label.setAttribute('transform', `translate(${dx}, ${dy})`);
      const name = svg.querySelector('text.map-band-label tspan');
      name.setAttribute('x', second.x - 20);
      name.setAttribute('y', second.y + 5);
    }""")
    found = touching(svg.evaluate(MAP_GEOMETRY))
    assert any(problem.startswith("arrow 1 ") and "through label" in problem for problem in found), found
    assert any(problem.startswith("arrow 2 ") and "through level" in problem for problem in found), found
    context.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_step_numbers_on_the_route_chart_touch_nothing(browser, browser_context_args, site, width):
    context = browser.new_context(**browser_context_args, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + a_result())
    lanes = page.locator("svg.route-lane-bars").all()
    assert lanes
    for lane in lanes:
        numbers = lane.evaluate("""svg => [...svg.querySelectorAll('.route-segment-number')].map(t => {
          const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        bars = lane.evaluate("""svg => [...svg.querySelectorAll('.route-segment rect, .route-range')].map(t => {
          const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        svg_box = lane.bounding_box()
        for i, number in enumerate(numbers):
            assert not any(overlap(number, other, 0) for other in numbers[i + 1 :]), (width, numbers)
            assert not any(overlap(number, bar, 0) for bar in bars), (width, number)
            assert svg_box["x"] - 0.5 <= number[0] and number[2] <= svg_box["x"] + svg_box["width"] + 0.5
    context.close()
