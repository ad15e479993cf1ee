"""The pages a person prints, as paper shows them (the print media): folded sections open, the private link in full,
each source passage where it is cited; with the script and without it."""

import re

import pytest
from playwright.sync_api import expect

from roles.models import Passage, Role
from tests.browser.pages import COO, a_result, open_a_plan, watch_for_violations
from tests.pdfs import read

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["", "/en"]
SOURCE = "coo-metier-missions"


@pytest.fixture(params=[True, False], ids=["with the script", "without it"])
def reader(request, browser, browser_context_args):
    """A page in a browser with its scripts or without, as the person may print it; fails the test as `page` does."""
    context = browser.new_context(**browser_context_args, java_script_enabled=request.param)
    page = context.new_page()
    problems = watch_for_violations(page)
    yield page
    context.close()
    assert problems == [], problems


def on_paper(page, url: str):
    page.goto(url)
    page.emulate_media(media="print")
    return page


def assert_private_link_printed(page, address: str) -> None:
    link = page.locator(".private-link")
    expect(link).to_be_visible()
    expect(link).to_contain_text(address)  # in full, as text: a form field would cut it
    expect(link.locator("input")).to_be_hidden()


def assert_passages_printed_where_cited(page) -> None:
    """Each reference to a source prints the passage's words and the source's title, in the line that cites it."""
    references = page.locator("main details.passage-ref")
    assert references.count() >= 10
    for reference in references.all():
        quotation, source = reference.locator("q"), reference.locator("a")
        if not quotation.count():
            continue  # the team's own basis, said in words
        slug, anchor = re.fullmatch(r".*/sources/(.+)/#(.+)", source.get_attribute("href")).groups()
        passage = Passage.objects.get(source__slug=slug, anchor=anchor)
        expect(quotation).to_have_text(passage.quotation)
        expect(quotation).to_be_visible()
        expect(source).to_be_visible()  # the source's title, in the page's language
        # On the statement's own lines, after "according to the source".
        cited_bottom = reference.evaluate("e => e.closest('li, tr, dd, div').getBoundingClientRect().bottom")
        assert reference.locator("summary").bounding_box()["y"] <= quotation.bounding_box()["y"] < cited_bottom


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_result_prints_its_private_link_and_its_folded_sections(reader, site, language):
    address = f"{site}{language}{a_result()}"
    page = on_paper(reader, address)
    assert_private_link_printed(page, address)
    for folded in ("details.answers-shown dl", "details.score-explained p"):
        expect(page.locator(folded).first).to_be_visible()
    expect(page.locator("#route-best")).to_be_visible()
    expect(page.locator("#what-if")).to_be_hidden()  # a form to try answers: nothing to read on paper


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profile_prints_each_passage_where_it_is_cited_and_the_levels(reader, site, language):
    page = on_paper(reader, f"{site}{language}/roles/{COO}/")
    assert_passages_printed_where_cited(page)
    expect(page.locator(".skills-table .level-anchors").first).to_be_visible()
    expect(page.locator(".skills-table .is-required").first).to_be_visible()
    summaries = page.locator(".sources details")  # what each source covers
    assert summaries.count() == Role.objects.get(slug=COO).sources.exclude(summary="").count() >= 1
    for summary in summaries.all():
        assert len(summary.inner_text()) > len(summary.locator("summary").inner_text()) + 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_plan_prints_its_private_link_and_the_persons_notes(page, site, language):
    address = open_a_plan(page, site, language)
    page.locator("#step-1 .plan-note-details summary").click()
    page.locator("#step-1 textarea[name=text]").fill("Demander à ma responsable")
    page.locator("#step-1 .plan-note-form [type=submit]").click()
    on_paper(page, address)
    assert_private_link_printed(page, address)
    expect(page.locator("#step-1 .plan-note")).to_contain_text("Demander à ma responsable")
    expect(page.locator("#step-1 textarea")).to_be_hidden()
    expect(page.locator("#rating-heading")).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_source_prints_every_passage(reader, site, language):
    page = on_paper(reader, f"{site}{language}/sources/{SOURCE}/")
    passages = page.locator(".passage-quotation")
    assert passages.count() == Passage.objects.filter(source__slug=SOURCE).count() >= 3
    for quotation in passages.all():
        expect(quotation).to_be_visible()
    expect(page.locator(".passage-translation").first).to_be_visible()


def test_the_script_opens_folded_sections_before_printing_and_folds_them_back_after(page, site):
    page.goto(f"{site}/roles/{COO}/")
    closed = page.locator("main details:not([open])")
    folded = closed.count()
    assert folded >= 10
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(closed).to_have_count(0)
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    expect(closed).to_have_count(folded)


def test_the_printed_pdf_of_a_profile_and_a_result_holds_the_passages_and_the_link(page, site):
    """What the browser puts on paper, read back from its PDF. The link has an "ff" in it, which fonts draw as one
    glyph unless told not to: copied from the PDF, it must still be the link."""
    while "ff" not in (result := a_result()):
        pass
    address = f"{site}{result}"
    page.goto(address)
    _reader, text = read(page.pdf())
    assert address in "".join(text.split()), text[:600]  # the link may break across lines, where a space or a newline comes in
    assert "Ce que mesure ce score" in text and "60 points" in text
    page.goto(f"{site}/roles/{COO}/")
    _reader, text = read(page.pdf())
    quotation = page.locator("main details.passage-ref q").first.inner_text()
    assert re.sub(r"\s+", "", quotation)[:60] in re.sub(r"\s+", "", text)
    assert text.count("d’après la source") >= 10
