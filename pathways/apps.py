from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from careerpath.cache import forget_object_pages_on_delete, renew_content_version_on_change, revise_on_change, revised_pk


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Parcours et auto-évaluations")

    def ready(self):
        # Transitions and estimates are content that routes are drawn from; assessments are private answers.
        renew_content_version_on_change(self.get_model("Transition"), self.get_model("Estimate"))
        from .results import RESULT_PAGES, WHAT_IF_PAGES

        Assessment = self.get_model("Assessment")
        # A result's page names its other versions: one added or deleted changes the page of the one it revises.
        revise_on_change(Assessment, Assessment, pks_of=lambda assessment: [assessment.revises_id], on={"added", "deleted"})
        # A deleted one's own page goes too: it is never served again (result() looks the assessment up first),
        # but it is the person's answers, which must not outlive them in the cache.
        forget_object_pages_on_delete(
            Assessment, RESULT_PAGES, pks_of=lambda assessment: [revised_pk(assessment.pk, assessment.revision)]
        )
        forget_object_pages_on_delete(Assessment, WHAT_IF_PAGES, pks_of=lambda assessment: [assessment.pk])
