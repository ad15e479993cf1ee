from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    """Django's admin, on a site that asks staff for their second factor (accounts.admin.TwoFactorAdminSite)."""

    default_site = "accounts.admin.TwoFactorAdminSite"
