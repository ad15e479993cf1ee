"""What a role is: roles, skills, degrees, experience steps, missions, traits and sources, one subject a module.

Text fields listed in `roles/translation.py` exist in French (`_fr`, the source language)
and English (`_en`); an empty English field falls back to the French text. Every model and
name other apps use is importable from `roles.models`.
"""

from .choices import Circumstance, Origin, Scale, Sector, Stage, implied_circumstances
from .degrees import DEGREE_RANK, DEGREE_RANK_CHOICES, Degree, DegreeField, DegreeLevel, degree_rank_label
from .esco_runs import EscoRun, EscoRunKind, EscoRunState
from .fields import (
    ESCO_URI_PATTERN,
    LABEL_MAX_LENGTH,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    circumstance_field,
    duration_basis_field,
    esco_uri_field,
    stage_basis_field,
    stage_field,
)
from .isco import IscoGroup
from .neighbours import Neighbour, NeighbourCalibration, NeighbourQuerySet, Viability
from .roles import MAX_PICKED_EXTRA, SEARCH_ALTERNATIVES, SEARCH_DESCRIPTIONS, SEARCH_TITLES, Role, RoleQuerySet
from .skills import MAX_LEVEL, MIN_LEVEL, Skill, SkillCategory, SkillLevel, Trait
from .sources import (
    ESCO_SOURCE_PREFIX,
    SOURCE_TEXT_DIR,
    Passage,
    PassageQuerySet,
    Source,
    Statement,
    normalise_quoted,
    passage_field,
)
from .statements import ExperienceArea, ExperienceStep, Importance, Mission, OtherName, RoleDegree, RoleSkill, Variation

__all__ = [
    "DEGREE_RANK",
    "DEGREE_RANK_CHOICES",
    "ESCO_SOURCE_PREFIX",
    "ESCO_URI_PATTERN",
    "LABEL_MAX_LENGTH",
    "MAX_LEVEL",
    "MAX_PICKED_EXTRA",
    "MIN_LEVEL",
    "SEARCH_ALTERNATIVES",
    "SEARCH_DESCRIPTIONS",
    "SEARCH_TITLES",
    "SLUG_MAX_LENGTH",
    "SLUG_PATTERN",
    "SOURCE_TEXT_DIR",
    "Circumstance",
    "Degree",
    "DegreeField",
    "DegreeLevel",
    "EscoRun",
    "EscoRunKind",
    "EscoRunState",
    "ExperienceArea",
    "ExperienceStep",
    "Importance",
    "IscoGroup",
    "Mission",
    "Neighbour",
    "NeighbourCalibration",
    "NeighbourQuerySet",
    "Origin",
    "OtherName",
    "Passage",
    "PassageQuerySet",
    "Role",
    "RoleDegree",
    "RoleQuerySet",
    "RoleSkill",
    "Scale",
    "Sector",
    "Skill",
    "SkillCategory",
    "SkillLevel",
    "Source",
    "Stage",
    "Statement",
    "Trait",
    "Variation",
    "Viability",
    "circumstance_field",
    "degree_rank_label",
    "duration_basis_field",
    "esco_uri_field",
    "implied_circumstances",
    "normalise_quoted",
    "passage_field",
    "stage_basis_field",
    "stage_field",
]
