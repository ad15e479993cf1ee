from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from careerpath.cache import (
    CSRF_SLOT,
    keep_variant,
    kept_response,
    kept_variant,
    revised_pk,
    revision_of,
    with_csrf_token,
)
from careerpath.decorators import private
from careerpath.ratelimits import limit_posts
from roles.models import Role

from .assessments import Answers, delete_assessments, holdings_of, save_assessment, versions_of
from .forms import SITUATION_FIELD, AssessmentForm, TargetForm, WhatIfForm, answer_pairs, answers_query, answers_shown
from .models import Assessment
from .presentation import ResultChange
from .results import RESULT_PAGES, WHAT_IF_PAGES, get_assessment, saved_result
from .why import why_answers_moved_nothing


@require_http_methods(["GET", "POST"])
@limit_posts("assessments")
def assessment(request):
    """The first page picks the target role (a GET form); the second asks the questions for it."""
    target_form = TargetForm(request.GET or None)
    if not target_form.is_valid() or target_form.job_to_choose:
        status = 400 if not target_form.is_valid() and (target_form.is_bound or request.method == "POST") else 200
        return render(request, "pathways/assessment_start.html", {"target_form": target_form}, status=status)

    target, job = target_form.cleaned_data["target"], target_form.cleaned_data["current"]
    form = AssessmentForm(request.POST or None, target=target, initial={SITUATION_FIELD: job.slug} if job else None)
    if request.method == "POST" and form.is_valid():
        saved = save_assessment(form.answers, language=get_language())
        return HttpResponseRedirect(saved.get_absolute_url(), status=303)
    form.offer_skills_the_job_uses()
    form.describe_levels()
    status = 400 if request.method == "POST" else 200
    return render(request, "pathways/assessment_form.html", {"form": form, "target": target}, status=status)


@private
def result(request, pk):
    # Answers never change; the page changes only with the content (its version is in the key), and with the versions
    # made from it and its plan, which count up its revision (pathways/apps.py, plans/apps.py): read first, with
    # whether the assessment still exists, so that a deleted result is never served from the cache.
    revision = revision_of(Assessment, pk)
    if revision is None:
        raise Http404
    address = f"{request.scheme}://{request.get_host()}"  # the page shows its own link, with the host it was asked by
    if (kept := kept_variant(RESULT_PAGES, revised_pk(pk, revision), address)) is not None:
        return kept_response(request, kept)
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    saved = saved_result(assessment, answers)
    current = answers.result() if target.is_published else None  # today's content, for what changed since
    since = ResultChange(saved, current) if saved and current else None
    context = {
        "assessment": assessment,
        "target": target,
        "result": saved or current,
        "newer": assessment.revisions.order_by("-created_at").first(),
        # Shown beside the saved result when today's content tells the person something else.
        "since": since if since and since.changed else None,
        "answers_query": answers_query(answers),
        "answers_shown": answers_shown(answers),
    }
    if current:
        context["what_if_form"] = WhatIfForm(initial=AssessmentForm.data_of(answers), target=target, rated=set(answers.ratings))
    response = render(request, "pathways/result.html", context)
    # Under the revision read with the rows it shows; with no CSRF token, safe to keep compressed.
    keep_variant(RESULT_PAGES, revised_pk(pk, assessment.revision), address, compress_string(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


@private
@require_http_methods(["GET", "POST"])
@limit_posts("assessments")
@limit_posts("what_if", methods=("GET",))
def what_if(request, pk):
    """The saved result beside the one other answers would give; a POST keeps those answers as a new version.

    A page of answers tried is kept (a slider moved back, the page asked again): it changes only with the content,
    and goes with the assessment (pathways/apps.py). A deleted assessment's is never served: it is looked up first."""
    tried = request.META.get("QUERY_STRING", "")  # as sent: the page's language links repeat it
    if request.method == "GET" and (page := kept_variant(WHAT_IF_PAGES, pk, tried)) is not None:
        if not Assessment.objects.filter(pk=pk).exists():
            raise Http404
        return HttpResponse(with_csrf_token(request, page))
    response = what_if_page(request, pk)
    if request.method == "GET" and response.status_code == 200:
        keep_variant(WHAT_IF_PAGES, pk, tried, response.content)
    if not response.streaming:
        response.content = with_csrf_token(request, response.content)
    return response


def what_if_page(request, pk):
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
            return HttpResponseRedirect(version.get_absolute_url(), status=303)
        context["trial"] = trial = ResultChange(saved, form.answers.result())
        if trial.moved_nothing:
            context["why"] = why_answers_moved_nothing(answers.ratings, form.answers)
        context["trial_fields"] = answer_pairs(form.answers)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context["csrf_token"] = CSRF_SLOT  # the visitor's own is put in by what_if(), on this page and on a kept one
    return render(request, "pathways/what_if.html", context, status=status)


@private
@require_http_methods(["GET", "POST"])
@limit_posts("deletions")
def delete(request, pk):
    """Every version of the result goes with it: they are the same person's answers, each at its own link."""
    assessment = get_object_or_404(Assessment, pk=pk)
    versions = versions_of(assessment)
    if request.method == "POST":
        delete_assessments(versions)
        messages.success(request, deleted_message(len(versions)))
        return redirect("pathways:assessment")
    context = {"assessment": assessment, "holdings": holdings_of(versions)}
    return render(request, "pathways/assessment_confirm_delete.html", context)


def deleted_message(versions: int) -> str:
    if versions == 1:
        return _("Vos réponses, votre résultat et votre plan ont été supprimés définitivement.")
    return ngettext(
        "%(count)s version de votre résultat, avec vos réponses et son plan, a été supprimée définitivement.",
        "Les %(count)s versions de votre résultat, avec vos réponses et leurs plans, ont été supprimées définitivement.",
        versions,
    ) % {"count": versions}
