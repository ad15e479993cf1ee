"""A plan's PDF, drawn by a background task (careerpath.background) rather than in the request that asks for it:
WeasyPrint takes 0.8 to 1 s a plan. The request renders the page as this reader sees it (cheap), and the task
draws it; the same page asked again is the same PDF (`PlanPdf.key`), drawn once. With the immediate backend (the
tests, `make dev`) the task runs in the request, and the PDF is there when `ask_for_pdf` returns."""

import hashlib
import json
from datetime import timedelta
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils import timezone

from careerpath.background.api import failure, task
from careerpath.pdf import draw_pdf

from .models import Plan, PlanPdf

PDF_KEPT = timedelta(days=1)  # after it was last asked for


class PdfState(StrEnum):
    DRAWING = "drawing"
    READY = "ready"
    FAILED = "failed"


def pdf_state(pdf: PlanPdf) -> PdfState:
    if pdf.is_ready:
        return PdfState.READY
    if pdf.failed or failure(pdf.task_id):
        return PdfState.FAILED
    return PdfState.DRAWING


def ask_for_pdf(plan: Plan, reader: str, page: dict) -> PlanPdf:
    """The PDF of this page (careerpath.pdf.page_to_draw) of the plan for this reader: the one drawn or being drawn,
    else a new one queued; one that failed is queued again. The PDFs nobody asked for in PDF_KEPT go."""
    now = timezone.now()
    PlanPdf.objects.filter(asked_at__lt=now - PDF_KEPT).delete()
    key = hashlib.sha256(json.dumps(page, sort_keys=True).encode()).hexdigest()
    try:
        with transaction.atomic():
            pdf, created = PlanPdf.objects.get_or_create(plan=plan, reader=reader, key=key, defaults={"page": page})
    except IntegrityError:  # asked twice at once: the other request made it
        pdf, created = PlanPdf.objects.get(plan=plan, reader=reader, key=key), False
    if not created:
        PlanPdf.objects.filter(pk=pdf.pk).update(asked_at=now)
    if created or pdf_state(pdf) is PdfState.FAILED:
        PlanPdf.objects.filter(pk=pdf.pk).update(failed=False, task_id="")
        result = draw_plan_pdf.enqueue(pdf.pk)  # the immediate backend draws it here and now
        PlanPdf.objects.filter(pk=pdf.pk, pdf__isnull=True).update(task_id=str(result.id))
    return PlanPdf.objects.get(pk=pdf.pk)


@task()
def draw_plan_pdf(pdf_id: int) -> None:
    """Draw a queued PDF. Run again after its worker died, it draws what is not drawn yet, and nothing else."""
    pdf = PlanPdf.objects.filter(pk=pdf_id, pdf__isnull=True).first()
    if pdf is None:  # drawn by an earlier attempt, or no longer wanted
        return
    try:
        drawn = draw_pdf(**pdf.page)
    except Exception:
        PlanPdf.objects.filter(pk=pdf_id).update(failed=True)
        raise  # the task fails, with its traceback in the worker's log and its result
    PlanPdf.objects.filter(pk=pdf_id).update(pdf=drawn, page={}, drawn_at=timezone.now(), failed=False)
