"""The admin's pages for ESCO imports (roles.esco_runs): a form that starts one, from ESCO's downloads on the server
or a path typed there, and a page that follows it (it comes back by itself while the run goes on)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from careerpath.background import progress

from .esco import EscoFileError
from .esco.sources import esco_files
from .esco_runs import downloads, shown_state, start
from .models import EscoRun, EscoRunKind, EscoRunState

PHASES = {
    "checking": _("Vérification des fichiers"),
    "importing": _("Écriture des métiers et des compétences"),
    "neighbours": _("Calcul des voisins"),
    "reading": _("Calcul des voisins"),
    "comparing": _("Calcul des voisins"),
    "writing": _("Calcul des voisins"),
}


class EscoRunForm(forms.ModelForm):
    downloads = forms.MultipleChoiceField(
        label=_("Téléchargements d’ESCO sur le serveur"), required=False, widget=forms.CheckboxSelectMultiple
    )
    paths = forms.CharField(
        label=_("Ou des chemins sur le serveur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_("Un dossier ou une archive par ligne. Là où deux contiennent le même fichier, le dernier nommé l’emporte."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Langues"), choices=settings.LANGUAGES, initial=["fr", "en"], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = EscoRun
        fields = ["kind"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["downloads"].choices = [(str(path), str(path)) for path in downloads()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != EscoRunKind.IMPORT:
            return cleaned
        sources = [*cleaned.get("downloads", []), *(line.strip() for line in cleaned.get("paths", "").splitlines())]
        sources = [source for source in sources if source]
        if not sources:
            self.add_error("downloads", _("Choisissez au moins un téléchargement, ou donnez un chemin."))
        elif missing := [source for source in sources if not Path(source).exists()]:
            self.add_error("paths", _("Introuvable sur le serveur : %(paths)s") % {"paths": ", ".join(missing)})
        elif languages := cleaned.get("languages"):
            try:
                esco_files([Path(source) for source in sources], languages)
            except EscoFileError as error:
                self.add_error(None, _("Ces fichiers ne permettent pas l’import : %(error)s") % {"error": error})
        self.instance.sources, self.instance.languages = sources, cleaned.get("languages", [])
        return cleaned


@admin.register(EscoRun)
class EscoRunAdmin(admin.ModelAdmin):
    """Runs are started here and followed, never edited: a background task writes how each ended."""

    form = EscoRunForm
    fields = ["kind", "downloads", "paths", "languages"]
    list_display = ["__str__", "state_shown", "started_by", "created_at", "finished_at"]
    list_select_related = ["started_by"]

    @admin.display(description=_("état"))
    def state_shown(self, run):
        return EscoRunState(shown_state(run)[0]).label

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.started_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        start(obj)  # the immediate backend runs it here; the database backend queues it with the run, in one commit
        return HttpResponseRedirect(reverse("admin:roles_escorun_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, unquote(object_id))
        if run is None or not self.has_view_permission(request, run):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        state, error = shown_state(run)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(run),
            "run": run,
            "state": EscoRunState(state),
            "error": error,
            "going_on": state in (EscoRunState.QUEUED, EscoRunState.RUNNING),
            "progress": progress_shown(run) if state == EscoRunState.RUNNING else None,
        }
        return TemplateResponse(request, "admin/roles/escorun/progress.html", context)


def progress_shown(run: EscoRun) -> dict | None:
    """The phase the run is in, in words, and how far through it (a percentage, when the phase has a size)."""
    reported = progress.read(run.progress_key)
    if reported.get("phase") not in PHASES:
        return None
    total = reported.get("total") or 0
    percent = round(100 * reported.get("done", 0) / total) if total else None
    return {"phase": PHASES[reported["phase"]], "percent": percent}
