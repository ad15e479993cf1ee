"""The two-step sign-in: the password on each kind's own page, then the second factor here, set up on first
sign-in; and the recovery codes."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from careerpath.decorators import private

from . import sign_in, two_factor
from .forms import CodeForm, SetUpForm, SignInForm
from .kinds import AccountKind, account_kind, is_verified

NEW_RECOVERY_CODES = "accounts.new_recovery_codes"  # shown once, on the next page, then forgotten


class SignInView(auth_views.LoginView):
    """The first step, on each kind's page: the password of an account of that kind (axes counts the failures).
    Signs nobody in: the account waits for its second factor (accounts.sign_in)."""

    kind: AccountKind
    authentication_form = SignInForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.kind}

    def form_valid(self, form):
        sign_in.begin(self.request, form.get_user(), self.kind, self.get_success_url())
        return HttpResponseRedirect(reverse("accounts:second-factor"))


class StaffSignInView(SignInView):
    kind = AccountKind.STAFF


def start_again(request):
    """No account waits for its second factor (expired, or never began): back to a sign-in page, saying why."""
    messages.info(request, _("Votre connexion a expiré : donnez à nouveau votre identifiant et votre mot de passe."))
    return redirect(sign_in.sign_in_url(request))


def wrong_code_error(throttled: two_factor.Throttled | None) -> str:
    if throttled is None:
        return _("Ce code n’est pas le bon, ou il a déjà servi. Vérifiez que l’heure de votre téléphone est juste.")
    wait = timeuntil(throttled.locked_until, timezone.now()) if throttled.locked_until else ""
    return _("Trop de codes erronés à la suite : réessayez dans %(wait)s.") % {"wait": wait or _("quelques secondes")}


def second_factor_step(view):
    """A page between the password and the session: it needs the account waiting for its code, and is given it
    with the address to go on to."""

    @wraps(view)
    def wrapped(request):
        waiting = sign_in.pending(request)
        if waiting is None:
            return start_again(request)
        return view(request, *waiting)

    return private(sensitive_post_parameters("code")(require_http_methods(["GET", "POST"])(wrapped)))


def code_accepted(form, check):
    """What `check` gives for the code of a valid form when the code is right; else None, the form saying why."""
    if not form.is_valid():
        return None
    try:
        accepted = check(form.cleaned_data["code"])
    except two_factor.Throttled as throttled:
        form.add_error("code", wrong_code_error(throttled))
        return None
    if not accepted:
        form.add_error("code", wrong_code_error(None))
    return accepted or None


@second_factor_step
def second_factor(request, user, next_url):
    """The code from the authenticator app, or a recovery code; the app is set up first if there is none."""
    if not two_factor.has_authenticator(user):
        return redirect("accounts:set-up")
    form = CodeForm(request.POST or None)
    if device := code_accepted(form, lambda code: two_factor.verified_device(user, code)):
        sign_in.finish(request, user, device)
        left = two_factor.recovery_codes_left(device)
        if left is not None:
            messages.warning(request, recovery_code_used_message(left))
        return HttpResponseRedirect(next_url)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/second_factor.html", {"form": form, "account": user}, status=status)


def recovery_code_used_message(left: int) -> str:
    return ngettext(
        "Vous avez utilisé un code de secours : il vous en reste %(count)s. Vous pouvez en créer de nouveaux.",
        "Vous avez utilisé un code de secours : il vous en reste %(count)s. Vous pouvez en créer de nouveaux.",
        left,
    ) % {"count": left}


@second_factor_step
def set_up(request, user, next_url):
    """First sign-in: the authenticator app takes the secret (QR code or text), and its first code confirms it."""
    if two_factor.has_authenticator(user):
        return redirect("accounts:second-factor")  # set up already: replacing it is an editor's act, in the admin
    device = two_factor.authenticator_to_set_up(user)
    form = SetUpForm(request.POST or None)
    if code_accepted(form, lambda code: two_factor.confirm_authenticator(device, code)):
        sign_in.finish(request, user, device)
        request.session[NEW_RECOVERY_CODES] = {"codes": two_factor.new_recovery_codes(user), "next": next_url}
        return redirect("accounts:recovery-codes")
    context = {"form": form, "account": user, "set_up": two_factor.SetUp.of(device)}
    return render(request, "accounts/set_up.html", context, status=400 if form.is_bound else 200)


@private
@user_passes_test(is_verified)
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """The codes just made, shown once; a POST replaces them all (the old ones stop working at once)."""
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = {"codes": two_factor.new_recovery_codes(request.user), "next": ""}
        return redirect("accounts:recovery-codes")
    new = request.session.pop(NEW_RECOVERY_CODES, None) or {}
    kind = account_kind(request.user)
    context = {
        "codes": new.get("codes", []),
        "next": new.get("next") or (kind.home_url if kind else "/"),
        "left": two_factor.recovery_codes_count(request.user),
    }
    return render(request, "accounts/recovery_codes.html", context)
