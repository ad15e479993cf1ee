from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .models import (
    Degree,
    ExperienceStep,
    Mission,
    NeighbourCalibration,
    Origin,
    OtherName,
    Passage,
    Role,
    RoleDegree,
    RoleSkill,
    Skill,
    SkillCategory,
    SkillLevel,
    Source,
    Trait,
    Variation,
)
from .models.fields import ESCO_URI_PREFIX
from .quotations import article_texts, misquotations, quotations_in

admin.site.site_header = _("careerpath — espace éditeurs")
admin.site.site_title = _("careerpath")
admin.site.index_title = _("Contenu du site")


class QuotationsForm(forms.ModelForm):
    """Refuses a text whose quotations of the articles are not the articles' words, or leave out a hedge: every
    text field of the form, the French « … » and the English "…" (gloss) alike (`roles.quotations`)."""

    def clean(self):
        cleaned = super().clean()
        articles = None
        for name, value in list(cleaned.items()):  # add_error takes a refused field out of cleaned
            if not isinstance(value, str) or not quotations_in(value):
                continue
            articles = articles if articles is not None else article_texts()
            for problem in misquotations(value, articles):
                self.add_error(name, problem)
        return cleaned


class RoleForm(QuotationsForm):
    """The ESCO occupation a team role stands for is typed as its URI, and kept whether or not ESCO is imported yet:
    the content names it before any import, and an editor must be able to save the role meanwhile."""

    esco_occupation_uri = forms.CharField(
        label=Role._meta.get_field("esco_occupation").verbose_name,
        help_text=Role._meta.get_field("esco_occupation").help_text,
        required=False,
        max_length=Role._meta.get_field("esco_uri").max_length,
        validators=[
            RegexValidator(
                rf"^{ESCO_URI_PREFIX}occupation/[\w-]+$",
                _("Un métier ESCO s’écrit http://data.europa.eu/esco/occupation/ suivi de son identifiant."),
            )
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["esco_occupation_uri"].initial = self.instance.esco_occupation_id

    def clean(self):
        cleaned = super().clean()
        self.instance.esco_occupation_id = cleaned.get("esco_occupation_uri") or None
        return cleaned


class ChecksQuotations:
    """The admin's form checks the quotations of its text fields (`QuotationsForm`)."""

    form = QuotationsForm


class MarkEditedMixin:
    """An editor's save turns an imported row into an edited one, which the ESCO import then leaves alone."""

    def save_model(self, request, obj, form, change):
        if obj.origin == Origin.IMPORTED:
            obj.origin = Origin.EDITED
        super().save_model(request, obj, form, change)


class PassageSelect(forms.Select):
    """The passage picker with its options written out directly: the same list of every passage, grouped by source,
    stands in each inline row of a role (some sixty selects), and drawing each option through its template was half
    of the page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join("", "{}", ((self.option_html(choice, chosen),) for choice in self.choices))
        return format_html("<select{}>{}</select>", flatatt({**self.build_attrs(self.attrs, attrs), "name": name}), options)

    @classmethod
    def option_html(cls, choice, chosen: str) -> str:
        value, label = choice
        if isinstance(label, list | tuple):
            options = format_html_join("", "{}", ((cls.option_html(option, chosen),) for option in label))
            return format_html('<optgroup label="{}">{}</optgroup>', value, options)
        if str(value) == chosen:
            return format_html('<option value="{}" selected>{}</option>', value, label)
        return format_html('<option value="{}">{}</option>', value, label)


class PassageChoiceMixin:
    """The passage of each statement is picked from a list grouped by source, read once per page
    rather than once per inline row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "passage":
            kwargs["widget"] = PassageSelect
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "passage" and field is not None:
            if not hasattr(request, "passage_choices"):
                groups: dict = {}
                for passage in Passage.objects.select_related("source").order_by("source_id", "position"):
                    groups.setdefault(passage.source.title, []).append((passage.pk, str(passage)))
                request.passage_choices = [("", "---------"), *groups.items()]
            field.choices = request.passage_choices
        return field


class LoadedRawIdWidget(ForeignKeyRawIdWidget):
    """A lookup by id that names the row it holds, as the raw-id widget does, from the object the form's instance
    already has (`loaded`, the inline's select_related) rather than from one query per row."""

    loaded = None

    def label_and_url_for_value(self, value):
        if self.loaded is None or str(self.loaded.pk) != str(value):
            return super().label_and_url_for_value(value)
        meta = self.loaded._meta
        url = reverse(f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_change", args=(self.loaded.pk,))
        return Truncator(self.loaded).words(14), url


class RoleSkillForm(QuotationsForm):
    """A required skill, its skill named beside its id (the number alone told an editor nothing)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["skill"].widget
        if isinstance(widget, LoadedRawIdWidget) and self.instance.skill_id is not None:
            widget.loaded = self.instance.skill


SKILL_ROWS_SHOWN = 30  # required skills the role's page lets an editor change; the others in the requirements' list


class RoleSkillInline(PassageChoiceMixin, TranslationStackedInline):
    model = RoleSkill
    form = RoleSkillForm
    extra = 0
    fields = [("skill", "required_level", "importance", "stage"), "rationale", "passage", "stage_basis"]
    ordering = ["importance", F("required_level").desc(nulls_last=True)]  # essential first ("essential" < "useful")
    # Thousands of skills once ESCO is imported: a lookup by id rather than a select of every skill
    # in each row (and no select2, whose inline styles the Content-Security-Policy blocks).
    raw_id_fields = ["skill"]

    def get_queryset(self, request):
        # Each row's heading names its role and skill, and its lookup the skill: read with the rows.
        return super().get_queryset(request).select_related("role", "skill")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "skill":
            kwargs["widget"] = LoadedRawIdWidget(db_field.remote_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoleDegreeInline(ChecksQuotations, PassageChoiceMixin, TranslationStackedInline):
    model = RoleDegree
    extra = 0
    fields = [("degree", "kind", "suited_from_scale"), "note", "passage"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("role", "degree")  # each row's heading names both


class ExperienceStepInline(ChecksQuotations, PassageChoiceMixin, TranslationStackedInline):
    model = ExperienceStep
    extra = 0
    ordering = ["position"]
    fields = [
        ("position", "kind", "area", "sector"),
        ("min_months", "max_months", "is_alternative", "stage"),
        ("min_scale", "max_scale", "circumstance"),
        "title",
        "description",
        "passage",
        "stage_basis",
        "duration_basis",
    ]


class MissionInline(ChecksQuotations, PassageChoiceMixin, TranslationStackedInline):
    model = Mission
    extra = 0
    ordering = ["kind", "position"]
    fields = [("kind", "position"), "title", "description", "passage"]


class VariationInline(ChecksQuotations, PassageChoiceMixin, TranslationStackedInline):
    model = Variation
    extra = 0
    fields = [("dimension", "scale", "sector"), "description", "passage"]


class OtherNameInline(PassageChoiceMixin, TranslationStackedInline):
    model = OtherName
    extra = 0
    ordering = ["position"]
    fields = ["position", "name", "passage"]


@admin.register(Role)
class RoleAdmin(ChecksQuotations, MarkEditedMixin, TranslationAdmin):
    list_display = ["title", "acronym", "level", "origin", "status", "skill_count", "updated_at"]
    list_filter = ["status", "origin", "level", "sector_focus", "min_scale", "max_scale"]
    search_fields = [
        "title_fr",
        "title_en",
        "title_feminine",
        "acronym",
        "slug",
        "esco_uri",
        "isco_code",
        "rome_code",
        "onet_soc_code",
    ]
    prepopulated_fields = {"slug": ["title_en"]}
    actions = ["publish", "unpublish"]
    # Plain checkboxes and stacked inlines: every field has its own label for screen readers,
    # and no widget script sets inline styles that the Content-Security-Policy would block.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["status", "slug", "title", "title_feminine", "acronym", "summary", "alternative_titles"]}),
        (_("Le poste"), {"fields": ["description", "outlook", "evidence", "evidence_passages"]}),
        (
            _("Place dans l’organisation"),
            {
                "fields": [
                    "level",
                    "reports_to",
                    "reporting_note",
                    "reporting_passage",
                    "sector_focus",
                    ("min_scale", "max_scale"),
                ]
            },
        ),
        (_("Traits et sources"), {"fields": ["traits", "sources"]}),
        (
            _("Codes dans les nomenclatures"),
            {"fields": ["isco_code", "rome_code", "onet_soc_code", "esco_uri", "esco_occupation_uri"]},
        ),
    ]
    form = RoleForm
    inlines = [OtherNameInline, RoleSkillInline, RoleDegreeInline, ExperienceStepInline, MissionInline, VariationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_total=Count("role_skills"))

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """An ESCO occupation asks for up to 340 skills: the page shows the most important SKILL_ROWS_SHOWN, and says
        where the others are (a page of 340 stacked rows took seconds to draw, and its form was too long to send)."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RoleSkillInline) and obj is not None and obj.pk is not None:
            shown = list(kwargs["queryset"].filter(role=obj).values_list("pk", flat=True)[: SKILL_ROWS_SHOWN + 1])
            if len(shown) > SKILL_ROWS_SHOWN:
                kwargs["queryset"] = kwargs["queryset"].filter(pk__in=shown[:SKILL_ROWS_SHOWN])
                if request.method == "GET":
                    self.say_where_the_other_skills_are(request, obj)
        return kwargs

    def say_where_the_other_skills_are(self, request, role):
        listed = f"{reverse('admin:roles_roleskill_changelist')}?role__id__exact={role.pk}"
        message = _("Ce poste demande %(count)s compétences : la page montre les %(shown)s plus importantes.") % {
            "count": role.role_skills.count(),
            "shown": SKILL_ROWS_SHOWN,
        }
        link = format_html('<a href="{}">{}</a>', listed, _("Voir toutes ses compétences requises"))
        self.message_user(request, format_html("{} {}", message, link))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "evidence_passages":
            kwargs["queryset"] = Passage.objects.select_related("source").order_by("source_id", "position")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "evidence_passages":
            field.label_from_instance = lambda passage: f"{passage.source.title} — {passage}"
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reports_to":
            kwargs["queryset"] = Role.objects.pickable().order_by("title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=_("Publier les postes sélectionnés"))
    def publish(self, request, queryset):
        # Saved one by one so that each change reaches the page cache.
        for role in queryset:
            role.status = Role.Status.PUBLISHED
            role.save(update_fields=["status", "updated_at"])

    @admin.action(description=_("Repasser les postes sélectionnés en brouillon"))
    def unpublish(self, request, queryset):
        for role in queryset:
            role.status = Role.Status.DRAFT
            role.save(update_fields=["status", "updated_at"])

    @admin.display(description=_("compétences"), ordering="skill_total")
    def skill_count(self, role):
        return role.skill_total


class RequirementAdmin(ChecksQuotations, PassageChoiceMixin, TranslationAdmin):
    """Every role's requirements in one list, to review them by stage: which are needed to enter a role and which
    grow in it, each with its basis. A role and its skill are picked by id (thousands once ESCO is imported)."""

    list_filter = ["stage", "role__origin", "role__level"]
    list_select_related = ["role"]
    raw_id_fields = ["role"]
    search_fields = ["role__title_fr", "role__title_en", "stage_basis_fr", "stage_basis_en"]


@admin.register(RoleSkill)
class RoleSkillAdmin(RequirementAdmin):
    list_display = ["skill", "role", "required_level", "importance", "stage"]
    list_filter = ["stage", "importance", *RequirementAdmin.list_filter]
    list_select_related = ["role", "skill"]
    raw_id_fields = ["role", "skill"]
    search_fields = ["skill__name_fr", "skill__name_en", *RequirementAdmin.search_fields]
    fields = [("role", "skill"), ("required_level", "importance", "stage"), "rationale", "passage", "stage_basis"]


@admin.register(ExperienceStep)
class ExperienceStepAdmin(RequirementAdmin):
    list_display = ["title", "role", "position", "area", "is_alternative", "stage"]
    list_filter = ["stage", "is_alternative", "kind", "area", *RequirementAdmin.list_filter]
    search_fields = ["title_fr", "title_en", *RequirementAdmin.search_fields]
    fields = ["role", *ExperienceStepInline.fields]


class SkillLevelInline(ChecksQuotations, TranslationStackedInline):
    model = SkillLevel
    extra = 0
    max_num = 5
    ordering = ["level"]


@admin.register(Skill)
class SkillAdmin(ChecksQuotations, MarkEditedMixin, TranslationAdmin):
    list_display = ["name", "category", "origin", "role_count"]
    list_filter = ["category", "origin"]
    search_fields = ["name_fr", "name_en", "slug", "esco_uri"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SkillLevelInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category").annotate(role_total=Count("role_skills"))

    @admin.display(description=_("postes"), ordering="role_total")
    def role_count(self, skill):
        return skill.role_total


@admin.register(SkillCategory)
class SkillCategoryAdmin(ChecksQuotations, TranslationAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Degree)
class DegreeAdmin(ChecksQuotations, TranslationAdmin):
    list_display = ["name", "level", "field", "typical_months"]
    list_filter = ["level", "field"]
    search_fields = ["name_fr", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Trait)
class TraitAdmin(ChecksQuotations, PassageChoiceMixin, TranslationAdmin):
    list_display = ["name", "passage"]
    search_fields = ["name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


class PassageInline(admin.StackedInline):
    model = Passage
    extra = 0
    ordering = ["position", "anchor"]
    fields = [("anchor", "position"), "quotation", "translation_en"]


@admin.register(Source)
class SourceAdmin(TranslationAdmin):
    list_display = ["title", "title_is_descriptive", "language", "passage_count", "file_name"]
    search_fields = ["title_fr", "title_en", "file_name", "slug"]
    prepopulated_fields = {"slug": ["title_fr"]}
    fields = ["title", "title_is_descriptive", "slug", "language", "summary", "file_name"]
    inlines = [PassageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    @admin.display(description=_("passages"), ordering="passage_total")
    def passage_count(self, source):
        return source.passage_total


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "anchor", "statement_count"]
    list_filter = ["source"]
    search_fields = ["quotation", "translation_en", "anchor", "source__title_fr", "source__title_en"]
    fields = ["source", ("anchor", "position"), "quotation", "translation_en"]
    ordering = ["source_id", "position"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .annotate(
                statement_total=Count("missions", distinct=True)
                + Count("role_skills", distinct=True)
                + Count("role_degrees", distinct=True)
                + Count("steps", distinct=True)
                + Count("variations", distinct=True)
            )
        )

    @admin.display(description=_("énoncés qui s’y appuient"), ordering="statement_total")
    def statement_count(self, passage):
        return passage.statement_total


@admin.register(NeighbourCalibration)
class NeighbourCalibrationAdmin(admin.ModelAdmin):
    """What compute_neighbours found, for editors to read: the command writes it, nobody edits it."""

    list_display = ["computed_at", "viable", "highly_viable", "occupations", "unit_groups", "broad_groups", "source"]
    list_select_related = ["source"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from . import esco_admin  # noqa: E402, F401  (the ESCO imports' pages, in a module of their own)
