from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from careerpath.cache import renew_content_version_on_change


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Postes et compétences")

    def ready(self):
        # Everything in this app shows on public pages.
        renew_content_version_on_change(*self.get_models())
        from .search import add_sqlite_unaccent

        connection_created.connect(add_sqlite_unaccent, dispatch_uid="roles.search.add_sqlite_unaccent")
