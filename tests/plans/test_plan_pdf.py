"""A plan as an accessible PDF: tagged, titled and in the reader's language, with the route, the gaps, the
progress (the chart's text alternative) and the sources; for whoever may read the plan, and nobody else."""

import pytest
from django.test import Client

from plans.pages import get_plan, plan_page
from tests.factories import expire, make_plan, plan_url, share_with
from tests.pdfs import read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "done", "history"),
    [
        ("", "Mon plan vers : Directeur exécutif des opérations", "Faite le", "Le score à chaque mesure"),
        ("/en", "My plan towards: Executive director of operations", "Done on", "The score at each measure"),
    ],
)
def test_the_owners_plan_becomes_a_tagged_pdf_with_its_progress_and_sources(client, content, lang, title, done, history):
    plan = make_plan(client)
    client.post(plan_url(plan, tail="tick/"), {"item": "step-1"})
    client.post(plan_url(plan, tail="note/"), {"step": 1, "text": "Inscription faite à la licence"})
    response = client.get(plan_url(plan, lang, "pdf/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]
    reader, text = read(response.content)
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title.startswith(title) and reader.metadata.title.endswith(" — careerpath")
    assert catalog["/Lang"] == (lang.strip("/") or "fr")
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    page = plan_page(get_plan(plan.pk))
    for state in page.steps:
        assert state.row.title.split(" / ")[0][:25] in text
    assert done in text and history in text and "Inscription faite à la licence" in text
    assert page.gaps[0].gap.action.skill.name in text
    # Spaces folded on both sides: a title's no-break spaces (« : ») may come out of the PDF as ordinary ones.
    assert all(" ".join(source.title[:30].split()) in " ".join(text.split()) for source in page.sources)
    # Nothing to click on paper.
    assert "Marquer comme fait" not in text and "Mark as done" not in text


def test_a_link_holder_and_the_counsellor_get_the_pdf_others_do_not(client, content, make_counsellor):
    plan = make_plan(client)
    link = share_with(client, plan, None)
    claire, browser = make_counsellor("claire")
    for_claire = share_with(client, plan, claire)
    _paul, paul = make_counsellor("paul")
    shared = Client().get(f"/plans/shared/{link.token}/pdf/")
    assert shared.status_code == 200
    assert read(shared.content)[0].metadata.title.startswith("Un plan partagé vers")
    assert browser.get(f"/counsellor/plans/{for_claire.token}/pdf/").status_code == 200
    assert paul.get(f"/counsellor/plans/{for_claire.token}/pdf/").status_code == 404
    assert Client().get(f"/counsellor/plans/{for_claire.token}/pdf/").status_code == 302
    assert Client().get(f"/plans/shared/{for_claire.token}/pdf/").status_code == 404
    expire(link)
    assert Client().get(f"/plans/shared/{link.token}/pdf/").status_code == 410
    client.post(plan_url(plan, tail=f"shares/{for_claire.pk}/revoke/"))
    assert browser.get(f"/counsellor/plans/{for_claire.token}/pdf/").status_code == 404
