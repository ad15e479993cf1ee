from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from careerpath.cache import PAGE_TIMEOUT, versioned_key
from roles.models import Role

from .assessments import save_assessment
from .catalogue import current_catalogue, profile_of
from .evaluation import evaluate
from .forms import AssessmentForm, TargetForm
from .models import Assessment
from .presentation import present


def private(view):
    """Results are personal: never stored by browsers or proxies, never indexed."""
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return never_cache(wrapped)


@require_http_methods(["GET", "POST"])
def assessment(request):
    """Step one picks the target role (a GET form); step two asks the questions for it."""
    target_form = TargetForm(request.GET or None)
    if not target_form.is_valid():
        status = 400 if target_form.is_bound or request.method == "POST" else 200
        return render(request, "pathways/assessment_start.html", {"target_form": target_form}, status=status)

    target = target_form.cleaned_data["target"]
    form = AssessmentForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_assessment(
            target=target,
            situation=form.situation,
            current_role=form.current_role,
            degree_level=data["degree_level"],
            degree_field=data["degree_field"],
            experience_months=form.experience_months,
            circumstances=data["circumstances"],
            preferred_sector=data["preferred_sector"],
            preferred_scale=data["preferred_scale"],
            ratings=form.ratings,
            language=get_language(),
        )
        return HttpResponseRedirect(saved.get_absolute_url(), status=303)
    form.describe_levels()
    status = 400 if request.method == "POST" else 200
    return render(request, "pathways/assessment_form.html", {"form": form, "target": target}, status=status)


def get_assessment(pk) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("target_role", "current_role").prefetch_related("ratings"), pk=pk
    )


@private
def result(request, pk):
    # Answers never change; the page changes only with the content. Checking that the
    # assessment exists first means a deleted result is never served from the cache.
    if not Assessment.objects.filter(pk=pk).exists():
        raise Http404
    key = versioned_key("result", pk, get_language())
    if (page := cache.get(key)) is not None:
        return HttpResponse(page)
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    catalogue = current_catalogue()
    context = {"assessment": assessment, "target": target}
    if target.is_published:
        profile = profile_of(assessment)
        context["result"] = present(evaluate(catalogue, profile, target.pk), profile, target)
    response = render(request, "pathways/result.html", context)
    cache.set(key, response.content, PAGE_TIMEOUT)
    return response


@private
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    assessment = get_assessment(pk)
    if request.method == "POST":
        assessment.delete()  # its cached page can no longer be reached: result() looks the assessment up first
        messages.success(request, _("Vos réponses et votre résultat ont été supprimés définitivement."))
        return redirect("pathways:assessment")
    return render(request, "pathways/assessment_confirm_delete.html", {"assessment": assessment})
