from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from careerpath.forms import SiteForm
from pathways.forms import level_choices, level_in_words
from roles.models import MAX_LEVEL

from .models import COMMENT_MAX_LENGTH, MAX_STEP_NUMBER, NOTE_MAX_LENGTH, SHARED_NAME_MAX_LENGTH, Counsellor

SHARE_DAYS = [7, 30, 90, 365]


class FocusFirstErrorForm(SiteForm):
    """A form that comes back at the page's top when refused: its first field to correct takes the focus."""

    def full_clean(self):
        super().full_clean()
        first = next((name for name in self.fields if name in self.errors), None)
        if first:
            self.fields[first].widget.attrs["autofocus"] = True


class RouteChoiceForm(forms.Form):
    route = forms.ChoiceField(label=_("Le parcours à suivre"), widget=forms.RadioSelect)

    def __init__(self, *args, routes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(route.anchor, route.name) for route in routes]


class ProgressForm(forms.Form):
    """Tick a step or a gap (with the day it was done), or untick it."""

    item = forms.CharField(max_length=120, widget=forms.HiddenInput)
    done_on = forms.DateField(
        label=_("Fait le"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("Aujourd’hui si vous laissez vide."),
    )
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_done_on(self):
        return self.cleaned_data["done_on"] or timezone.localdate()


class RatingForm(FocusFirstErrorForm):
    """One skill re-rated: its slug (hidden, each skill has a form of its own) and the level today."""

    skill = forms.ChoiceField(label=_("Compétence"), widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Votre niveau aujourd’hui"),
        coerce=int,
        empty_value=None,
        choices=[(level, str(level)) for level in range(MAX_LEVEL + 1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un niveau de 0 à 5 pour cette compétence.")},
    )

    def __init__(self, *args, skills, **kwargs):
        """`skills`: (slug, name) of each skill the target asks."""
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = skills


@dataclass
class Rerating:
    """A skill of the plan's target as its re-rating shows it: the level now and its form, in words."""

    name: str
    level: int | None  # as last rated; None when never rated
    words: str  # the level now and what a person at that level does
    form: RatingForm


def rerating_forms(skills, descriptions: dict[str, dict[int, str]], sent: RatingForm | None = None) -> list[Rerating]:
    """A form for each skill of the target, each level worded as the assessment words it (`descriptions`: skill
    slug → level → words); a form sent with a mistake comes back in its skill's place, as it was sent."""
    choices = [(slug, name) for slug, name, _level in skills]
    rows = []
    for slug, name, level in skills:
        if sent is not None and sent.data.get("skill") == slug:
            form = sent
        else:
            form = RatingForm(skills=choices, initial={"skill": slug, "level": level}, auto_id=f"id_{slug}_%s")
        form.fields["level"].choices = level_choices(descriptions[slug])
        rows.append(Rerating(name, level, level_in_words(level, descriptions[slug]) if level is not None else "", form))
    return rows


class NoteForm(forms.Form):
    step = forms.IntegerField(min_value=1, max_value=MAX_STEP_NUMBER, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Votre note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy(_("{most} caractères au plus ; videz-la pour l’effacer."), most=NOTE_MAX_LENGTH),
    )


class ShareForm(FocusFirstErrorForm):
    """A read-only link of its own, or access for one counsellor's account, by their code."""

    code = forms.CharField(
        label=_("Code du conseiller ou de la conseillère"),
        max_length=20,
        required=False,
        help_text=_(
            "Laissez vide pour créer un lien à envoyer ; donnez le code que votre conseiller "
            "ou conseillère vous a remis pour partager avec son compte."
        ),
    )
    days = forms.TypedChoiceField(
        label=_("Valable pendant"),
        coerce=int,
        initial=30,
        choices=[(days, format_lazy(_("{days} jours"), days=days)) for days in SHARE_DAYS],
    )
    name = forms.CharField(
        label=_("Votre prénom ou vos initiales (facultatif)"),
        max_length=SHARED_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Pour que la personne qui lit sache de qui est ce plan."),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper().replace(" ", "").replace("-", "")
        if not code:
            return None
        counsellor = Counsellor.objects.filter(code=code).select_related("user").first()
        if counsellor is None or not counsellor.user.is_active:
            raise forms.ValidationError(
                _("Aucun conseiller ni aucune conseillère n’a ce code : vérifiez-le auprès de la personne qui vous l’a donné.")
            )
        return counsellor

    @property
    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["days"])


class CommentForm(forms.Form):
    step = forms.IntegerField(min_value=1, max_value=MAX_STEP_NUMBER, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Votre commentaire"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
