from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Models whose changes show on public pages; saving or deleting one invalidates the page cache.
CONTENT_APPS = ("roles", "pathways")
NOT_CONTENT = {"roles.contentversion", "pathways.assessment", "pathways.skillrating"}


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Postes et compétences")

    def ready(self):
        from .cache import bump_content_version

        for app_label in CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                if model._meta.label_lower in NOT_CONTENT:
                    continue
                for signal in (post_save, post_delete):
                    signal.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{signal}-{model._meta.label}")
                for field in model._meta.many_to_many:
                    m2m_changed.connect(bump_content_version, sender=field.remote_field.through,
                                        dispatch_uid=f"bump-m2m-{field.remote_field.through._meta.label}")
