from modeltranslation.translator import TranslationOptions, register

from .models import (
    Degree,
    ExperienceStep,
    IscoGroup,
    Mission,
    OtherName,
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


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("title", "summary")


# Passage is not registered: its quotation stays in the article's language on every version of the
# site, with the English rendering (`translation_en`) beside it rather than in its place.


@register(SkillCategory)
class SkillCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SkillLevel)
class SkillLevelTranslation(TranslationOptions):
    fields = ("description",)


@register(Trait)
class TraitTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Degree)
class DegreeTranslation(TranslationOptions):
    fields = ("name", "description", "duration_basis")


@register(Role)
class RoleTranslation(TranslationOptions):
    # title_feminine is French only: English titles have one form.
    fields = ("title", "alternative_titles", "summary", "description", "outlook", "evidence", "reporting_note")


@register(IscoGroup)
class IscoGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(RoleSkill)
class RoleSkillTranslation(TranslationOptions):
    fields = ("rationale", "stage_basis")


@register(RoleDegree)
class RoleDegreeTranslation(TranslationOptions):
    fields = ("note",)


@register(ExperienceStep)
class ExperienceStepTranslation(TranslationOptions):
    fields = ("title", "description", "duration_basis", "stage_basis")


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Variation)
class VariationTranslation(TranslationOptions):
    fields = ("description",)


@register(OtherName)
class OtherNameTranslation(TranslationOptions):
    fields = ("name",)
