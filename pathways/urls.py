from django.urls import path

from . import views

app_name = "pathways"

urlpatterns = [
    path("", views.assessment, name="assessment"),
    path("<uuid:pk>/", views.result, name="result"),
    path("<uuid:pk>/what-if/", views.what_if, name="what-if"),
    path("<uuid:pk>/delete/", views.delete, name="delete"),
]
