"""Configurations of other packages' apps, as this site installs them (settings.INSTALLED_APPS names them)."""

from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDevicesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as AppDevicesConfig


class TwoFactorAdminConfig(AdminConfig):
    """Django's admin, on a site that asks staff for their second factor (accounts.admin.TwoFactorAdminSite)."""

    default_site = "accounts.admin.TwoFactorAdminSite"


class AuthenticatorAppsConfig(AppDevicesConfig):
    """Named for the editors who delete a lost phone's device in the admin."""

    verbose_name = _("Seconde étape : applications d’authentification")


class RecoveryCodesConfig(StaticDevicesConfig):
    verbose_name = _("Seconde étape : codes de secours")
