from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from pathways.career_map import views as map_views
from roles import views as role_views

from . import views
from .api import api
from .api_errors import unknown_address

handler400 = "careerpath.middleware.bad_request"
handler500 = "careerpath.outage.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Outside the language prefix: one address per resource, texts chosen by Accept-Language.
    path("api/v1/", api.urls),
    # Any other address under /api/: the API's JSON 404, not a page (nor Django's debug page).
    re_path(r"^api/", unknown_address),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # Before the roles' own pages, where "map" would read as a role's slug.
    path("roles/map/", map_views.career_map, name="career-map"),
    path("roles/", include("roles.urls")),
    path("compare/", role_views.compare, name="compare"),
    path("sources/<slug:slug>/", role_views.source_detail, name="source"),
    path("assessment/", include("pathways.urls")),
    path("", include("plans.urls")),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
