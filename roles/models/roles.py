"""Roles: the profile of a position, and the queries that list, search and fetch roles."""

import re
from functools import reduce
from operator import and_

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, When
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from careerpath.labels import format_duration
from roles.search import FIELDS, SHORTEST_CORRECTED, CloseTo, Indexed, IndexMatch, Named, fold, meaningful, name_key, words_of

from .choices import Origin, Scale, Sector
from .fields import LABEL_MAX_LENGTH, SLUG_MAX_LENGTH, SLUG_PATTERN, esco_uri_field
from .skills import SkillLevel, Trait
from .sources import Passage, Source, passage_field
from .statements import ExperienceStep, Mission, OtherName, RoleDegree, RoleSkill, Variation

MAX_PICKED_EXTRA = 10  # more slugs than any picker accepts are ignored rather than queried

# What search reads, by rank (see RoleQuerySet.search).
SEARCH_TITLES = ("title_fr", "title_feminine", "title_en", "acronym")
SEARCH_ALTERNATIVES = ("alternative_titles_fr", "alternative_titles_en")
SEARCH_DESCRIPTIONS = ("summary_fr", "summary_en", "description_fr", "description_en")


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Role.Status.PUBLISHED)

    def search(self, text: str):
        """Roles with every word of `text` (accents and case set aside, words stemmed in French and English, stop
        words left out) in a title (either language, either French form, the acronym, the ESCO occupation a team
        role stands for), an alternative title or other name, the summary or the description; failing a word the
        index does not know, a word of a title or alternative title close to it (a typo). The database matches
        (roles/search.py); the ranking is this one: a title that is the text (word order and stop words aside:
        "operations director" is "director of operations"), an alternative title that is, the text as a phrase in a
        title, every word in the titles, the phrase in an alternative title, every word in the titles and alternative
        titles, every word anywhere, then with typos; within a rank, the order the queryset had (the list's own by
        default)."""
        phrase = fold(" ".join(text.split()))
        typed = words_of(phrase)
        if not typed:
            return self if not phrase.strip() else self.none()
        words = meaningful(typed)

        def found(*fields: str, as_phrase: bool = False) -> Indexed:
            return Indexed(IndexMatch(typed if as_phrase else words, fields or tuple(FIELDS), phrase=as_phrase))

        def with_typos() -> Q:
            # A word the index knows must be there as typed; another one (long enough) may be a slip for a word of
            # a title or alternative title.
            def typed_or_close(word: str) -> Q:
                exact = Q(Indexed(IndexMatch([word])))
                if len(word) < SHORTEST_CORRECTED:
                    return exact
                return exact | (~Q(Indexed(IndexMatch([word]), anywhere=True)) & Q(Indexed(CloseTo(word))))

            return reduce(and_, (typed_or_close(word) for word in words))

        name = name_key(phrase)
        rank = Case(
            When(Named(name, "titles"), then=0),
            When(Named(name, "alternatives"), then=1),
            When(found("titles", as_phrase=True), then=2),
            When(found("titles"), then=3),
            When(found("alternatives", as_phrase=True), then=4),
            When(found("titles", "alternatives"), then=5),
            When(found(), then=6),
            default=7,
        )
        matching = self.filter(Q(found()) | with_typos())
        return matching.alias(search_rank=rank).order_by("search_rank", *(self.query.order_by or Role._meta.ordering))

    def pickable(self, also=()):
        """The roles offered in pickers: written (or reviewed) by the team, not the thousands imported,
        plus the roles whose slugs are in `also` (an imported one chosen from its profile). `also` comes
        from the query string: what cannot be a slug (a NUL byte PostgreSQL would refuse) is left out."""
        slugs = [slug for slug in list(also)[:MAX_PICKED_EXTRA] if re.fullmatch(SLUG_PATTERN, slug)]
        return self.filter(~Q(origin=Origin.IMPORTED) | Q(slug__in=slugs))

    def for_sector(self, sector: str):
        if sector == Sector.BOTH:
            return self
        return self.filter(sector_focus__in=[sector, Sector.BOTH])

    def for_scale(self, scale: int):
        return self.filter(min_scale__lte=scale, max_scale__gte=scale)

    def for_listing(self):
        """One card per job: an ESCO occupation a published team role stands for is left out, the team role shows
        it (its ESCO code)."""
        stood_for = Role.objects.published().filter(esco_occupation_id=OuterRef("esco_uri"))
        return self.exclude(Exists(stood_for)).select_related("reports_to", "esco_occupation")

    def with_skills(self):
        """Required skills with their category, ordered as a profile shows them."""
        return self.prefetch_related(
            Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.select_related("skill__category", "passage__source").order_by(
                    # Essential before useful ("essential" < "useful"), then the highest level asked first.
                    "skill__category__position",
                    "importance",
                    F("required_level").desc(nulls_last=True),
                    "skill__name",
                ),
            )
        )

    def with_requirements(self):
        """What a role asks and rests on, as the API gives it: required skills, degrees and experience steps
        with their passages, the role it reports to and its sources, in a fixed number of queries."""
        return (
            self.with_skills()
            .select_related("reports_to", "reporting_passage__source")
            .prefetch_related(
                Prefetch(
                    "role_degrees",
                    queryset=RoleDegree.objects.select_related("degree", "passage__source").order_by("kind", "degree__name"),
                ),
                Prefetch("steps", queryset=ExperienceStep.objects.select_related("passage__source").order_by("position")),
                Prefetch("other_names", queryset=OtherName.objects.select_related("passage__source").order_by("position")),
                "sources",
            )
        )

    def with_profile(self):
        """Everything a role profile shows, in a fixed number of queries: its requirements, what each skill
        level concretely means (for self-ratings and actions), missions, variations, traits, direct reports
        and the passages that support it."""
        return self.with_requirements().prefetch_related(
            Prefetch("role_skills__skill__levels", queryset=SkillLevel.objects.order_by("level")),
            Prefetch(
                "missions", queryset=Mission.objects.select_related("passage__source").order_by("-kind", "position")
            ),  # missions, then the day
            Prefetch(
                "variations",
                queryset=Variation.objects.select_related("passage__source").order_by("dimension", "scale", "sector"),
            ),
            Prefetch("direct_reports", queryset=Role.objects.published().order_by("title_fr")),
            Prefetch("evidence_passages", queryset=Passage.objects.select_related("source")),
            Prefetch("traits", queryset=Trait.objects.select_related("passage__source")),
        )


class Role(models.Model):
    class Level(models.IntegerChoices):
        ENTRY = 1, _("Débutant")
        MANAGER = 2, _("Encadrement")
        DIRECTOR = 3, _("Direction")
        EXECUTIVE = 4, _("Direction générale")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text=_("Partie de l’adresse de la fiche, p. ex. chief-operating-officer. Ne la changez pas une fois publiée."),
    )
    title = models.CharField(
        _("intitulé"), max_length=LABEL_MAX_LENGTH, help_text=_("Intitulé du poste ; en français, la forme masculine.")
    )
    title_feminine = models.CharField(
        _("intitulé au féminin"),
        max_length=LABEL_MAX_LENGTH,
        blank=True,
        help_text=_("Forme féminine de l’intitulé en français (l’anglais n’a qu’une forme)."),
    )
    acronym = models.CharField(_("sigle"), max_length=20, blank=True, help_text=_("Sigle courant, p. ex. COO."))
    summary = models.CharField(
        _("résumé"), max_length=400, help_text=_("Une phrase qui dit l’essentiel du poste, affichée dans la liste.")
    )
    description = models.TextField(_("description"), help_text=_("Ce qu’est le poste, en quelques paragraphes."))
    outlook = models.TextField(
        _("évolution du métier"), blank=True, help_text=_("Comment le poste évolue (outils numériques, RSE…).")
    )
    evidence = models.TextField(
        _("appui dans les sources"),
        blank=True,
        help_text=_("Pour un poste intermédiaire : quels passages des sources justifient sa place dans le parcours."),
    )
    evidence_passages = models.ManyToManyField(
        "Passage",
        blank=True,
        related_name="supported_roles",
        verbose_name=_("passages qui l’appuient"),
        help_text=_("Pour un poste intermédiaire : les passages cités ci-dessus, auxquels la fiche renvoie."),
    )
    alternative_titles = models.TextField(
        _("autres intitulés"), blank=True, help_text=_("Un intitulé par ligne ; la recherche les trouve aussi.")
    )
    level = models.PositiveSmallIntegerField(
        _("niveau hiérarchique"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_("Vide pour un métier importé que l’équipe n’a pas encore situé."),
    )
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("rend compte à"),
        help_text=_("Le poste auquel ce poste rend compte habituellement."),
    )
    reporting_note = models.TextField(
        _("quand la ligne hiérarchique change"),
        blank=True,
        help_text=_("Où ce rattachement vaut et où il change (selon la taille, p. ex.), d’après le passage lié."),
    )
    reporting_passage = passage_field("reporting_roles")  # what `reporting_note` rests on
    sector_focus = models.CharField(
        _("secteur"),
        max_length=20,
        choices=Sector.choices,
        default=Sector.BOTH,
        help_text=_("Entreprises de production, de services, ou les deux."),
    )
    min_scale = models.PositiveSmallIntegerField(
        _("taille minimale"),
        choices=Scale.choices,
        default=Scale.MICRO,
        help_text=_("La plus petite organisation où le poste existe."),
    )
    max_scale = models.PositiveSmallIntegerField(
        _("taille maximale"),
        choices=Scale.choices,
        default=Scale.LARGE,
        help_text=_("La plus grande organisation où le poste existe sous ce nom."),
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Seuls les postes publiés sont visibles du public."),
    )
    traits = models.ManyToManyField(Trait, blank=True, related_name="roles", verbose_name=_("traits personnels"))
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="roles",
        verbose_name=_("sources"),
        help_text=_("Les articles dont viennent les faits de cette fiche."),
    )
    origin = models.CharField(_("origine"), max_length=10, choices=Origin.choices, default=Origin.WRITTEN, editable=False)
    esco_uri = esco_uri_field(_("Identifiant du métier dans ESCO, p. ex. http://data.europa.eu/esco/occupation/…"))
    # Named by URI, with no constraint in the database: the team's content may name an occupation before ESCO is
    # imported (the link then waits for it). The team's role stands for the occupation wherever both would show.
    esco_occupation = models.ForeignKey(
        "self",
        to_field="esco_uri",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="team_roles",
        limit_choices_to={"origin": Origin.IMPORTED},
        verbose_name=_("métier ESCO correspondant"),
        help_text=_(
            "Pour un poste de l’équipe : le métier d’ESCO qu’il représente. Sa fiche montre alors les métiers proches "
            "de ce métier, et partout où ce métier serait cité, c’est la fiche de l’équipe qui l’est."
        ),
    )
    isco_code = models.CharField(
        _("groupe CITP (ISCO-08)"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Un code de groupe de base CITP a quatre chiffres, p. ex. 1120."))],
        help_text=_("Le groupe de base à quatre chiffres, p. ex. 1120."),
    )
    esco_code = models.CharField(
        _("code ESCO du métier"),
        max_length=30,
        blank=True,
        editable=False,
        help_text=_(
            "Le code du métier dans ESCO, p. ex. 2654.1.7 : les métiers qui partagent les deux premières parties "
            "forment un groupe ESCO large, qui sert à calibrer les métiers proches."
        ),
    )
    rome_code = models.CharField(
        _("code ROME"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-N]\d{4}$", _("Un code ROME est une lettre suivie de quatre chiffres, p. ex. M1301."))],
        help_text=_("Fiche métier de France Travail, p. ex. M1301."),
    )
    onet_soc_code = models.CharField(
        _("code O*NET-SOC"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}\.\d{2}$", _("Un code O*NET-SOC s’écrit 11-1011.00."))],
        help_text=_("Profil O*NET, p. ex. 11-1011.00."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        # Roles the team has placed in the hierarchy first, then imported ones.
        ordering = [F("level").desc(nulls_last=True), "title"]
        verbose_name = _("poste")
        verbose_name_plural = _("postes")
        constraints = [
            models.CheckConstraint(condition=Q(min_scale__lte=models.F("max_scale")), name="role_scale_range_ordered"),
            models.CheckConstraint(condition=~Q(reports_to=models.F("pk")), name="role_not_own_manager"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})

    @property
    def title_forms(self) -> tuple[str, str]:
        """The title and, in French when it differs, its feminine form ("" otherwise). Imported titles are lower
        case ("operations manager"): only their first letter is raised, so acronyms stay as written."""
        feminine = get_language() == "fr" and self.title_feminine and self.title_feminine != self.title
        return capfirst(self.title), capfirst(self.title_feminine) if feminine else ""

    @property
    def display_title(self) -> str:
        """The title as pages show it: both forms in French when they differ."""
        return " / ".join(form for form in self.title_forms if form)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_from_esco(self) -> bool:
        """Imported from ESCO, edited since or not: what shows it shows ESCO's data, and credits ESCO."""
        return self.origin != Origin.WRITTEN

    def shows_esco_data(self) -> bool:
        """Imported, or asking for a skill imported from ESCO. Reads the role's skills: call it where they are
        prefetched (`with_skills`)."""
        return self.is_from_esco or any(link.skill.origin != Origin.WRITTEN for link in self.role_skills.all())

    def alternative_title_list(self) -> list[str]:
        """The role's other names: those the articles give (`other_names_shown`, each with its passage), then an
        import's alternative titles that are not among them."""
        sourced = [other.name for other in self.other_names_shown()]
        given = {fold(name) for name in sourced}
        imported = [title.strip() for title in self.alternative_titles.splitlines() if title.strip()]
        return sourced + [title for title in imported if fold(title) not in given]

    def traits_cited(self) -> list[tuple[Trait, bool]]:
        """Each trait, and whether the profile borrows it: named by an article about another role (a stepping-stone
        role, with its `evidence`, is no article's subject; the others borrow from the article not among theirs)."""
        return [
            (trait, bool(self.evidence) or (trait.passage is not None and trait.passage.source not in self.sources.all()))
            for trait in self.traits.all()
        ]

    def experience_sums(self) -> list[dict]:
        """The usual route's steps added up per area (ways that stand in for a degree aside), as the guidance adds
        them up: each area with its total span and whether some of its steps count only at some sizes."""
        sums: dict[str, dict] = {}
        for step in self.steps.all():
            if step.is_alternative:
                continue
            area = sums.setdefault(step.area, {"area": step.get_area_display(), "min": 0, "max": 0, "steps": 0, "sized": False})
            area["min"] += step.min_months
            area["max"] += step.max_months
            area["steps"] += 1
            area["sized"] |= step.is_sized
        return [{**area, "duration": format_duration(area["min"], area["max"])} for area in sums.values() if area["steps"] > 1]

    def other_names_shown(self) -> list:
        """The other names a profile lists as "also called": the articles', less one that is the title it shows
        ("directeur des opérations", the COO's French title and a name its article gives, in English "director of
        operations")."""
        titles = {fold(self.title), fold(self.title_feminine or "")}
        return [other for other in self.other_names.all() if fold(other.name) not in titles]

    def unsourced_alternative_titles(self) -> list[str]:
        """The alternative titles a profile lists without a passage: an import's, less the sourced other names."""
        return self.alternative_title_list()[len(self.other_names_shown()) :]

    def scale_range_display(self) -> str:
        if self.min_scale == self.max_scale:
            return self.get_min_scale_display()
        return f"{self.get_min_scale_display()} → {self.get_max_scale_display()}"
