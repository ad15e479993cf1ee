from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "careerpath.background"
    label = "background"
    verbose_name = _("Tâches de fond")
    default_auto_field = "django.db.models.BigAutoField"
