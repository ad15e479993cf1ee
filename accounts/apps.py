from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="accounts.stamp_sign_in")
