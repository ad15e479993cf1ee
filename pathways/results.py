"""A saved self-assessment read back: the assessment with what its pages show, and the result kept with it."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from careerpath.fields import unpack

from .assessments import Answers
from .models import Assessment
from .presentation import ResultView, unpin

RESULT_PAGES = "result-gz"  # what a result's pages are kept under (careerpath.cache.object_page_key), compressed too
WHAT_IF_PAGES = "what-if"  # and its what-if pages, one per answers tried (careerpath.cache.keep_variant)


def get_assessment(pk) -> Assessment:
    """The assessment with its roles, its versions and its plan, or 404."""
    return get_object_or_404(Assessment.objects.select_related("target_role", "current_role", "revises", "plan"), pk=pk)


def saved_result(assessment: Assessment, answers: Answers) -> ResultView | None:
    """The result as it was saved, in the active language (None when its target is no longer published and it
    was never kept).

    A result saved before results were kept, or kept in a shape this code no longer reads, is computed with
    today's content when it is first read, and kept from then on: only the running code can compute it (the
    catalogue, the scoring and the presenter as they are now, which no migration may import), and without it the
    page would have nothing to set today's content against. It is written once (`keep_result_once`)."""
    saved = unpin(assessment.pinned_result, get_language())
    if saved is None and answers.target.is_published:
        assessment.pinned_result = keep_result_once(assessment, answers)
        saved = unpin(assessment.pinned_result, get_language())
    return saved


@transaction.atomic
def keep_result_once(assessment: Assessment, answers: Answers) -> dict:
    """Keep the result these answers give today, unless another request kept one since this one read the row:
    the row is read again under a lock, and what is kept there wins."""
    kept = Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pinned_result", flat=True).first()
    if unpin(kept, get_language()) is not None:
        return kept
    pinned = answers.pinned_result()
    Assessment.objects.filter(pk=assessment.pk).update(pinned_result=pinned)
    return unpack(pinned)
