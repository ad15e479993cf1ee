from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .access import Reader

app_name = "plans"

# Who each address opens a plan to (plans.access); the plan page itself opens it to its owner, or offers a route.
OWNER = {"reader": Reader.OWNER}
LINK_HOLDER = {"reader": Reader.LINK_HOLDER}
COUNSELLOR = {"reader": Reader.COUNSELLOR}

urlpatterns = [
    # Behind the result's private link.
    path("assessment/<uuid:pk>/plan/", views.plan, name="plan"),
    path("assessment/<uuid:pk>/plan/tick/", views.tick, OWNER, name="tick"),
    path("assessment/<uuid:pk>/plan/rating/", views.rate, OWNER, name="rate"),
    path("assessment/<uuid:pk>/plan/note/", views.note, OWNER, name="note"),
    path("assessment/<uuid:pk>/plan/pdf/", views.pdf, OWNER, name="pdf"),
    path("assessment/<uuid:pk>/plan/pdf/<str:key>/", views.pdf_status, OWNER, name="pdf-status"),
    path("assessment/<uuid:pk>/plan/pdf/<str:key>/file/", views.pdf_file, OWNER, name="pdf-file"),
    path("assessment/<uuid:pk>/plan/shares/", views.share, OWNER, name="share"),
    path("assessment/<uuid:pk>/plan/shares/<int:share_id>/revoke/", views.revoke, OWNER, name="revoke"),
    # A read-only link of its own.
    path("plans/shared/<str:token>/", views.shared, LINK_HOLDER, name="shared"),
    path("plans/shared/<str:token>/pdf/", views.pdf, LINK_HOLDER, name="shared-pdf"),
    path("plans/shared/<str:token>/pdf/<str:key>/", views.pdf_status, LINK_HOLDER, name="shared-pdf-status"),
    path("plans/shared/<str:token>/pdf/<str:key>/file/", views.pdf_file, LINK_HOLDER, name="shared-pdf-file"),
    # Counsellors.
    path("counsellor/", views.dashboard, name="dashboard"),
    path("counsellor/sign-in/", views.CounsellorLoginView.as_view(), name="login"),
    path("counsellor/sign-out/", auth_views.LogoutView.as_view(next_page="plans:login"), name="logout"),
    path("counsellor/plans/<str:token>/", views.counsellor_plan, COUNSELLOR, name="counsellor-plan"),
    path("counsellor/plans/<str:token>/pdf/", views.pdf, COUNSELLOR, name="counsellor-pdf"),
    path("counsellor/plans/<str:token>/pdf/<str:key>/", views.pdf_status, COUNSELLOR, name="counsellor-pdf-status"),
    path("counsellor/plans/<str:token>/pdf/<str:key>/file/", views.pdf_file, COUNSELLOR, name="counsellor-pdf-file"),
]
