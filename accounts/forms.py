from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from careerpath.forms import SiteBoundField, SiteForm

from .kinds import AccountKind, account_kind

WRONG_PAGE = {
    # What a sign-in page says to an account of the other kind: where it signs in.
    AccountKind.STAFF: _("Ce compte est celui d’un conseiller ou d’une conseillère : connectez-vous dans l’espace conseillers."),
    AccountKind.COUNSELLOR: _(
        "Ce compte est celui d’un membre de l’équipe du site : connectez-vous par la page de l’administration."
    ),
}


class SignInForm(AuthenticationForm):
    """The password, for one kind of account (`kind`); the second factor comes next (accounts.views)."""

    bound_field_class = SiteBoundField
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Identifiant ou mot de passe incorrect. Les majuscules comptent dans les deux."),
        "not_an_account_here": _(
            "Ce compte ne peut pas se connecter ici : il n’est ni conseiller ni membre de l’équipe du site."
        ),
    }

    def __init__(self, request=None, *args, kind: AccountKind, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.kind = kind
        self.other_kind: AccountKind | None = None
        # Django sets the username's length after the field is made, so only the browser knew it: checked here
        # too, a longer name never reaches authentication (nor the login records, which keep 255 characters).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        kind = account_kind(user)
        if kind is None:
            raise forms.ValidationError(self.error_messages["not_an_account_here"], code="not_an_account_here")
        if kind is not self.kind:
            self.other_kind = kind  # the page links to where this account signs in
            raise forms.ValidationError(WRONG_PAGE[self.kind], code="wrong_page")


class CodeForm(SiteForm):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Les six chiffres de votre application d’authentification, ou l’un de vos codes de secours."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class SetUpForm(SiteForm):
    code = forms.CharField(
        label=_("Code affiché par l’application"),
        max_length=32,
        help_text=_("Six chiffres, qui changent toutes les 30 secondes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )
