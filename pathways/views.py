from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from careerpath.cache import PAGE_TIMEOUT, versioned_key
from careerpath.ratelimits import limit_posts
from roles.models import Role

from .assessments import Answers, save_assessment
from .forms import AssessmentForm, TargetForm, WhatIfForm, answer_pairs, answers_query
from .models import Assessment
from .presentation import ResultChange, ResultView, unpin


def private(view):
    """Results are personal: never stored by browsers or proxies, never indexed."""
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return never_cache(wrapped)


@require_http_methods(["GET", "POST"])
@limit_posts("assessments")
def assessment(request):
    """The first page picks the target role (a GET form); the second asks the questions for it."""
    target_form = TargetForm(request.GET or None)
    if not target_form.is_valid():
        status = 400 if target_form.is_bound or request.method == "POST" else 200
        return render(request, "pathways/assessment_start.html", {"target_form": target_form}, status=status)

    target = target_form.cleaned_data["target"]
    form = AssessmentForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        saved = save_assessment(form.answers, language=get_language())
        return HttpResponseRedirect(saved.get_absolute_url(), status=303)
    form.describe_levels()
    status = 400 if request.method == "POST" else 200
    return render(request, "pathways/assessment_form.html", {"form": form, "target": target}, status=status)


def get_assessment(pk) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("target_role", "current_role", "revises", "plan").prefetch_related("ratings"), pk=pk
    )


def saved_result(assessment: Assessment, answers: Answers) -> ResultView | None:
    """The result as it was saved (None when its target is no longer published and it was never kept)."""
    saved = unpin(assessment.pinned_result, get_language())
    if saved is None and answers.target.is_published:
        # Saved before results were kept, or kept in a shape this code no longer reads: kept from now on.
        assessment.pinned_result = answers.pinned_result()
        Assessment.objects.filter(pk=assessment.pk).update(pinned_result=assessment.pinned_result)
        saved = unpin(assessment.pinned_result, get_language())
    return saved


def result_page_key(pk, language: str) -> str:
    return versioned_key("result", pk, language)


def forget_result_pages(pk) -> None:
    """After a version of the result is added or removed: its earlier version's page names it."""
    cache.delete_many([result_page_key(pk, language) for language, _name in settings.LANGUAGES])


@private
def result(request, pk):
    # Answers never change; the page changes only with the content and the versions made from it
    # (`forget_result_pages`). Checking that the assessment exists first means a deleted result is
    # never served from the cache.
    if not Assessment.objects.filter(pk=pk).exists():
        raise Http404
    key = result_page_key(pk, get_language())
    if (page := cache.get(key)) is not None:
        return HttpResponse(page)
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    saved = saved_result(assessment, answers)
    current = answers.result() if target.is_published else None  # today's content, for what changed since
    since = ResultChange(saved, current) if saved and current else None
    context = {
        "assessment": assessment, "target": target, "result": saved or current,
        "newer": assessment.revisions.order_by("-created_at").first(),
        # Shown beside the saved result when today's content tells the person something else.
        "since": since if since and since.changed else None,
        "answers_query": answers_query(answers),
    }
    if current:
        context["what_if_form"] = WhatIfForm(initial=AssessmentForm.data_of(answers), target=target,
                                             rated=set(answers.ratings))
    response = render(request, "pathways/result.html", context)
    cache.set(key, response.content, PAGE_TIMEOUT)
    return response


@private
@require_http_methods(["GET", "POST"])
@limit_posts("assessments")
def what_if(request, pk):
    """The saved result beside the one other answers would give; a POST keeps those answers as a new version."""
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    if not target.is_published:
        return redirect(assessment)  # nothing to try against
    answers = Answers.of(assessment, target)
    saved = saved_result(assessment, answers)
    data = request.POST if request.method == "POST" else request.GET or None
    form = WhatIfForm(data, initial=AssessmentForm.data_of(answers), target=target, rated=set(answers.ratings))
    context = {"assessment": assessment, "target": target, "saved": saved, "form": form}
    if form.is_bound and form.is_valid():
        if request.method == "POST":
            version = save_assessment(form.answers, language=get_language(), revises=assessment)
            forget_result_pages(assessment.pk)  # the new page says which version it revises; the old one, its newer
            return HttpResponseRedirect(version.get_absolute_url(), status=303)
        context["trial"] = ResultChange(saved, form.answers.result())
        context["trial_fields"] = answer_pairs(form.answers)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "pathways/what_if.html", context, status=status)


@private
@require_http_methods(["GET", "POST"])
@limit_posts("deletions")
def delete(request, pk):
    assessment = get_assessment(pk)
    if request.method == "POST":
        assessment.delete()  # its cached page can no longer be reached: result() looks the assessment up first
        if assessment.revises_id:
            forget_result_pages(assessment.revises_id)
        messages.success(request, _("Vos réponses, votre résultat et votre plan ont été supprimés définitivement."))
        return redirect("pathways:assessment")
    return render(request, "pathways/assessment_confirm_delete.html", {"assessment": assessment})
