from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.role_list, name="list"),
    path("isco/", views.isco_groups, name="isco-groups"),
    path("isco/<str:code>/", views.isco_group, name="isco-group"),
    path("<slug:slug>/", views.role_detail, name="detail"),
]
