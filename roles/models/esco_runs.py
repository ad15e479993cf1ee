"""An ESCO import, or the neighbours' recomputation alone, that an editor started from the admin; a background task
runs it (roles.esco_runs) and writes here how it ended. How far it has gone is not kept here but in the cache every
process shares (careerpath.background.progress): the import runs in one transaction, which would hold it back."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EscoRunKind(models.TextChoices):
    IMPORT = "import", _("Importer ESCO (puis recalculer les voisins)")
    NEIGHBOURS = "neighbours", _("Recalculer les voisins seulement")


class EscoRunState(models.TextChoices):
    QUEUED = "queued", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminé")
    FAILED = "failed", _("échoué")


class EscoRun(models.Model):
    kind = models.CharField(_("tâche"), max_length=20, choices=EscoRunKind.choices, default=EscoRunKind.IMPORT)
    sources = models.JSONField(_("fichiers"), default=list, blank=True)  # paths on the server, the last named wins
    languages = models.JSONField(_("langues"), default=list, blank=True)
    state = models.CharField(_("état"), max_length=20, choices=EscoRunState.choices, default=EscoRunState.QUEUED)
    report = models.TextField(_("compte rendu"), blank=True)
    error = models.TextField(_("erreur"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lancé par"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fini le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import ESCO")
        verbose_name_plural = _("imports ESCO")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def progress_key(self) -> str:
        return f"esco-run-{self.pk}"
