"""ESCO occupations' nearest occupations by their skills, and the thresholds that grade them (`roles.similarity`,
written by `roles.neighbours.compute_neighbours`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .skills import Skill
from .sources import Source


class Viability(models.TextChoices):
    HIGHLY_VIABLE = "highly-viable", _("Très accessible")
    VIABLE = "viable", _("Accessible")
    LESS_VIABLE = "less-viable", _("Moins accessible")


class NeighbourQuerySet(models.QuerySet):
    def of(self, origin: Role):
        """An occupation's neighbours, nearest first, with their destinations: one query."""
        return self.filter(origin=origin).select_related("destination").order_by("rank")

    def skills(self) -> dict[int, Skill]:
        """The skills these neighbours name (shared and to gain), by pk: one query, whatever their number."""
        pks = {pk for neighbour in self for pk in (*neighbour.shared_essential, *neighbour.to_gain)}
        return Skill.objects.in_bulk(pks) if pks else {}


class Neighbour(models.Model):
    """One of an occupation's nearest occupations by their skills, as compute_neighbours last found them."""

    origin = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="neighbours", verbose_name=_("métier de départ"))
    destination = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+", verbose_name=_("métier proche"))
    rank = models.PositiveSmallIntegerField(_("rang"), help_text=_("1 : le plus proche."))
    similarity = models.FloatField(_("similarité"), help_text=_("De 0 (rien en commun) à 1 (mêmes compétences)."))
    viability = models.CharField(_("accessibilité"), max_length=13, choices=Viability.choices)
    shared_essential = models.JSONField(
        _("compétences essentielles partagées"),
        default=list,
        help_text=_("Les compétences essentielles du métier proche que le métier de départ demande aussi."),
    )
    to_gain = models.JSONField(
        _("compétences à acquérir"),
        default=list,
        help_text=_("Les compétences essentielles du métier proche que le métier de départ ne demande pas."),
    )

    objects = NeighbourQuerySet.as_manager()

    class Meta:
        ordering = ["origin", "rank"]
        verbose_name = _("métier proche")
        verbose_name_plural = _("métiers proches")
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination"], name="neighbour_unique"),
            models.UniqueConstraint(fields=["origin", "rank"], name="neighbour_rank_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination} ({self.similarity:.2f})"


class NeighbourCalibration(models.Model):
    """The thresholds compute_neighbours found, and on what."""

    computed_at = models.DateTimeField(_("calculé le"), auto_now_add=True)
    occupations = models.PositiveIntegerField(_("métiers comparés"))
    viable = models.FloatField(
        _("seuil « accessible »"),
        help_text=_(
            "La moyenne, moins un écart type, de la similarité moyenne entre métiers d’un même groupe de base CITP, "
            "arrondie au centième : au-dessus, un passage est dit accessible."
        ),
    )
    highly_viable = models.FloatField(
        _("seuil « très accessible »"),
        help_text=_(
            "La même mesure sur les groupes ESCO larges (un métier et ses métiers plus spécifiques) : au-dessus, "
            "un passage est dit très accessible."
        ),
    )
    unit_groups = models.PositiveIntegerField(_("groupes CITP pris en compte"), default=0)
    broad_groups = models.PositiveIntegerField(_("groupes ESCO larges pris en compte"), default=0)
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version d’ESCO"),
        help_text=_("La version d’ESCO dont venaient les métiers comparés."),
    )

    class Meta:
        ordering = ["-computed_at", "-pk"]
        get_latest_by = ["computed_at", "pk"]
        verbose_name = _("calibrage des métiers proches")
        verbose_name_plural = _("calibrages des métiers proches")

    def __str__(self) -> str:
        return f"{self.computed_at:%Y-%m-%d %H:%M} — {self.viable} / {self.highly_viable}"
