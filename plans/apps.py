from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from careerpath.cache import forget_object_pages_on_change


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans et conseillers")

    def ready(self):
        from pathways.results import RESULT_PAGES

        # A result's page offers to make a plan until there is one, then opens it.
        forget_object_pages_on_change(self.get_model("Plan"), RESULT_PAGES, pks_of=lambda plan: [plan.pk])
