from django.apps import AppConfig
from django.conf import settings
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from careerpath.cache import forget_object_pages_on_delete, revise_on_change, revised_pk

# What a counsellor is called on a plan (plans.models.Counsellor.__str__): a change to these revises its page.
NAME_FIELDS = {"first_name", "last_name", "username"}


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans et conseillers")

    def ready(self):
        from pathways.models import Assessment

        from .pages import PLAN_PAGES

        Plan = self.get_model("Plan")
        # A result's page offers to make a plan until there is one, then opens it.
        revise_on_change(Plan, Assessment, pks_of=lambda plan: [plan.pk], on={"added", "deleted"})
        # The owner's plan page shows the plan, the assessment it was made from (a plan's key is its assessment's) and
        # every row that hangs from it.
        revise_on_change(Plan, Plan, pks_of=lambda plan: [plan.pk], on={"updated"})
        revise_on_change(Assessment, Plan, pks_of=lambda assessment: [assessment.pk], on={"updated"})
        # A deleted plan's page is never served again (plan() reads the revision first), but it is the person's, and
        # must not outlive them in this process's cache.
        forget_object_pages_on_delete(Plan, PLAN_PAGES, pks_of=lambda plan: [revised_pk(plan.pk, plan.revision)])
        for model in ("Progress", "Reading", "StepNote", "Comment", "Share"):
            revise_on_change(self.get_model(model), Plan, pks_of=lambda row: [row.plan_id])
        post_save.connect(
            revise_plans_naming, sender=settings.AUTH_USER_MODEL, dispatch_uid="plans.revise_plans_naming", weak=False
        )


def revise_plans_naming(sender, instance, update_fields=None, **_signal_kwargs) -> None:
    """A counsellor renamed: the plans shared with them, or that they commented on, name them on their owner's page."""
    if update_fields is not None and not NAME_FIELDS & set(update_fields):
        return  # a sign-in's last_login, a password
    from .models import Plan

    named = Plan.objects.filter(Q(shares__counsellor__user=instance) | Q(comments__author__user=instance))
    Plan.objects.filter(pk__in=named.values("pk")).update(revision=F("revision") + 1)
