from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.generic import DetailView

from .cache import cached_page
from .comparison import degree_rows, skill_rows
from .forms import CompareForm, RoleFilterForm
from .models import Role


@cached_page
def home(request):
    roles = Role.objects.published()
    return render(request, "home.html", {"roles": roles})


@cached_page
def role_list(request):
    form = RoleFilterForm(request.GET or None)
    is_valid = form.is_valid() if form.is_bound else True
    roles = form.filter(Role.objects.published().for_listing())
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

    def get_context_data(self, **kwargs):
        others = Role.objects.published().exclude(pk=self.object.pk)
        return super().get_context_data(compare_with=others, **kwargs)


role_detail = cached_page(RoleDetailView.as_view())


@cached_page
def compare(request):
    """Two to four roles side by side; without a valid choice, the picker explains what is needed."""
    published = list(Role.objects.published())
    form = CompareForm(request.GET or None, roles=published)
    context = {"form": form, "published": published}
    if not form.is_bound:
        return render(request, "roles/compare.html", context)
    if not form.is_valid():
        return render(request, "roles/compare.html", context, status=400)
    slugs = form.cleaned_data["roles"]
    by_slug = {role.slug: role for role in Role.objects.published().filter(slug__in=slugs).with_profile()}
    roles = [by_slug[slug] for slug in slugs]
    context.update(
        roles=roles,
        skill_rows=skill_rows(roles),
        degree_rows=degree_rows(roles),
        removals=[(role, [slug for slug in slugs if slug != role.slug]) for role in roles],
    )
    return render(request, "roles/compare.html", context)


def healthz(request):
    """Liveness for a load balancer: 200 while the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
