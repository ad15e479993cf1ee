"""A plan's pages: the person's own (behind their result's private link), a read-only link's, a counsellor's."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.kinds import AccountKind
from accounts.views import SignInView
from careerpath.cache import CSRF_SLOT, PAGE_TIMEOUT, keep_variant, kept_variant, revised_pk, revision_of, with_csrf_token
from careerpath.decorators import private
from careerpath.pdf import page_to_draw, pdf_file_response
from careerpath.ratelimits import limit_posts
from pathways.assessments import Answers
from pathways.results import get_assessment, saved_result
from roles.models import Role

from . import progress as plan_progress
from .access import PlanAccess, Reader, ShareExpired, ShareGone, SignInNeeded, counsellor_of, is_counsellor, open_plan
from .forms import CommentForm, NoteForm, ProgressForm, RatingForm, RouteChoiceForm, ShareForm, rerating_forms
from .models import Comment, Plan, PlanPdf, Share, StepNote
from .pages import PLAN_PAGES, PlanPage, plan_page, plan_summary
from .pdfs import PdfState, ask_for_pdf, pdf_state
from .progress import ProgressError


def page_or_gone(plan: Plan) -> PlanPage:
    page = plan_page(plan)
    if page is None:
        raise Http404
    return page


def plan_context(access: PlanAccess, page: PlanPage, *, for_print: bool = False, **bound_forms) -> dict:
    """The plan page for this reader, with the forms for what they may do; a form sent with a mistake is shown
    again as it was sent. `for_print`: the PDF, where nothing is to be clicked."""
    step_forms = [bound_forms.get("note_form"), bound_forms.get("comment_form")]
    context = {
        "access": access,
        "page": page,
        "plan": page.plan,
        "for_print": for_print,
        "today": timezone.localdate(),
        "progress_error": bound_forms.get("progress_error"),
        "error_item": bound_forms.get("error_item"),
        "note_form": step_forms[0],
        "comment_form": step_forms[1],
        "bound_step_forms": [form for form in step_forms if form is not None],
    }
    if access.can_rate and not for_print:
        sent = bound_forms.get("rating_form")
        context["reratings"] = rerating_forms(page.skills, page.levels_in_words(), sent)
        context["rating_form"] = sent  # a mistake for no skill of the plan is said above the forms
    if access.can_share and not for_print:
        context["share_form"] = bound_forms.get("share_form") or ShareForm()
    return context


def render_plan(request, access: PlanAccess, page: PlanPage, status: int = 200, *, to_keep: bool = False, **bound_forms):
    """The plan page; `to_keep`: drawn to be kept (`owners_page_variant`), with CSRF_SLOT where this visitor's token
    goes, for `with_csrf_token` to put back on each request."""
    context = plan_context(access, page, **bound_forms)
    if to_keep:
        context["csrf_token"] = CSRF_SLOT
    return render(request, "plans/plan.html", context, status=status)


def owners_page_variant(request) -> str | None:
    """What the owner's plan page is kept under for this request, beside the plan's revision (plans/apps.py): the
    address's scheme and host (its share links show them) and today's date (the day a step is ticked on, which shares
    have expired). None when the page asked must not be kept or served kept: a query string (a change of
    route), or a message to show once, after a change."""
    if request.GET or len(messages.get_messages(request)):
        return None
    return f"{request.scheme}://{request.get_host()} {timezone.localdate().isoformat()}"


def seconds_while_shares_stand(plan: Plan, drawn_at) -> float:
    """Until the first of the shares open when the page was drawn expires (none left: 0): the page no longer shows it
    open."""
    now = timezone.now()
    ahead = [(share.expires_at - now).total_seconds() for share in plan.shares.all() if share.expires_at > drawn_at]
    return max(0.0, min(ahead, default=PAGE_TIMEOUT))


def opens_plan(*, needs: str = ""):
    """The view is given the plan's access, opened from its address (`reader`, which urls.py sets, and `pk` or
    `token`), in their place. A reader who may not open the plan is answered here: sent to sign in, or told that
    the share is withdrawn (404, with a page that says so) or has expired (410); one who may open it but not do
    what the view does (`needs`, a permission of PlanAccess) is refused."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, reader: Reader, pk=None, token=None, **kwargs):
            try:
                access = open_plan(request.user, reader, pk if reader is Reader.OWNER else token)
            except SignInNeeded:
                return redirect_to_login(request.get_full_path(), reverse("plans:login"))
            except ShareGone:
                return render(request, "plans/share_gone.html", status=404)
            except ShareExpired as expired:
                return render(request, "plans/share_expired.html", {"share": expired.share}, status=410)
            if needs and not getattr(access, needs):
                raise PermissionDenied
            return view(request, access, **kwargs)

        return wrapped

    return decorate


@private
@require_http_methods(["GET", "POST"])
@limit_posts("plans")
def plan(request, pk):
    """GET: the plan, or the choice of a route when there is none yet (or `?route=change`). POST: make the chosen
    route the plan.

    The plan's page is kept under the plan's revision (plans/apps.py) until a share expires or the day ends. A
    deleted plan's is never served: the plan is looked up first."""
    variant = owners_page_variant(request) if request.method == "GET" else None
    if variant and (revision := revision_of(Plan, pk)) is not None:
        if (kept := kept_variant(PLAN_PAGES, revised_pk(pk, revision), variant)) is not None:
            return HttpResponse(with_csrf_token(request, kept))
    try:
        access = open_plan(request.user, Reader.OWNER, pk)
    except Http404:
        access = None  # no plan yet
    if access and request.method == "GET" and request.GET.get("route") != "change":
        drawn_at = timezone.now()
        response = render_plan(request, access, page_or_gone(access.plan), to_keep=variant is not None)
        if variant is not None:  # under the revision read with the rows it shows
            timeout = seconds_while_shares_stand(access.plan, drawn_at)
            keep_variant(PLAN_PAGES, revised_pk(pk, access.plan.revision), variant, response.content, timeout=timeout)
            response.content = with_csrf_token(request, response.content)
        return response
    existing = access.plan if access else None
    assessment = get_assessment(pk)
    target = Role.objects.with_skills().get(pk=assessment.target_role_id)
    answers = Answers.of(assessment, target)
    result = saved_result(assessment, answers)
    routes = plan_progress.routes_of(result) if result else []
    form = RouteChoiceForm(
        request.POST or None,
        routes=routes,
        initial={"route": existing.route if existing else routes[0].anchor if routes else None},
    )
    if request.method == "POST" and form.is_valid():
        made = plan_progress.start_plan(answers, assessment, plan_progress.chosen_route(result, form.cleaned_data["route"]))
        return HttpResponseRedirect(made.get_absolute_url(), status=303)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "plans/plan_start.html",
        {"assessment": assessment, "target": target, "result": result, "routes": routes, "form": form, "plan": existing},
        status=status,
    )


def back_to_the_plan(view):
    """A change to a plan is a POST; after a mistake the browser shows the POST's address, which, opened again,
    leads back to the plan rather than to an error."""

    @wraps(view)
    def wrapped(request, *args, pk, **kwargs):
        if request.method in ("GET", "HEAD"):
            return HttpResponseRedirect(reverse("plans:plan", kwargs={"pk": pk}), status=303)
        return view(request, *args, pk=pk, **kwargs)

    return wrapped


def changes_plan(*, needs: str):
    """A change to a plan: private, a POST, counted against the plans' rate limit, by a reader the plan's access
    allows `needs`; opened again after a mistake, its address leads back to the plan."""

    def decorate(view):
        return private(back_to_the_plan(require_POST(limit_posts("plans")(opens_plan(needs=needs)(view)))))

    return decorate


def say_why(request, reasons: list) -> None:
    """Why a change moved nothing, on the plan it leads back to."""
    if reasons:
        messages.info(
            request,
            " ".join([_("Le score, le niveau et le temps restent les mêmes :"), *(reason.text for reason in reasons)]),
            extra_tags="why-nothing-moved " + " ".join(f"why-{reason.code}" for reason in reasons),
        )


@changes_plan(needs="can_tick")
def tick(request, access: PlanAccess):
    """Tick a step or a gap as done on a day, or untick it."""
    plan, page = access.plan, page_or_gone(access.plan)
    form = ProgressForm(request.POST)
    item = page.item(request.POST.get("item", ""))
    if item is None:
        return render_plan(request, access, page, 400, progress_error=_("Cet élément ne fait pas partie de votre plan."))
    if not form.is_valid():
        return render_plan(
            request,
            access,
            page,
            400,
            error_item=item.key,
            progress_error=" ".join(error for errors in form.errors.values() for error in errors),
        )
    answers = page.saved_answers
    before, numbers = plan_progress.answers_now(answers, plan_progress.progress_of(plan)), plan_progress.numbers_of(plan)
    try:
        if form.cleaned_data["undo"]:
            plan_progress.undo(plan, answers, item.key)
        else:
            effect = (
                plan_progress.step_effect(item, page.result.target.pk)
                if isinstance(item, plan_progress.Step)
                else plan_progress.gap_effect(item)
            )
            plan_progress.mark_done(plan, answers, item.key, effect, form.cleaned_data["done_on"])
    except ProgressError as error:
        return render_plan(request, access, page, 400, error_item=item.key, progress_error=str(error))
    say_why(request, plan_progress.why_nothing_moved(plan, answers, before, numbers))
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#{item.key}", status=303)


@changes_plan(needs="can_rate")
def rate(request, access: PlanAccess):
    """Re-rate one of the target's skills."""
    plan, page = access.plan, page_or_gone(access.plan)
    form = RatingForm(request.POST, skills=page.skill_choices)
    if not form.is_valid():
        return render_plan(request, access, page, 400, rating_form=form)
    answers = page.saved_answers
    skill = next(rs.skill for rs in answers.target.role_skills.all() if rs.skill.slug == form.cleaned_data["skill"])
    level = form.cleaned_data["level"]
    before, numbers = plan_progress.answers_now(answers, plan_progress.progress_of(plan)), plan_progress.numbers_of(plan)
    plan_progress.mark_done(
        plan,
        answers,
        plan_progress.rating_key(skill.slug),
        plan_progress.rating_effect(skill.pk, level),
        timezone.localdate(),
    )
    messages.success(request, _("« %(skill)s » est maintenant à %(level)s.") % {"skill": skill.name, "level": level})
    say_why(request, plan_progress.why_nothing_moved(plan, answers, before, numbers))
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#readiness", status=303)


@changes_plan(needs="can_note")
def note(request, access: PlanAccess):
    plan, page = access.plan, page_or_gone(access.plan)
    form = NoteForm(request.POST)
    if not form.is_valid() or page.step(form.cleaned_data["step"]) is None:
        if form.is_valid():
            form.add_error("step", _("Cette étape ne fait pas partie de votre plan."))
        return render_plan(request, access, page, 400, note_form=form)
    step, text = form.cleaned_data["step"], form.cleaned_data["text"].strip()
    if text:
        StepNote.objects.update_or_create(plan=plan, step=step, defaults={"text": text})
    else:
        StepNote.objects.filter(plan=plan, step=step).delete()
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#step-{step}", status=303)


@changes_plan(needs="can_share")
def share(request, access: PlanAccess):
    """A read-only link, or access for a counsellor by their code, for as long as the person chooses."""
    plan = access.plan
    form = ShareForm(request.POST)
    if not form.is_valid():
        return render_plan(request, access, page_or_gone(plan), 400, share_form=form)
    counsellor = form.cleaned_data["code"]
    if counsellor:
        Share.objects.update_or_create(
            plan=plan, counsellor=counsellor, defaults={"expires_at": form.expires_at, "name": form.cleaned_data["name"].strip()}
        )
        messages.success(request, _("Votre plan est partagé avec %(name)s.") % {"name": counsellor})
    else:
        Share.objects.create(plan=plan, expires_at=form.expires_at, name=form.cleaned_data["name"].strip())
        messages.success(request, _("Un lien de lecture seule a été créé : copiez-le ci-dessous."))
    return HttpResponseRedirect(f"{plan.get_absolute_url()}#sharing", status=303)


@changes_plan(needs="can_revoke")
def revoke(request, access: PlanAccess, share_id: int):
    """Effective at once: the share is gone, so its link and the counsellor's access with it."""
    deleted, _per_model = access.revocable_shares().filter(pk=share_id).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Ce partage est supprimé : plus personne n’y accède."))
    return HttpResponseRedirect(f"{access.plan.get_absolute_url()}#sharing", status=303)


@private
@require_GET
@opens_plan()
def shared(request, access: PlanAccess):
    """What a read-only link shows: the plan and its progress, nothing to change."""
    return render_plan(request, access, page_or_gone(access.plan))


@private
@require_GET
@opens_plan(needs="can_download")
@limit_posts("pdfs", methods=("GET",))
def pdf(request, access: PlanAccess):
    """Asks for the plan as a PDF, for whoever may read it (urls.py gives it an address for each reader), showing
    what they may see: the PDF itself when it is drawn already (the immediate backend draws it in this request), else
    the page that waits for the worker to draw it. Only asking counts towards the PDFs' rate limit."""
    context = plan_context(access, page_or_gone(access.plan), for_print=True)
    drawn = ask_for_pdf(access.plan, access.reader, page_to_draw(request, "plans/plan.html", context))
    if pdf_state(drawn) is PdfState.READY:
        return pdf_download(drawn)
    return HttpResponseRedirect(access.pdf_status_url(drawn.key), status=303)


@private
@require_GET
@opens_plan(needs="can_download")
def pdf_status(request, access: PlanAccess, key: str):
    """Says the PDF is being drawn, and comes back by itself every few seconds (no script needed) until it is, then
    offers it; or says it failed, and offers to ask again."""
    drawn = get_object_or_404(PlanPdf.objects.defer("page"), plan=access.plan, reader=access.reader, key=key)
    state = pdf_state(drawn)
    context = {"access": access, "state": state.value, "file_url": access.pdf_file_url(key), "again_url": access.pdf_url}
    return render(request, "plans/pdf_status.html", context)


@private
@require_GET
@opens_plan(needs="can_download")
def pdf_file(request, access: PlanAccess, key: str):
    """The PDF drawn; its waiting page while it is not."""
    drawn = get_object_or_404(PlanPdf.objects.defer("page"), plan=access.plan, reader=access.reader, key=key)
    if pdf_state(drawn) is not PdfState.READY:
        return HttpResponseRedirect(access.pdf_status_url(key), status=303)
    return pdf_download(drawn)


def pdf_download(drawn: PlanPdf):
    return pdf_file_response(bytes(drawn.pdf), filename=f"careerpath-{_('plan')}-{timezone.localdate().isoformat()}.pdf")


# Counsellors


def counsellor_only(view):
    """Signed in, in the counsellors' group (an editor assigns it in the admin); anyone else is sent to sign in."""
    return private(
        login_required(
            user_passes_test(is_counsellor, login_url=reverse_lazy("plans:login"))(view), login_url=reverse_lazy("plans:login")
        )
    )


class CounsellorLoginView(SignInView):
    """The counsellors' sign-in: their password here, then their second factor (accounts.views)."""

    kind = AccountKind.COUNSELLOR
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
    shares = list(Share.objects.live().filter(counsellor=counsellor).select_related("plan").order_by("-plan__updated_at"))
    plans = Plan.objects.with_everything().in_bulk([share.plan_id for share in shares])
    rows = [summary for share in shares if (summary := plan_summary(share, plans[share.plan_id])) is not None]
    return render(request, "plans/dashboard.html", {"counsellor": counsellor, "rows": rows})


@counsellor_only
@require_http_methods(["GET", "POST"])
@limit_posts("plans")
@opens_plan()
def counsellor_plan(request, access: PlanAccess):
    """A plan shared with this counsellor: read-only, with a comment form on each step."""
    page = page_or_gone(access.plan)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not access.can_comment:
            raise PermissionDenied
        if form.is_valid() and page.step(form.cleaned_data["step"]):
            Comment.objects.create(
                plan=access.plan,
                step=form.cleaned_data["step"],
                author=access.share.counsellor,
                text=form.cleaned_data["text"].strip(),
            )
            messages.success(request, _("Votre commentaire est ajouté : la personne le voit sur son plan."))
            return HttpResponseRedirect(f"{access.url}#step-{form.cleaned_data['step']}", status=303)
        if form.is_valid():
            form.add_error("step", _("Cette étape ne fait pas partie de ce plan."))
    status = 400 if form.is_bound else 200
    return render_plan(request, access, page, status, comment_form=form if form.is_bound else None)
