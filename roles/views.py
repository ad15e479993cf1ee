from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.generic import DetailView

from .forms import RoleFilterForm
from .models import Role


def home(request):
    roles = Role.objects.published().order_by("-level", "title")
    return render(request, "home.html", {"roles": roles})


def role_list(request):
    form = RoleFilterForm(request.GET or None)
    is_valid = form.is_valid() if form.is_bound else True
    roles = form.filter(Role.objects.published().for_listing()).order_by("-level", "title")
    return render(
        request,
        "roles/role_list.html",
        {"form": form, "roles": roles, "is_filtered": form.is_bound},
        status=200 if is_valid else 400,
    )


class RoleDetailView(DetailView):
    queryset = Role.objects.published().with_profile()
    template_name = "roles/role_detail.html"
    context_object_name = "role"


def healthz(request):
    """Liveness for a load balancer: 200 while the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
