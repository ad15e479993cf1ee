from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from careerpath.text import SEARCH_MAX_LENGTH

from .kinds import is_verified


class TwoFactorAdminSite(admin.AdminSite):
    """The admin opens to staff signed in with both factors, through its own sign-in page (staff accounts only)."""

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def admin_view(self, view, cacheable=False):
        """Each page for staff signed in with both factors (Django's), and a search no longer than the site's."""

        @wraps(view)
        def bounded(request, *args, **kwargs):
            if len(request.GET.get(SEARCH_VAR, "")) > SEARCH_MAX_LENGTH:
                messages.error(request, _("Une recherche tient en %(limit)s caractères au plus.") % {"limit": SEARCH_MAX_LENGTH})
                query = request.GET.copy()
                del query[SEARCH_VAR]
                return HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
            return view(request, *args, **kwargs)

        return super().admin_view(bounded, cacheable)

    def login(self, request, extra_context=None):
        """Django's own, with the two-step sign-in (accounts.views.StaffSignInView) in place of its LoginView."""
        from .views import StaffSignInView  # the views import the user model, not yet ready when the admin loads

        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Connexion"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return StaffSignInView.as_view(extra_context=context, template_name=self.login_template or "admin/login.html")(request)
