from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView

from careerpath.cache import cached_page

from .comparison import degree_rows, skill_rows
from .forms import CompareForm, RoleFilterForm
from .models import IscoGroup, Passage, Role, Source
from .related import compared_occupation, related_jobs

ROLES_PER_PAGE = 30


@cached_page(reads=(*RoleFilterForm.base_fields, "page"))
def role_list(request):
    form = RoleFilterForm(request.GET or None)
    is_valid = form.is_valid() if form.is_bound else True
    roles = form.filter(Role.objects.published().for_listing())
    # A page number past the end shows the last page rather than an error.
    page = Paginator(roles, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    # The pages' links keep the search and filters, and nothing else a visitor added.
    query = QueryDict(mutable=True)
    for name in RoleFilterForm.base_fields:
        query.setlist(name, request.GET.getlist(name))
    return render(
        request,
        "roles/role_list.html",
        {
            "form": form,
            "page": page,
            "roles": listed,
            "shows_esco": any(role.is_from_esco for role in listed),
            "query": query.urlencode(),
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "is_filtered": any(request.GET.get(name) for name in RoleFilterForm.base_fields),
        },
        status=200 if is_valid else 400,
    )


class RoleDetailView(DetailView):
    queryset = Role.objects.published().with_profile().select_related("esco_occupation")
    template_name = "roles/role_detail.html"
    context_object_name = "role"

    def get_context_data(self, **kwargs):
        role = self.object
        others = Role.objects.published().pickable().exclude(pk=role.pk)
        isco_group = IscoGroup.objects.filter(code=role.isco_code).first() if role.isco_code else None
        return super().get_context_data(
            compare_with=others,
            isco_group=isco_group,
            occupation=compared_occupation(role),
            related_jobs=related_jobs(role),
            # An imported occupation the team has written a profile for points to it.
            team_profile=Role.objects.published().filter(esco_occupation=role).first() if role.esco_uri else None,
            **kwargs,
        )


role_detail = cached_page()(RoleDetailView.as_view())


class SourceDetailView(DetailView):
    """An article as a reader can check it: what it is, and each passage the site quotes, with what rests on it."""

    queryset = Source.objects.prefetch_related(
        Prefetch("passages", queryset=Passage.objects.with_statements().order_by("position", "anchor"))
    )
    template_name = "roles/source_detail.html"
    context_object_name = "source"


source_detail = cached_page()(SourceDetailView.as_view())


@cached_page(reads=tuple(CompareForm.base_fields))
def compare(request):
    """Two to four roles side by side; without a valid choice, the picker explains what is needed."""
    # The picker offers the team's roles plus any asked for by slug (an imported one from its profile).
    published = list(Role.objects.published().pickable(also=request.GET.getlist("roles")))
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
        shows_esco=any(role.shows_esco_data() for role in roles),
        skill_rows=skill_rows(roles),
        degree_rows=degree_rows(roles),
        removals=[(role, [slug for slug in slugs if slug != role.slug]) for role in roles],
    )
    return render(request, "roles/compare.html", context)


@cached_page()
def isco_groups(request):
    """The ISCO-08 major groups, the entry to browsing occupations by classification."""
    groups = IscoGroup.objects.filter(parent__isnull=True)
    return render(request, "roles/isco_groups.html", {"groups": groups})


@cached_page()
def isco_group(request, code):
    group = get_object_or_404(IscoGroup.objects.select_related("parent__parent__parent"), code=code)
    # Occupations sit in four-digit unit groups only; the groups above list their subgroups.
    roles = Role.objects.published().filter(isco_code=group.code).order_by("title") if len(code) == 4 else Role.objects.none()
    ancestors, above = [], group.parent
    while above is not None:  # at most three levels, all fetched with the group
        ancestors.insert(0, above)
        above = above.parent
    return render(
        request,
        "roles/isco_group.html",
        {"group": group, "children": group.children.all(), "roles": roles, "ancestors": ancestors},
    )
