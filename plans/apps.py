from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from careerpath.cache import forget_object_pages, forget_object_pages_on_change

# What a counsellor is called on a plan (plans.models.Counsellor.__str__): a change to these forgets its pages.
NAME_FIELDS = {"first_name", "last_name", "username"}


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans et conseillers")

    def ready(self):
        from pathways.models import Assessment
        from pathways.results import RESULT_PAGES

        from .pages import PLAN_PAGES

        # A result's page offers to make a plan until there is one, then opens it.
        forget_object_pages_on_change(self.get_model("Plan"), RESULT_PAGES, pks_of=lambda plan: [plan.pk])
        # The owner's plan page shows the plan, the assessment it was made from (a plan's key is its assessment's) and
        # every row that hangs from it.
        forget_object_pages_on_change(Assessment, PLAN_PAGES, pks_of=lambda assessment: [assessment.pk], on_update=True)
        forget_object_pages_on_change(self.get_model("Plan"), PLAN_PAGES, pks_of=lambda plan: [plan.pk], on_update=True)
        for model in ("Progress", "Reading", "StepNote", "Comment", "Share"):
            forget_object_pages_on_change(self.get_model(model), PLAN_PAGES, pks_of=lambda row: [row.plan_id], on_update=True)
        post_save.connect(
            forget_plans_naming, sender=settings.AUTH_USER_MODEL, dispatch_uid="plans.forget_plans_naming", weak=False
        )


def forget_plans_naming(sender, instance, update_fields=None, **_signal_kwargs) -> None:
    """A counsellor renamed: the plans shared with them, or that they commented on, name them on their owner's page."""
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # a sign-in's last_login, a password
    from .models import Comment, Share
    from .pages import PLAN_PAGES

    shared = Share.objects.filter(counsellor__user=instance).values_list("plan_id", flat=True)
    commented = Comment.objects.filter(author__user=instance).values_list("plan_id", flat=True)
    for plan_id in {*shared, *commented}:
        forget_object_pages(PLAN_PAGES, plan_id)
