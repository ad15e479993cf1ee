"""A person's plan: one route of a saved result, worked on over time, and who it is shared with."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.kinds import COUNSELLOR_GROUP  # noqa: F401 (where the migrations and tests find it)
from careerpath.labels import BAND_LABELS, band_label, months_label
from pathways.evaluation import Band
from pathways.models import Assessment

NOTE_MAX_LENGTH = 500
COMMENT_MAX_LENGTH = 1000
# A step's number, kept in a small integer column: the largest every database takes.
MAX_STEP_NUMBER = 32767
SHARED_NAME_MAX_LENGTH = 80
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud or copied by hand
CODE_LENGTH = 8
BAND_CHOICES = list(BAND_LABELS.items())


class PlanQuerySet(models.QuerySet):
    def with_everything(self):
        """Plans with what their pages show, in a fixed number of queries whatever they hold."""
        return self.select_related("assessment__target_role", "assessment__current_role").prefetch_related(
            "progress",
            "readings",
            "notes",
            Prefetch("comments", queryset=Comment.objects.select_related("author__user")),
            Prefetch("shares", queryset=Share.objects.select_related("counsellor__user")),
        )


class Plan(models.Model):
    """The route a person chose from their saved result; reached, like the result, through its private link.

    The numbers are the readiness after the latest change, as computed then with the result page's engine from
    the plan's answers (`plans.progress.record_readiness`); `Reading` keeps each one."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, primary_key=True, related_name="plan")
    route = models.CharField(_("parcours choisi"), max_length=30, help_text=_("L’ancre du parcours dans le résultat enregistré."))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("dernier progrès le"), default=timezone.now, db_index=True)
    # Counted up by every change its owner's page shows (plans/apps.py): the page is kept under it.
    revision = models.PositiveIntegerField(default=0, editable=False)
    total = models.PositiveSmallIntegerField(_("score"), null=True)
    band = models.CharField(_("niveau de préparation"), max_length=20, choices=BAND_CHOICES, blank=True)
    min_months = models.PositiveSmallIntegerField(_("temps restant au plus court (mois)"), null=True)
    max_months = models.PositiveSmallIntegerField(_("temps restant au plus long (mois)"), null=True)
    route_now = models.JSONField(
        _("parcours le plus court aujourd’hui"),
        default=dict,
        blank=True,
        help_text=_(
            "Calculé à chaque changement du plan à partir des réponses du moment, dans chaque langue du site ; "
            "montré à côté du parcours choisi quand il en diffère. Vide : aucun parcours, ou pas encore calculé."
        ),
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"pk": self.pk})

    @property
    def band_label(self) -> str:
        return band_label(self.band)

    @property
    def ready(self) -> bool:
        return self.band == Band.READY

    @property
    def time_to_ready(self) -> str:
        """ "" when no route leads there."""
        return months_label(self.min_months, self.max_months) if self.max_months is not None else ""


class Progress(models.Model):
    """One thing done on a plan: a step, a gap closed, or a skill re-rated; `effect` is what it changes in the
    person's answers (`plans.progress`)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress")
    item = models.CharField(_("élément"), max_length=120)  # plans.progress.Item.key
    done_on = models.DateField(_("fait le"))
    effect = models.JSONField(_("effet sur les réponses"))
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]  # the order the changes are applied in
        verbose_name = _("progrès")
        verbose_name_plural = _("progrès")
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="progress_unique_per_item")]

    def __str__(self) -> str:
        return self.item


class Reading(models.Model):
    """The readiness as computed after one change: the points of the score-over-time chart."""

    class Change(models.TextChoices):
        START = "start", _("Plan commencé")
        DONE = "done", _("Fait")
        UNDONE = "undone", _("Décoché")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="readings")
    change = models.CharField(_("changement"), max_length=10, choices=Change.choices, default=Change.START)
    item = models.CharField(_("élément"), max_length=120, blank=True)  # plans.progress.Item.key
    level = models.PositiveSmallIntegerField(_("niveau noté"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("calculé le"), default=timezone.now)
    total = models.PositiveSmallIntegerField(_("score"), null=True)
    band = models.CharField(_("niveau de préparation"), max_length=20, choices=BAND_CHOICES, blank=True)
    min_months = models.PositiveSmallIntegerField(null=True)
    max_months = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d}: {self.total}"


class StepNote(models.Model):
    """The person's own note on a step of their plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="notes")
    step = models.PositiveSmallIntegerField(_("étape"))
    text = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="note_unique_per_step")]

    def __str__(self) -> str:
        return self.text


class Counsellor(models.Model):
    """A counsellor's account and the code people give to share their plan with them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counsellor")
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, editable=False)

    class Meta:
        verbose_name = _("conseiller·ère")
        verbose_name_plural = _("conseillers et conseillères")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @staticmethod
    def new_code() -> str:
        return "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))


class ShareQuerySet(models.QuerySet):
    def live(self):
        """The shares not yet expired: `Share.is_live` as a query (an expiry at this very moment is past)."""
        return self.filter(expires_at__gt=timezone.now())


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Share(models.Model):
    """Read-only access to a plan: through a link of its own (no counsellor) or for one counsellor's account.
    Revoking deletes it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="shares")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    counsellor = models.ForeignKey(
        Counsellor, on_delete=models.CASCADE, null=True, blank=True, related_name="shares", verbose_name=_("conseiller·ère")
    )
    name = models.CharField(
        _("nom donné par la personne"),
        max_length=SHARED_NAME_MAX_LENGTH,
        blank=True,
        help_text=_("Ce que la personne a choisi de dire d’elle à qui lit le plan."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partage")
        verbose_name_plural = _("partages")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "counsellor"], condition=Q(counsellor__isnull=False), name="share_once_per_counsellor"
            ),
        ]

    def __str__(self) -> str:
        return str(self.counsellor or _("lien"))

    def get_absolute_url(self) -> str:
        name = "plans:counsellor-plan" if self.counsellor_id else "plans:shared"
        return reverse(name, kwargs={"token": self.token})

    @property
    def is_live(self) -> bool:
        """Until it expires, the moment of expiry excluded: what `Share.objects.live()` selects."""
        return self.expires_at > timezone.now()


class Comment(models.Model):
    """A counsellor's comment on a step, shown to the person on their plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    step = models.PositiveSmallIntegerField(_("étape"))
    author = models.ForeignKey(Counsellor, on_delete=models.CASCADE, related_name="comments")
    text = models.CharField(_("commentaire"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")

    def __str__(self) -> str:
        return self.text


class PlanPdf(models.Model):
    """A plan drawn as a PDF by a background task (plans.pdfs), for one reader, in one language, as the plan stood:
    `key` is a digest of the page drawn, so a plan that changed gets a new PDF and an unchanged one is drawn once.
    Kept a day after it was last asked for (`PDF_KEPT`)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pdfs")
    reader = models.CharField(max_length=20)  # plans.access.Reader: each reader's PDF shows what they may see
    key = models.CharField(max_length=64)
    page = models.JSONField(default=dict)  # what careerpath.pdf.draw_pdf draws; emptied once drawn
    pdf = models.BinaryField(null=True)
    failed = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    drawn_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "reader", "key"], name="one_pdf_per_plan_state")]

    def __str__(self):
        return f"{self.plan_id} {self.reader} {self.key[:12]}"

    @property
    def is_ready(self) -> bool:
        return self.pdf is not None
