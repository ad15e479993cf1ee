import copy
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from careerpath.cache import per_content_version
from careerpath.forms import SiteForm
from careerpath.labels import years_and_months
from careerpath.text import SEARCH_MAX_LENGTH
from roles.models import (
    MAX_LEVEL,
    SLUG_PATTERN,
    DegreeField,
    DegreeLevel,
    ExperienceArea,
    Origin,
    Role,
    RoleSkill,
    Scale,
    Sector,
    SkillLevel,
)
from roles.spelling import find_jobs

from .assessments import Answers, degree_part_missing
from .bridges import ESSENTIAL_IN_JOB_LEVEL, ladder_twins, skills_the_job_uses
from .models import MAX_EXPERIENCE_MONTHS, Circumstance, Situation

NOT_YET = _("Jamais pratiqué")
JOBS_LISTED = 10  # jobs a search for the person's own lists
YES, NO = "yes", "no"  # the answers to "do you still hold this role?"
ROLE_TIME_FIELDS = ("role_years", "role_months")  # how long the person has held the role chosen as `position`
LEFT_TIME_FIELDS = ("left_years", "left_months")  # how long ago they left it
AT_MOST_IN_ALL = _("Indiquez au plus %(limit)s ans en tout.")
ROLE_TIME_MISSING = _("Dites depuis combien de temps vous occupez ce poste : 0 si vous venez d’y arriver.")
STILL_IN_ROLE_MISSING = _("Dites si vous occupez toujours ce poste.")
LEFT_TIME_MISSING = _("Dites depuis combien de temps vous avez quitté ce poste : 0 si c’est ce mois-ci.")
DEGREE_PART_MISSING = {
    "degree_field": _("Indiquez le domaine de votre diplôme."),
    "degree_level": _("Indiquez le niveau du diplôme dont vous donnez le domaine."),
}
# Where the person is now: a Situation (student, career changer) or the slug of the role they hold. Sent as
# `position`: what-if links and saved query strings carry that name, so it stays on the wire.
SITUATION_FIELD = "position"


def level_descriptions(skill_ids) -> dict[int, dict[int, str]]:
    """Skill id → level → what a person at that level does, in the page's language (level 0 is never having
    practised it). The one wording of levels: the assessment, the what-if and a plan's re-rating all use it."""
    described = {skill_id: {0: str(NOT_YET)} for skill_id in skill_ids}
    for level in SkillLevel.objects.filter(skill__in=described):
        described[level.skill_id][level.level] = level.description
    return described


def level_choices(descriptions: dict[int, str]) -> list[tuple[int, str]]:
    """The levels from 0 to MAX_LEVEL as radio choices, each with what a person at that level does."""
    return [
        (level, format_html("<strong>{}</strong> — {}", level, descriptions[level]) if level in descriptions else str(level))
        for level in range(MAX_LEVEL + 1)
    ]


def level_in_words(level, descriptions: dict[int, str]) -> str:
    """A level and what a person at that level does, as plain text ("3 — …"); the bare number when undescribed."""
    words = descriptions.get(level)
    return f"{level} — {words}" if words else str(level)


class LevelRange(forms.NumberInput):
    """A slider over the levels that says in words what a person at the level shown does: the words of the level
    sent come from the server, and static/js/what-if.js keeps them with the slider as it moves."""

    input_type = "range"
    template_name = "includes/_level_range.html"

    def __init__(self, descriptions: dict[int, str]):
        levels = json.dumps({str(level): words for level, words in descriptions.items()}, ensure_ascii=False)
        super().__init__(attrs={"min": 0, "max": MAX_LEVEL, "step": 1, "class": "form-range", "data-levels": levels})
        self.descriptions = descriptions

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        level = int(value) if str(value).isdigit() else None
        context["widget"]["words"] = self.descriptions.get(level, "")
        if context["widget"]["words"]:
            context["widget"]["attrs"]["aria-valuetext"] = level_in_words(level, self.descriptions)
        return context


@per_content_version
def assessed_role(slug: str) -> Role | None:
    """A published role with the skills the assessment's second page asks about."""
    return Role.objects.published().with_skills().filter(slug=slug).first()


@per_content_version
def offered_current_roles() -> list[Role]:
    """The roles a person may say they hold now: the team's, as the pickers offer them."""
    return list(Role.objects.published().pickable())


@per_content_version
def held_job(slug: str) -> Role | None:
    """A published role a person may say is their job: one of the team's, or any ESCO occupation."""
    return Role.objects.published().filter(slug=slug).first() if re.fullmatch(SLUG_PATTERN, slug) else None


def job_label(role: Role) -> str:
    """A job as the search lists it: its title, with its ESCO code for an occupation (two jobs may share a title)."""
    if role.origin == Origin.WRITTEN:
        return str(_("%(title)s (un de nos postes)") % {"title": role.display_title})
    return f"{role.display_title} (ESCO {role.esco_code})" if role.esco_code else f"{role.display_title} (ESCO)"


class TargetField(forms.CharField):
    default_error_messages = {
        "invalid_choice": _("Ce poste n’existe pas ou n’est pas publié : choisissez-en un dans la liste."),
    }

    def to_python(self, value) -> Role | None:
        slug = super().to_python(value)
        if not slug:
            return None
        role = assessed_role(slug) if re.fullmatch(SLUG_PATTERN, slug) else None
        if role is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return role


def as_team_roles(jobs: list[Role]) -> list[Role]:
    """The jobs found, an ESCO occupation one of the team's roles stands for shown as that role: one entry per job."""
    twins = ladder_twins()
    team = Role.objects.in_bulk({twins[job.pk] for job in jobs if job.pk in twins})
    return list({role.pk: role for role in (team.get(twins.get(job.pk), job) for job in jobs)}.values())


class TargetForm(SiteForm):
    """The assessment's first page: the role a person wants, whose skills decide the questions of the second, and,
    when their job is none of the team's roles, that job found among ESCO's occupations (a search the page runs
    again with the words typed, so it needs no script)."""

    target = TargetField(label=_("Le poste que vous visez"), widget=forms.Select)
    job = forms.CharField(
        label=_("Votre métier actuel (facultatif)"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_(
            "S’il n’est pas l’un de nos postes : son intitulé, en français ou en anglais. Nous le cherchons parmi les "
            "métiers d’ESCO, la classification européenne, même avec une faute de frappe."
        ),
        error_messages={"max_length": _("Un intitulé tient en %(limit_value)s caractères au plus.")},
    )
    current = forms.ChoiceField(
        label=_("Lequel est votre métier ?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Ce métier n’existe pas ou n’est plus publié : cherchez-le à nouveau.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any published role is accepted (imported ones come from their profile's link), but the list
        # offers the roles the team wrote, not thousands of imported occupations.
        # Read when the list is drawn only: a form sent with its target needs none of it.
        asked = self.data.get("target")
        self.fields["target"].widget.choices = CallableChoiceIterator(
            lambda: [(role.slug, role.display_title) for role in Role.objects.published().pickable(also=[asked] if asked else [])]
        )
        # The jobs the words typed find, and the one already chosen (carried in the link to the second page).
        typed = str(self.data.get("job") or "")[:SEARCH_MAX_LENGTH]
        self.jobs_found = as_team_roles(find_jobs(typed, JOBS_LISTED)) if typed.strip() else []
        chosen = held_job(str(self.data.get("current") or ""))
        jobs = {role.slug: role for role in [*([chosen] if chosen else []), *self.jobs_found]}
        self.fields["current"].choices = [(slug, job_label(role)) for slug, role in jobs.items()]
        self.jobs = jobs

    def clean_current(self) -> Role | None:
        slug = self.cleaned_data["current"]
        return self.jobs.get(slug) if slug else None

    @property
    def job_to_choose(self) -> bool:
        """Words typed for a job, none chosen yet: the page lists what they find."""
        return bool(self.cleaned_data.get("job", "").strip()) and self.cleaned_data.get("current") is None


LEVEL_MISSING = _("Choisissez un niveau de 0 à 5 pour cette compétence.")


def years_field(label, initial: int | None = 0) -> forms.IntegerField:
    """The years of a time the form asks in years and months."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=False,
        max_value=MAX_EXPERIENCE_MONTHS // 12,
        initial=initial,
        error_messages={"max_value": _("Indiquez au plus %(limit_value)s ans.")},
    )


def months_field(label, initial: int | None = 0) -> forms.IntegerField:
    """The months added to the years of a time the form asks in years and months."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=False,
        max_value=MAX_EXPERIENCE_MONTHS,
        initial=initial,
        error_messages={"max_value": _("Indiquez au plus %(limit_value)s mois.")},
    )


def split_months(months: int | None) -> tuple[int, int] | tuple[str, str]:
    """Months as the (years, months) a form shows; blanks for a time not given."""
    return ("", "") if months is None else divmod(months, 12)


def rating_field_name(skill_id: int) -> str:
    return f"skill_{skill_id}"


def experience_field_names(area: str) -> tuple[str, str]:
    """The years and months fields of an experience area."""
    return f"years_{area}", f"months_{area}"


@dataclass(frozen=True)
class Questions:
    """What the assessment asks about a target beyond the questions every form declares, in one language."""

    situations: list  # the choices of SITUATION_FIELD
    roles: list[Role]  # the roles among them
    fields: dict[str, forms.Field]  # each experience area's years and months, then each skill to rate, in order
    skill_fields: tuple[tuple[RoleSkill, str], ...]  # the skills to rate with their field names


@per_content_version(key=lambda target: (target.pk, get_language()))
def questions_for(target: Role) -> Questions:
    """The questions on a target, made once per content version and language and copied into each form: making
    their labels and choices took a fifth of saving an assessment; copying them costs a third of that."""
    roles = offered_current_roles()
    situations = [
        ("", _("— Choisissez votre situation —")),  # chosen for no one: a careless answer must not pass
        (Situation.STUDENT, Situation.STUDENT.label),
        (Situation.CAREER_CHANGER, _("En reconversion, venant d’un autre domaine")),
        (_("En poste, ou l’ayant été"), [(role.slug, role.display_title) for role in roles]),
    ]
    fields: dict[str, forms.Field] = {}
    for area in ExperienceArea:
        years, months = experience_field_names(area)
        fields[years] = years_field(_("%(area)s : années") % {"area": area.label})
        fields[months] = months_field(_("%(area)s : mois en plus") % {"area": area.label})
    skill_fields = []
    # Read again in the language asked: skills of one category, importance and level come in the order of their names.
    for role_skill in Role.objects.with_skills().get(pk=target.pk).role_skills.all():
        if not role_skill.required_level:
            continue  # no level set yet (imported role): nothing to rate against
        skill = role_skill.skill
        name = rating_field_name(skill.pk)
        fields[name] = forms.IntegerField(
            label=format_html(
                "{} <span class='text-body-secondary small'>({}{}{}/{})</span>",
                skill.name,
                _("niveau attendu"),
                pgettext("before what follows", " : "),
                role_skill.required_level,
                MAX_LEVEL,
            ),
            min_value=0,
            max_value=MAX_LEVEL,
            # A level is a number: its radios, each level with its words, are drawn only to show the form
            # (describe_levels). A field of choices would copy them into every form, checked or shown.
            widget=forms.RadioSelect,
            error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), LEVEL_MISSING),
        )
        skill_fields.append((role_skill, name))
    return Questions(situations, roles, fields, tuple(skill_fields))


@dataclass(frozen=True)
class SkillSection:
    """The skills of one category, as the form asks them: `anchor` is the id the in-page navigation links to."""

    anchor: str
    name: str
    fields: list[forms.BoundField]


class AssessmentForm(SiteForm):
    """The assessment's second page: where the person is, what they hold, and a 0–5 rating of each skill the
    target needs. Its template (pathways/assessment_form.html) draws it in sections, from the properties below."""

    required_css_class = "required"

    position = forms.ChoiceField(  # SITUATION_FIELD
        label=_("Où en êtes-vous ?"),
        error_messages={"required": _("Dites où vous en êtes : étudiant·e, en reconversion ou déjà en poste.")},
    )
    # The role chosen as `position`: how long it has been held and, when the person has left it, since when.
    # Asked of a person with a role only; for anyone else the server ignores them (the page works without script).
    role_years = years_field(_("Temps dans ce poste : années"), initial=None)
    role_months = months_field(_("Temps dans ce poste : mois en plus"), initial=None)
    still_in_role = forms.ChoiceField(
        label=_("Occupez-vous toujours ce poste ?"),
        required=False,  # asked of a person with a role: clean() says so
        choices=[(YES, _("Oui")), (NO, _("Non, je l’ai quitté (pause, recherche d’emploi, reprise après une absence)"))],
        widget=forms.RadioSelect,
    )
    left_years = years_field(_("Temps depuis votre départ : années"), initial=None)
    left_months = months_field(_("Temps depuis votre départ : mois en plus"), initial=None)
    degree_level = forms.ChoiceField(
        label=_("Votre diplôme le plus élevé"),
        required=False,
        choices=[("", _("Pas de diplôme de l’enseignement supérieur")), *DegreeLevel.choices],
    )
    degree_field = forms.ChoiceField(label=_("Domaine de ce diplôme"), required=False, choices=[("", "—"), *DegreeField.choices])
    circumstances = forms.MultipleChoiceField(
        label=_("Votre situation particulière"),
        required=False,
        choices=Circumstance.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Certains chemins ne s’ouvrent qu’à qui se trouve dans cette situation : cochez seulement si c’est vrai."),
    )
    preferred_sector = forms.ChoiceField(
        label=_("Secteur souhaité"),
        choices=[
            (Sector.BOTH, _("Pas de préférence")),
            (Sector.PRODUCTION, Sector.PRODUCTION.label),
            (Sector.SERVICES, Sector.SERVICES.label),
        ],
    )
    preferred_scale = forms.TypedChoiceField(
        label=_("Taille d’organisation souhaitée"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Pas de préférence")), *Scale.choices],
    )
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mes réponses soient conservées pour consulter mon résultat à son lien privé. "
            "Je peux les supprimer à tout moment."
        ),
        error_messages={"required": _("Cochez cette case pour que nous puissions conserver vos réponses.")},
    )

    def __init__(self, *args, target: Role, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        questions = questions_for(target)
        self.fields[SITUATION_FIELD].choices = questions.situations
        self.roles_by_slug = {role.slug: role for role in questions.roles}
        # A job found among ESCO's occupations (the first page's search, or the answers given back) is offered too.
        given = str((self.data if self.is_bound else self.initial).get(SITUATION_FIELD) or "")
        self.occupation = held_job(given) if given and given not in self.roles_by_slug else None
        if self.occupation:
            self.fields[SITUATION_FIELD].choices = [
                *questions.situations,
                (_("Votre métier (ESCO)"), [(self.occupation.slug, job_label(self.occupation))]),
            ]
            self.roles_by_slug[self.occupation.slug] = self.occupation
        self.fields.update(copy.deepcopy(questions.fields))  # each form changes its own (choices, help, widgets)
        self.skill_fields = questions.skill_fields

    def offer_skills_the_job_uses(self) -> None:
        """Before the assessment is shown to a person whose job is an ESCO occupation: each skill of the target that
        ESCO says the job needs is offered at ESSENTIAL_IN_JOB_LEVEL, with the reason beside it, for the person to
        confirm or change (never counted unless they send it)."""
        self.skills_from_job = skills_the_job_uses(self.occupation, self.target) if self.occupation else {}
        for skill_id, names in self.skills_from_job.items():
            name = rating_field_name(skill_id)
            if not self.is_bound:
                self.initial.setdefault(name, ESSENTIAL_IN_JOB_LEVEL)
            self.fields[name].help_text = _(
                "Proposé au niveau %(level)s : d’après ESCO, votre métier demande « %(skills)s ». Vérifiez et changez-le "
                "si besoin."
            ) % {"level": ESSENTIAL_IN_JOB_LEVEL, "skills": pgettext("between the items of a list", " ; ").join(names)}

    def describe_levels(self) -> None:
        """Before the form is shown: each level's choice says what a person at that level does.
        (Checking the answers needs only the numbers, so a valid submission never reads them.)"""
        described = level_descriptions([rs.skill_id for rs, _name in self.skill_fields])
        for role_skill, name in self.skill_fields:
            self.fields[name].widget.choices = level_choices(described[role_skill.skill_id])

    # The form's sections, for its templates.
    @property
    def situation_rows(self) -> list[forms.BoundField]:
        return [self[name] for name in (SITUATION_FIELD, "degree_level", "degree_field", "circumstances")]

    @property
    def role_time_rows(self) -> dict[str, forms.BoundField]:
        """The questions on the role chosen as `position`, by name, for the templates to lay out."""
        return {name: self[name] for name in (*ROLE_TIME_FIELDS, "still_in_role", *LEFT_TIME_FIELDS)}

    @property
    def experience_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(years, months) of each experience area."""
        return [(self[years], self[months]) for years, months in map(experience_field_names, ExperienceArea)]

    @property
    def experience_rows(self) -> list[forms.BoundField]:
        return [field for pair in self.experience_pairs for field in pair]

    @property
    def preference_rows(self) -> list[forms.BoundField]:
        return [self[name] for name in ("preferred_sector", "preferred_scale")]

    @property
    def skill_rows(self) -> list[forms.BoundField]:
        return [self[name] for _role_skill, name in self.skill_fields]

    @property
    def skill_sections(self) -> list[SkillSection]:
        """The skills by category, in the order the target lists them."""
        sections: dict[str, SkillSection] = {}
        for role_skill, name in self.skill_fields:
            category = role_skill.skill.category
            section = sections.setdefault(category.slug, SkillSection(f"category-{category.slug}", category.name, []))
            section.fields.append(self[name])
        return list(sections.values())

    # A person with a role must say how long they have held it (the what-if, filled with answers saved before
    # it was asked, lets it stay blank).
    role_time_required = True

    def clean(self):
        cleaned = super().clean()
        for area in ExperienceArea:
            if self.months_in(area) > MAX_EXPERIENCE_MONTHS:
                self.add_error(experience_field_names(area)[0], AT_MOST_IN_ALL % {"limit": MAX_EXPERIENCE_MONTHS // 12})
        missing = degree_part_missing(cleaned.get("degree_level"), cleaned.get("degree_field"))
        if missing:
            self.add_error(missing, DEGREE_PART_MISSING[missing])
        self.clean_role_time(cleaned)
        return cleaned

    def clean_role_time(self, cleaned: dict) -> None:
        """Months in the role chosen as `position` and since leaving it, into `cleaned`; None for a question that
        is not the person's (no role, or still in it), whatever was typed there."""
        cleaned["months_in_role"] = cleaned["months_since_left"] = None
        if self.roles_by_slug.get(cleaned.get(SITUATION_FIELD)) is None:
            self.ignore(*ROLE_TIME_FIELDS, "still_in_role", *LEFT_TIME_FIELDS)  # a student, a career changer
            return
        cleaned["months_in_role"] = self.duration(*ROLE_TIME_FIELDS, ROLE_TIME_MISSING if self.role_time_required else None)
        still = cleaned.get("still_in_role")
        if not still and self.role_time_required:
            self.add_error("still_in_role", STILL_IN_ROLE_MISSING)
        if still == NO:
            cleaned["months_since_left"] = self.duration(*LEFT_TIME_FIELDS, LEFT_TIME_MISSING)
        else:
            self.ignore(*LEFT_TIME_FIELDS)  # still in the role

    def ignore(self, *names: str) -> None:
        """Whatever was typed in these questions, they are not the person's: no answer from them, no error."""
        for name in names:
            self.errors.pop(name, None)
            self.cleaned_data.pop(name, None)

    def duration(self, years: str, months: str, missing) -> int | None:
        """The months of a (years, months) pair; None when both are blank, with the `missing` message if given."""
        if self.has_error(years) or self.has_error(months):
            return None  # already explained
        given = [self.cleaned_data.get(years), self.cleaned_data.get(months)]
        if given == [None, None]:
            if missing:
                self.add_error(years, missing)
            return None
        total = 12 * (given[0] or 0) + (given[1] or 0)
        if total > MAX_EXPERIENCE_MONTHS:
            self.add_error(years, AT_MOST_IN_ALL % {"limit": MAX_EXPERIENCE_MONTHS // 12})
            return None
        return total

    @property
    def current_role(self) -> Role | None:
        return self.roles_by_slug.get(self.cleaned_data[SITUATION_FIELD])

    @property
    def situation(self) -> str:
        return Situation.ROLE if self.current_role else self.cleaned_data[SITUATION_FIELD]

    def months_in(self, area: str) -> int:
        years, months = experience_field_names(area)
        return 12 * (self.cleaned_data.get(years) or 0) + (self.cleaned_data.get(months) or 0)

    @property
    def experience_months(self) -> dict[str, int]:
        """Months per area, the areas with none left out."""
        return {area.value: months for area in ExperienceArea if (months := self.months_in(area))}

    @property
    def ratings(self) -> dict[int, int]:
        """Skill id → level, the skills left unrated (the what-if allows it) left out."""
        return {
            role_skill.skill_id: level for role_skill, name in self.skill_fields if (level := self.cleaned_data[name]) is not None
        }

    @property
    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            target=self.target,
            situation=self.situation,
            current_role=self.current_role,
            degree_level=data["degree_level"],
            degree_field=data["degree_field"],
            experience_months=self.experience_months,
            circumstances=data["circumstances"],
            preferred_sector=data["preferred_sector"],
            preferred_scale=data["preferred_scale"],
            ratings=self.ratings,
            months_in_role=data["months_in_role"],
            months_since_left=data["months_since_left"],
        )

    @staticmethod
    def data_of(answers: Answers) -> dict[str, object]:
        """The form data that gives back these answers: to fill the what-if form, or to send them again."""
        data: dict[str, object] = {
            SITUATION_FIELD: answers.current_role.slug if answers.current_role else answers.situation,
            "degree_level": answers.degree_level,
            "degree_field": answers.degree_field,
            "circumstances": list(answers.circumstances),
            "preferred_sector": answers.preferred_sector,
            "preferred_scale": "" if answers.preferred_scale is None else answers.preferred_scale,
            "still_in_role": (NO if answers.months_since_left is not None else YES) if answers.current_role else "",
        }
        data["role_years"], data["role_months"] = split_months(answers.months_in_role)
        data["left_years"], data["left_months"] = split_months(answers.months_since_left)
        for area in ExperienceArea:
            years, months = experience_field_names(area)
            data[years], data[months] = divmod(answers.experience_months.get(area.value, 0), 12)
        for skill_id, level in answers.ratings.items():
            data[rating_field_name(skill_id)] = level
        return data


class WhatIfForm(AssessmentForm):
    """The result page's "what if": the same questions asked by GET, filled with the saved answers, each one
    open to change; nothing is stored unless the person saves the new answers as a new version."""

    required_css_class = ""  # every answer is already given: no asterisks
    role_time_required = False  # answers saved before the time in a role was asked have none

    def __init__(self, *args, target: Role, rated: set[int], **kwargs):
        super().__init__(*args, target=target, **kwargs)
        del self.fields["consent"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            elif isinstance(field.widget, forms.NumberInput):
                field.widget.attrs["class"] = "form-control form-control-sm"
        described = level_descriptions([rs.skill_id for rs, _name in self.skill_fields])
        for role_skill, name in self.skill_fields:
            field, descriptions = self.fields[name], described[role_skill.skill_id]
            field.required = False
            if role_skill.skill_id in rated:
                field.widget = LevelRange(descriptions)
            else:  # a skill the saved answers left unrated (added to the role since) stays unrated unless changed
                levels = [(level, level_in_words(level, descriptions)) for level in range(MAX_LEVEL + 1)]
                choices = [("", _("Non évaluée")), *levels]
                field.widget = forms.Select(attrs={"class": "form-select form-select-sm"}, choices=choices)


def answer_pairs(answers: Answers) -> list[tuple[str, object]]:
    """The answers as the (name, value) pairs the forms send: for hidden fields and for links."""
    pairs: list[tuple[str, object]] = []
    for name, value in AssessmentForm.data_of(answers).items():
        pairs += [(name, item) for item in value] if isinstance(value, list) else [(name, value)]
    return pairs


def answers_query(answers: Answers) -> str:
    return urlencode(answer_pairs(answers))


def where_now(answers: Answers) -> list[tuple[str, str]]:
    """Where the person is, in words: their situation or role, and the time in it and since leaving it."""
    if not answers.current_role:
        return [(_("Où vous en êtes"), str(Situation(answers.situation).label))]
    rows = [(_("Votre poste"), answers.current_role.display_title)]
    if answers.months_in_role is not None:
        rows.append((_("Temps dans ce poste"), years_and_months(answers.months_in_role)))
    if answers.months_since_left is None:
        rows.append((_("Occupez-vous toujours ce poste ?"), _("Oui")))
    else:
        rows.append((_("Temps depuis votre départ"), years_and_months(answers.months_since_left)))
    return rows


def answers_shown(answers: Answers) -> list[tuple[str, str]]:
    """The answers a result was computed from, as (question, answer) in words, for the result page; the skill
    ratings are shown beside the target's levels, so they are not repeated here."""
    degree = (
        f"{DegreeLevel(answers.degree_level).label}, {DegreeField(answers.degree_field).label}"
        if answers.degree_level
        else _("Pas de diplôme de l’enseignement supérieur")
    )
    experience = pgettext("between the items of a list", " ; ").join(
        f"{area.label}{pgettext('before what follows', ' : ')}{years_and_months(months)}"
        for area in ExperienceArea
        if (months := answers.experience_months.get(area.value))
    )
    rows = [
        *where_now(answers),
        (_("Votre diplôme le plus élevé"), degree),
        (_("Votre expérience"), experience or _("Aucune")),
        (
            _("Secteur souhaité"),
            Sector(answers.preferred_sector).label if answers.preferred_sector != Sector.BOTH else _("Pas de préférence"),
        ),
        (
            _("Taille d’organisation souhaitée"),
            Scale(answers.preferred_scale).label if answers.preferred_scale else _("Pas de préférence"),
        ),
    ]
    if answers.circumstances:
        rows.append((_("Votre situation particulière"), ", ".join(str(Circumstance(c).label) for c in answers.circumstances)))
    return [(str(question), str(answer)) for question, answer in rows]
