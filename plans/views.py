"""A plan's pages: the person's own (behind their result's private link), a read-only link's, a counsellor's."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, user_passes_test
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careerpath.pdf import pdf_response
from careerpath.ratelimits import limit_posts
from pathways.assessments import Answers
from pathways.views import forget_result_pages, get_assessment, private, saved_result
from roles.models import Role

from . import progress as plan_progress
from .forms import CommentForm, NoteForm, ProgressForm, RatingForm, RouteChoiceForm, ShareForm
from .models import COUNSELLOR_GROUP, Comment, Counsellor, Plan, Share, StepNote
from .pages import (
    PlanPage,
    ShareExpired,
    ShareGone,
    get_plan,
    get_shared_plan,
    plan_page,
    plan_summary,
    plans_with_everything,
)
from .progress import ProgressError


def page_or_gone(plan: Plan) -> PlanPage:
    page = plan_page(plan)
    if page is None:
        raise Http404
    return page


def owner_context(page: PlanPage, **bound_forms) -> dict:
    """The plan page with its forms; a form sent with a mistake is shown again as it was sent."""
    return {
        "page": page, "plan": page.plan, "assessment": page.plan.assessment, "mode": "owner",
        "today": timezone.localdate(),
        "rating_form": bound_forms.get("rating_form") or RatingForm(skills=page.skill_choices),
        "share_form": bound_forms.get("share_form") or ShareForm(),
        "progress_error": bound_forms.get("progress_error"), "error_item": bound_forms.get("error_item"),
        "note_form": bound_forms.get("note_form"), "bound_step_forms": [bound_forms.get("note_form")],
    }


def render_plan(request, page: PlanPage, status: int = 200, **bound_forms):
    return render(request, "plans/plan.html", owner_context(page, **bound_forms), status=status)


@private
@require_http_methods(["GET", "POST"])
@limit_posts("plans")
def plan(request, pk):
    """GET: the plan, or the choice of a route when there is none yet (or `?route=change`). POST: make the chosen
    route the plan."""
    try:
        existing = get_plan(pk)
    except Http404:
        existing = None
    if existing and request.method == "GET" and request.GET.get("route") != "change":
        return render_plan(request, page_or_gone(existing))
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    result = saved_result(assessment, answers)
    routes = plan_progress.routes_of(result) if result else []
    form = RouteChoiceForm(request.POST or None, routes=routes,
                           initial={"route": existing.route if existing else routes[0].anchor if routes else None})
    if request.method == "POST" and form.is_valid():
        made = plan_progress.start_plan(answers, assessment, plan_progress.chosen_route(result, form.cleaned_data["route"]))
        forget_result_pages(assessment.pk)  # the result page now links to the plan
        return HttpResponseRedirect(made.get_absolute_url(), status=303)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/plan_start.html", {"assessment": assessment, "target": target, "result": result,
                                                     "routes": routes, "form": form, "plan": existing}, status=status)


def back_to_the_plan(view):
    """A change to a plan is a POST; after a mistake the browser shows the POST's address, which, opened again,
    leads back to the plan rather than to an error."""
    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return HttpResponseRedirect(reverse("plans:plan", kwargs={"pk": pk}), status=303)
        return view(request, pk, *args, **kwargs)
    return wrapped


def owner_plan_and_page(pk) -> tuple[Plan, PlanPage]:
    plan = get_plan(pk)
    return plan, page_or_gone(plan)


@private
@back_to_the_plan
@require_POST
@limit_posts("plans")
def tick(request, pk):
    """Tick a step or a gap as done on a day, or untick it."""
    plan, page = owner_plan_and_page(pk)
    form = ProgressForm(request.POST)
    item = page.item(request.POST.get("item", ""))
    if item is None:
        return render_plan(request, page, 400, progress_error=_("Cet élément ne fait pas partie de votre plan."))
    if not form.is_valid():
        return render_plan(request, page, 400, error_item=item.key,
                           progress_error=" ".join(error for errors in form.errors.values() for error in errors))
    answers = page.saved_answers
    try:
        if form.cleaned_data["undo"]:
            plan_progress.undo(plan, answers, page.route_steps, item.key)
        else:
            effect = (plan_progress.step_effect(item, page.result.target.pk) if isinstance(item, plan_progress.Step)
                      else plan_progress.gap_effect(item))
            plan_progress.mark_done(plan, answers, page.route_steps, item.key, effect, form.cleaned_data["done_on"])
    except ProgressError as error:
        return render_plan(request, page, 400, error_item=item.key, progress_error=str(error))
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#{item.key}", status=303)


@private
@back_to_the_plan
@require_POST
@limit_posts("plans")
def rate(request, pk):
    """Re-rate one of the target's skills."""
    plan, page = owner_plan_and_page(pk)
    form = RatingForm(request.POST, skills=page.skill_choices)
    if not form.is_valid():
        return render_plan(request, page, 400, rating_form=form)
    answers = page.saved_answers
    skill = next(rs.skill for rs in answers.target.role_skills.all() if rs.skill.slug == form.cleaned_data["skill"])
    level = form.cleaned_data["level"]
    plan_progress.mark_done(plan, answers, page.route_steps, plan_progress.rating_key(skill.slug),
                            plan_progress.rating_effect(skill.pk, level), timezone.localdate())
    messages.success(request, _("« %(skill)s » est maintenant à %(level)s.") % {"skill": skill.name, "level": level})
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#readiness", status=303)


@private
@back_to_the_plan
@require_POST
@limit_posts("plans")
def note(request, pk):
    plan, page = owner_plan_and_page(pk)
    form = NoteForm(request.POST)
    if not form.is_valid() or page.step(form.cleaned_data["step"]) is None:
        if form.is_valid():
            form.add_error("step", _("Cette étape ne fait pas partie de votre plan."))
        return render_plan(request, page, 400, note_form=form)
    step, text = form.cleaned_data["step"], form.cleaned_data["text"].strip()
    if text:
        StepNote.objects.update_or_create(plan=plan, step=step, defaults={"text": text})
    else:
        StepNote.objects.filter(plan=plan, step=step).delete()
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#step-{step}", status=303)


@private
@back_to_the_plan
@require_POST
@limit_posts("plans")
def share(request, pk):
    """A read-only link, or access for a counsellor by their code, for as long as the person chooses."""
    plan, page = owner_plan_and_page(pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return render_plan(request, page, 400, share_form=form)
    counsellor = form.cleaned_data["code"]
    if counsellor:
        Share.objects.update_or_create(plan=plan, counsellor=counsellor, defaults={
            "expires_at": form.expires_at, "name": form.cleaned_data["name"].strip()})
        messages.success(request, _("Votre plan est partagé avec %(name)s.") % {"name": counsellor})
    else:
        Share.objects.create(plan=plan, expires_at=form.expires_at, name=form.cleaned_data["name"].strip())
        messages.success(request, _("Un lien de lecture seule a été créé : copiez-le ci-dessous."))
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#sharing", status=303)


@private
@back_to_the_plan
@require_POST
@limit_posts("plans")
def revoke(request, pk, share_id):
    """Effective at once: the share is gone, so its link and the counsellor's access with it."""
    deleted, _per_model = Share.objects.filter(plan_id=pk, pk=share_id).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Ce partage est supprimé : plus personne n’y accède."))
    return HttpResponseRedirect(f"{reverse('plans:plan', kwargs={'pk': pk})}#sharing", status=303)


def share_page(view):
    """Behind a share's token: a withdrawn share (or none) answers 404 and an expired one 410, each with a page
    that says so, in the reader's language."""
    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        try:
            return view(request, token, *args, **kwargs)
        except ShareGone:
            return render(request, "plans/share_gone.html", status=404)
        except ShareExpired as expired:
            return render(request, "plans/share_expired.html", {"share": expired.share}, status=410)
    return wrapped


def plan_pdf(request, plan: Plan, share: Share | None = None):
    page = page_or_gone(plan)
    return pdf_response(request, "plans/plan.html", {"page": page, "plan": plan, "share": share, "mode": "pdf"},
                        filename=f"careerpath-{_('plan')}-{timezone.localdate().isoformat()}.pdf")


@private
@require_GET
@limit_posts("pdfs", methods=("GET",))
def owner_pdf(request, pk):
    return plan_pdf(request, get_plan(pk))


@private
@require_GET
@limit_posts("pdfs", methods=("GET",))
@share_page
def shared_pdf(request, token):
    share, plan = get_shared_plan(token, counsellor__isnull=True)
    return plan_pdf(request, plan, share)


@private
@require_GET
@share_page
def shared(request, token):
    """What a read-only link shows: the plan and its progress, nothing to change."""
    share, plan = get_shared_plan(token, counsellor__isnull=True)
    return render(request, "plans/plan.html", {"page": page_or_gone(plan), "plan": plan, "share": share,
                                               "mode": "shared"})


# Counsellors

def is_counsellor(user) -> bool:
    return user.is_active and user.groups.filter(name=COUNSELLOR_GROUP).exists()


def counsellor_only(view):
    """Signed in, in the counsellors' group (an editor assigns it in the admin); anyone else is sent to sign in."""
    return private(login_required(user_passes_test(is_counsellor, login_url=reverse_lazy("plans:login"))(view),
                                  login_url=reverse_lazy("plans:login")))


def counsellor_of(user) -> Counsellor:
    """Their code is made the first time they look: nothing to set up beyond the group."""
    try:
        return user.counsellor
    except Counsellor.DoesNotExist:
        pass
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Counsellor.objects.create(user=user, code=Counsellor.new_code())
        except IntegrityError:
            continue  # a code already given, or a second request creating the same counsellor
    return Counsellor.objects.get(user=user)


class CounsellorLoginView(auth_views.LoginView):
    """Django's sign-in; axes counts its failures by address, as for the admin's."""

    template_name = "plans/login.html"

    def dispatch(self, request, *args, **kwargs):
        # A counsellor already signed in goes on; anyone else signed in sees why the counsellors' pages sent
        # them here (and may sign in with another account), rather than being sent back and forth.
        if request.method == "GET" and is_counsellor(request.user):
            return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("plans:dashboard")


@counsellor_only
@require_GET
def dashboard(request):
    """Every live plan shared with this counsellor, with where each person stands."""
    counsellor = counsellor_of(request.user)
    shares = list(Share.objects.live().filter(counsellor=counsellor).select_related("plan")
                  .order_by("-plan__updated_at"))
    plans = plans_with_everything().in_bulk([share.plan_id for share in shares])
    rows = [summary for share in shares if (summary := plan_summary(share, plans[share.plan_id])) is not None]
    return render(request, "plans/dashboard.html", {"counsellor": counsellor, "rows": rows})


@counsellor_only
@require_http_methods(["GET", "POST"])
@limit_posts("plans")
@share_page
def counsellor_plan(request, token):
    """A plan shared with this counsellor: read-only, with a comment form on each step."""
    counsellor = counsellor_of(request.user)
    share, plan = get_shared_plan(token, counsellor=counsellor)
    page = page_or_gone(plan)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and page.step(form.cleaned_data["step"]):
            Comment.objects.create(plan=plan, step=form.cleaned_data["step"], author=counsellor,
                                   text=form.cleaned_data["text"].strip())
            messages.success(request, _("Votre commentaire est ajouté : la personne le voit sur son plan."))
            return HttpResponseRedirect(f"{share.get_absolute_url()}#step-{form.cleaned_data['step']}", status=303)
        if form.is_valid():
            form.add_error("step", _("Cette étape ne fait pas partie de ce plan."))
    status = 400 if form.is_bound else 200
    return render(request, "plans/plan.html", {"page": page, "plan": plan, "share": share, "mode": "counsellor",
                                               "comment_form": form if form.is_bound else None,
                                               "bound_step_forms": [form]}, status=status)



@counsellor_only
@require_GET
@limit_posts("pdfs", methods=("GET",))
@share_page
def counsellor_pdf(request, token):
    share, plan = get_shared_plan(token, counsellor=counsellor_of(request.user))
    return plan_pdf(request, plan, share)
