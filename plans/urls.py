from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    # Behind the result's private link.
    path("assessment/<uuid:pk>/plan/", views.plan, name="plan"),
    path("assessment/<uuid:pk>/plan/tick/", views.tick, name="tick"),
    path("assessment/<uuid:pk>/plan/rating/", views.rate, name="rate"),
    path("assessment/<uuid:pk>/plan/note/", views.note, name="note"),
    path("assessment/<uuid:pk>/plan/pdf/", views.owner_pdf, name="pdf"),
    path("assessment/<uuid:pk>/plan/shares/", views.share, name="share"),
    path("assessment/<uuid:pk>/plan/shares/<int:share_id>/revoke/", views.revoke, name="revoke"),
    # A read-only link of its own.
    path("plans/shared/<str:token>/", views.shared, name="shared"),
    path("plans/shared/<str:token>/pdf/", views.shared_pdf, name="shared-pdf"),
    # Counsellors.
    path("counsellor/", views.dashboard, name="dashboard"),
    path("counsellor/sign-in/", views.CounsellorLoginView.as_view(), name="login"),
    path("counsellor/sign-out/", auth_views.LogoutView.as_view(next_page="plans:login"), name="logout"),
    path("counsellor/plans/<str:token>/", views.counsellor_plan, name="counsellor-plan"),
    path("counsellor/plans/<str:token>/pdf/", views.counsellor_pdf, name="counsellor-pdf"),
]
