from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from careerpath.cache import renew_content_version_on_change


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Postes et compétences")

    def ready(self):
        # Everything in this app shows on public pages. The neighbours are written whole by compute_neighbours,
        # which renews the version once: a signal per row would also stop their deletion in one statement.
        written_whole = {self.get_model("Neighbour")}
        renew_content_version_on_change(*(model for model in self.get_models() if model not in written_whole))
        from .search import add_sqlite_functions
        from .search_index import rewrite_named_role, rewrite_role

        connection_created.connect(add_sqlite_functions, dispatch_uid="roles.search.add_sqlite_functions")
        # The search index follows each role saved or deleted, and each other name (bulk writers rewrite it whole).
        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(rewrite_role, sender=self.get_model("Role"), dispatch_uid=f"roles.search_index.role_{event}")
            signal.connect(
                rewrite_named_role, sender=self.get_model("OtherName"), dispatch_uid=f"roles.search_index.name_{event}"
            )
