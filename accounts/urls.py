from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("second-factor/", views.second_factor, name="second-factor"),
    path("second-factor/set-up/", views.set_up, name="set-up"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
]
