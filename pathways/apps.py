from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from careerpath.cache import renew_content_version_on_change


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Parcours et auto-évaluations")

    def ready(self):
        # Transitions and estimates are content that routes are drawn from; assessments are private answers.
        renew_content_version_on_change(self.get_model("Transition"), self.get_model("Estimate"))
