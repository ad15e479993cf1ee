"""Sources and passages: the articles a profile rests on, the excerpts it quotes, and the statements that cite them."""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from .fields import SLUG_MAX_LENGTH

# The articles' own text, kept with the content so that every quotation can be checked against it.
SOURCE_TEXT_DIR = Path(__file__).resolve().parent.parent / "content" / "sources"

ESCO_SOURCE_PREFIX = "esco-v"  # an ESCO import's source: esco-v1.1, esco-v1.2


def normalise_quoted(text: str) -> str:
    """Text as a quotation is compared with its article: curly apostrophes read as straight ones, any run of
    spaces (a line break, a non-breaking space) as one space, and the space French typography puts before « : ; ? !
    » and after « as none (a quotation may add it where the article left it out); nothing else is forgiven."""
    spaced = re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip()
    return re.sub(r"« ", "«", re.sub(r" ([:;?!»])", r"\1", spaced))


class Source(models.Model):
    file_name = models.CharField(
        _("fichier"),
        max_length=200,
        unique=True,
        help_text=_(
            "Nom du fichier de l’article dans le dossier des sources, p. ex. 004_….txt. Sert à "
            "retrouver le texte ; il n’est jamais montré aux visiteurs."
        ),
    )
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text=_("Partie de l’adresse de la page de la source, p. ex. coo-metier-missions."),
    )
    title = models.CharField(
        _("titre"),
        max_length=300,
        help_text=_("Le titre de l’article tel qu’il l’écrit ; s’il n’en a pas, un titre descriptif de notre main."),
    )
    title_is_descriptive = models.BooleanField(
        _("titre descriptif"),
        default=False,
        help_text=_("Cochez si l’article n’a pas de titre et que celui-ci est de nous : la page le dit."),
    )
    language = models.CharField(
        _("langue"), max_length=10, default="fr", help_text=_("Langue de l’article (code ISO, p. ex. fr).")
    )
    summary = models.TextField(_("résumé"), blank=True, help_text=_("Ce que l’article couvre, en une ou deux phrases."))

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("source", kwargs={"slug": self.slug})

    @property
    def is_esco(self) -> bool:
        """An ESCO version the import cites (roles.esco)."""
        return self.file_name.startswith(ESCO_SOURCE_PREFIX)

    @property
    def original_title(self) -> str:
        """The article's own title in its language, when it has one (an English page shows it beside ours)."""
        return "" if self.title_is_descriptive else getattr(self, f"title_{self.language}", "") or ""

    def language_names(self) -> list[str]:
        """The article's languages in the visitor's language, e.g. « français »."""
        names = []
        for code in self.language.split(","):
            try:
                name = str(get_language_info(code.strip())["name_translated"])
            except KeyError:
                name = code.strip()
            names.append(name.lower() if get_language() == "fr" else name)  # « français », "French"
        return names

    def text(self) -> str | None:
        """The article's text, when the project keeps it (the two articles do; an ESCO version does not)."""
        path = SOURCE_TEXT_DIR / self.file_name
        if "/" in self.file_name or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")


class PassageQuerySet(models.QuerySet):
    def with_statements(self):
        """Each passage with the published statements that rest on it, in a fixed number of queries."""
        # Imported here: the roles and their statements rest on passages, so their modules import this one.
        from .roles import Role
        from .statements import ExperienceStep, Mission, OtherName, RoleDegree, RoleSkill, Variation

        published = Q(role__status=Role.Status.PUBLISHED)
        return self.prefetch_related(
            Prefetch(
                "missions",
                queryset=Mission.objects.filter(published).select_related("role").order_by("role__title_fr", "-kind", "position"),
            ),
            Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.filter(published)
                .select_related("role", "skill")
                .order_by("role__title_fr", "skill__name"),
            ),
            Prefetch(
                "role_degrees",
                queryset=RoleDegree.objects.filter(published)
                .select_related("role", "degree")
                .order_by("role__title_fr", "degree__name"),
            ),
            Prefetch(
                "steps",
                queryset=ExperienceStep.objects.filter(published).select_related("role").order_by("role__title_fr", "position"),
            ),
            Prefetch(
                "variations",
                queryset=Variation.objects.filter(published)
                .select_related("role")
                .order_by("role__title_fr", "dimension", "scale", "sector"),
            ),
            Prefetch(
                "other_names",
                queryset=OtherName.objects.filter(published).select_related("role").order_by("role__title_fr", "position"),
            ),
            Prefetch("supported_roles", queryset=Role.objects.published().order_by("title_fr")),
        )


class Passage(models.Model):
    """A short verbatim excerpt of an article that statements on the site rest on.

    The quotation stays in the article's language in every version of the site; the English
    rendering is shown beside it, so it is a field of its own rather than a translation of the quotation.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages", verbose_name=_("source"))
    anchor = models.SlugField(
        _("ancre"),
        max_length=80,
        help_text=_("Identifiant du passage dans la page de la source (après le #), unique pour cette source."),
    )
    position = models.PositiveSmallIntegerField(
        _("ordre"), default=1, help_text=_("Place du passage dans l’article (le plus petit d’abord).")
    )
    quotation = models.TextField(
        _("citation"),
        help_text=_(
            "Copiée mot pour mot de l’article, dans sa langue : une phrase ou une partie de phrase. "
            "Elle est vérifiée contre le texte de l’article."
        ),
    )
    translation_en = models.TextField(
        _("traduction anglaise"),
        blank=True,
        help_text=_("Une traduction fidèle de la citation, montrée à côté d’elle."),
    )

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position", "anchor"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [models.UniqueConstraint(fields=["source", "anchor"], name="passage_anchor_unique_per_source")]

    def __str__(self) -> str:
        quotation = self.quotation if len(self.quotation) <= 90 else f"{self.quotation[:89]}…"
        return f"« {quotation} »"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    def clean(self) -> None:
        if not self.source_id or not self.quotation:
            return
        text = self.source.text()
        if text is not None and normalise_quoted(self.quotation) not in normalise_quoted(text):
            raise ValidationError({"quotation": _("Cette citation ne figure pas mot pour mot dans le texte de l’article.")})

    def statements(self) -> list:
        """The published statements resting on this passage (use with `with_statements()`)."""
        return [
            *self.missions.all(),
            *self.role_skills.all(),
            *self.role_degrees.all(),
            *self.steps.all(),
            *self.variations.all(),
            *self.other_names.all(),
        ]


class Statement:
    """A statement of a role profile that rests on a passage; the passage's source page links back to it."""

    fragment_prefix = "statement"

    @property
    def fragment(self) -> str:
        return f"{self.fragment_prefix}-{self.pk}"

    def profile_url(self) -> str:
        # Not get_absolute_url: the admin would add a "view on site" link to every inline row.
        return f"{self.role.get_absolute_url()}#{self.fragment}"

    @property
    def kind_label(self) -> str:
        return self._meta.verbose_name


def passage_field(related_name: str):
    """The passage a statement rests on. One per statement: a statement says one thing, from one place."""
    return models.ForeignKey(
        Passage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("passage de la source"),
        help_text=_("Le passage d’un article sur lequel repose ce qui est écrit ici ; la fiche le cite et y renvoie."),
    )
