"""Hostile input, the same list on SQLite and PostgreSQL (CI runs the suite on both): text 10,000 characters long
in every field of every form, NUL and the other control characters in every segment of every address (the URL
conf's, with real slugs and tokens, in French and English) and in every parameter a page reads, bytes that are
not UTF-8, numbers of 31 digits in every numeric field, parameter and address. Each answers 4xx, or the form
again with its error, never a server error; and nothing is written.

Every form is filled from its page as a browser fills it, then sent with one field made hostile; the same form
sent untouched must go through, or the probes would prove nothing. Requests run in a savepoint each, rolled back
if one fails: an error PostgreSQL raises does not spoil the probes after it.
"""

import inspect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import parse_qs, quote

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import forms as account_forms
from careerpath import forms as site_forms
from pathways import forms as pathway_forms
from pathways.api import AREA_OF_FIELD, RouteRequest
from pathways.models import Assessment
from plans import forms as plan_forms
from plans.access import Reader as PlanReader
from plans.models import Counsellor, PlanPdf, Share
from roles import forms as role_forms
from roles.models import IscoGroup, Role, Source
from tests.accounts.conftest import STAFF_PASSWORD
from tests.addresses import named_routes, parameters
from tests.assessments import EDO
from tests.factories import COUNSELLOR_PASSWORD, counsellors_group, make_plan, plan_url, share_with
from tests.html import page_of
from tests.two_factor import secret_of, sign_in_verified, totp

pytestmark = pytest.mark.django_db

LONG = "Directeur des opérations " * 400  # 10,000 characters
HUGE = str(10**30)  # past any integer column, PostgreSQL's bigint included
# Sent percent-encoded in query strings and addresses, as a client sends them; given as text in forms.
UNTYPABLE = ["%00", "%01", "%1F", "%7F", "%C2%85", "%C2%9F", "%FF", "%C3", "%ED%A0%80"]
# In an address, a NUL encoded twice too: no address of the site holds a "%", decoded once it is one.
UNTYPABLE_IN_PATHS = [*UNTYPABLE, "%2500"]
UNTYPABLE_TEXT = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f"]
CSRF = "csrfmiddlewaretoken"
# Written by any request of a signed-in visitor (the session's idle timeout), not by the input.
ALWAYS_WRITTEN = ("django_session",)


# The world the probes run in: a result with its plan, a read-only link, a counsellor it is shared with, staff.


@dataclass
class World:
    result: Assessment
    link: Share
    counsellor_share: Share
    clients: dict[str, Client]
    counsellor_user: object
    staff_user: object


def counsellor_account(django_user_model, username: str) -> Counsellor:
    user = django_user_model.objects.create_user(username, password=COUNSELLOR_PASSWORD)
    user.groups.add(counsellors_group())
    return Counsellor.objects.create(user=user, code=Counsellor.new_code())


PDF_KEY = "0" * 64  # a plan PDF's key (plans.pdfs): a digest


@pytest.fixture
def world(content, editor, django_user_model, settings) -> World:
    # Hundreds of requests from one address: no rate limit nor lockout may answer in the forms' place.
    settings.RATE_LIMITS = {group: "100000/h" for group in settings.RATE_LIMITS}
    settings.AXES_FAILURE_LIMIT = 100000
    IscoGroup.objects.create(code="1321", name="Directeurs, production industrielle")  # ESCO's groups are imported
    owner = Client()
    plan = make_plan(owner)
    counsellor = counsellor_account(django_user_model, "claire")
    counsellor_client, staff_client = Client(), Client()
    sign_in_verified(counsellor_client, counsellor.user)
    sign_in_verified(staff_client, editor)
    for reader in PlanReader:  # each reader's PDF of the plan, asked for and being drawn
        PlanPdf.objects.create(plan=plan, reader=reader, key=PDF_KEY)
    return World(
        result=plan.assessment,
        link=share_with(owner, plan, None),
        counsellor_share=share_with(owner, plan, counsellor),
        clients={"anonymous": owner, "counsellor": counsellor_client, "staff": staff_client},
        counsellor_user=counsellor.user,
        staff_user=editor,
    )


def waiting_for_code(world: World) -> Client:
    """A counsellor whose password was right, asked for the code of the app set up before."""
    TOTPDevice.objects.get_or_create(user=world.counsellor_user, name="careerpath", confirmed=True)
    client = Client()
    assert client.post("/counsellor/sign-in/", {"username": "claire", "password": COUNSELLOR_PASSWORD}).status_code == 302
    return client


def waiting_to_set_up(world: World, django_user_model) -> Client:
    """A new counsellor whose password was right, shown the app to set up (its secret is drawn then)."""
    counsellor_account(django_user_model, "camille")
    client = Client()
    assert client.post("/counsellor/sign-in/", {"username": "camille", "password": COUNSELLOR_PASSWORD}).status_code == 302
    assert client.get("/account/second-factor/set-up/").status_code == 200
    return client


# Sending one request and judging its answer.


def writes(queries) -> list[str]:
    return [
        query["sql"][:120]
        for query in queries.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", query["sql"], re.IGNORECASE)
        and not any(table in query["sql"].split(" WHERE ")[0] for table in ALWAYS_WRITTEN)
    ]


def send(client: Client, method: str, path: str, data=None, **kwargs):
    """The answer and the writes of one request, in a savepoint rolled back when the request failed."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        try:
            response = getattr(client, method.lower())(path, data, **kwargs)
        except Exception as error:  # the test client raises what the view raised: a 500 for a visitor
            transaction.set_rollback(True)
            return f"server error: {type(error).__name__}: {str(error)[:200]}", []
    return response, writes(queries)


FORM_ERROR = ".is-invalid, .errorlist, .invalid-feedback, .alert-danger, .errornote"


def refused(response) -> bool:
    """4xx, or 200 with the form again saying what to correct."""
    if isinstance(response, str):
        return False
    if 400 <= response.status_code < 500:
        return True
    return response.status_code == 200 and bool(page_of(response).select(FORM_ERROR))


def answered(response) -> bool:
    """Anything but a server error."""
    return not isinstance(response, str) and response.status_code < 500


def outcome(response) -> str:
    return response if isinstance(response, str) else str(response.status_code)


# Every form, as its page offers it.


@dataclass(frozen=True)
class FormPage:
    """Where a form is filled: who fills it, the page it is on, the form on that page (a CSS selector), the method
    it is sent with, and where to when not to the form's action."""

    client: str
    page: Callable[[World], str]
    selector: str
    method: str = "post"
    send_to: Callable[[World], str] | None = None
    changes: Callable[[World], dict] = lambda world: {}  # what a person picks that the page leaves blank
    succeeded: Callable[[object], bool] = lambda response: response.status_code in (302, 303)
    # Fields whose hostile values the page may pass over rather than refuse (where to go after signing in).
    passed_over: tuple[str, ...] = ()
    # Where a refused attempt is counted (the throttling of sign-ins and codes): written, unless the hostile value
    # is in one of `never_counted`, which must never reach the count.
    counted_in: tuple[str, ...] = ()
    never_counted: tuple[str, ...] = ()


def result_path(world: World, tail: str = "") -> str:
    return f"/assessment/{world.result.pk}/{tail}"


def shows_no_error(response) -> bool:
    return response.status_code == 200 and not page_of(response).select(FORM_ERROR)


COUNSELLOR_SIGN_IN = {"username": "claire", "password": COUNSELLOR_PASSWORD}
# A person who held a role and left it: every question of the form counts, none is passed over.
LEFT_A_ROLE = {
    "position": "operations-manager",
    "role_years": "2",
    "role_months": "0",
    "still_in_role": "no",
    "left_years": "0",
    "left_months": "3",
}
STAFF_SIGN_IN = {"username": "editor", "password": STAFF_PASSWORD}
SIGN_IN = {"passed_over": ("next",), "counted_in": ("axes_",), "never_counted": ("username",)}
CODE = {"counted_in": ("otp_totp_totpdevice", "otp_static_staticdevice")}
FORMS: dict[type[forms.Form], list[FormPage]] = {
    account_forms.SignInForm: [
        FormPage("anonymous", lambda w: "/counsellor/sign-in/", "main form", changes=lambda w: COUNSELLOR_SIGN_IN, **SIGN_IN),
        FormPage("anonymous", lambda w: "/en/admin/login/", "#login-form", changes=lambda w: STAFF_SIGN_IN, **SIGN_IN),
    ],
    account_forms.CodeForm: [
        FormPage(
            "waiting for a code",
            lambda w: "/account/second-factor/",
            "main form",
            changes=lambda w: {"code": totp(secret_of(TOTPDevice.objects.get(user__username="claire")))},
            **CODE,
        )
    ],
    account_forms.SetUpForm: [
        FormPage(
            "waiting to set up",
            lambda w: "/en/account/second-factor/set-up/",
            "main form",
            changes=lambda w: {"code": totp(secret_of(TOTPDevice.objects.get(user__username="camille")))},
            **CODE,
        )
    ],
    pathway_forms.TargetForm: [
        FormPage(
            "anonymous", lambda w: "/assessment/", "main form", "get", changes=lambda w: {"target": EDO}, succeeded=shows_no_error
        )
    ],
    pathway_forms.AssessmentForm: [
        FormPage(
            "anonymous",
            lambda w: f"/assessment/?target={EDO}",
            "main form[method=post]",
            send_to=lambda w: f"/assessment/?target={EDO}",
            changes=lambda w: {**LEFT_A_ROLE, "consent": "on", "degree_level": "bachelor", "degree_field": "business-management"},
        )
    ],
    pathway_forms.WhatIfForm: [
        FormPage(
            "anonymous",
            lambda w: result_path(w),
            "form.what-if-form",
            "get",
            changes=lambda w: LEFT_A_ROLE,
            succeeded=shows_no_error,
        ),
        FormPage(
            "anonymous",
            lambda w: f"/en{result_path(w)}",
            "form.what-if-form",
            send_to=lambda w: f"/en{result_path(w, 'what-if/')}",
            changes=lambda w: LEFT_A_ROLE,
        ),
    ],
    plan_forms.RouteChoiceForm: [
        FormPage(
            "anonymous",
            lambda w: plan_url(w.result, tail="?route=change"),
            "main form[method=post]",
            send_to=lambda w: plan_url(w.result),
        )
    ],
    plan_forms.ProgressForm: [FormPage("anonymous", lambda w: plan_url(w.result), "form.plan-tick")],
    plan_forms.RatingForm: [FormPage("anonymous", lambda w: plan_url(w.result, "/en"), "form[action$='/rating/']")],
    plan_forms.NoteForm: [
        FormPage(
            "anonymous", lambda w: plan_url(w.result), "form.plan-note-form", changes=lambda w: {"text": "Relire le référentiel"}
        )
    ],
    plan_forms.ShareForm: [
        FormPage("anonymous", lambda w: plan_url(w.result), "form[action$='/shares/']", changes=lambda w: {"name": "Sam"})
    ],
    plan_forms.CommentForm: [
        FormPage(
            "counsellor",
            lambda w: w.counsellor_share.get_absolute_url(),
            "form.plan-comment-form",
            changes=lambda w: {"text": "Bien vu"},
        )
    ],
    role_forms.RoleFilterForm: [
        FormPage("anonymous", lambda w: "/en/roles/", "form.role-filters", "get", succeeded=shows_no_error)
    ],
    role_forms.CompareForm: [
        FormPage(
            "anonymous",
            lambda w: "/compare/",
            "main form[action='/compare/']",
            "get",
            changes=lambda w: {"roles": [EDO, "chief-operating-officer"]},
            succeeded=shows_no_error,
        )
    ],
}
# Bases of the forms above, never sent as themselves.
BASES = {site_forms.SiteForm, plan_forms.FocusFirstErrorForm}


def project_form_modules() -> list:
    """The forms.py of each of the project's own apps, and the project package's."""
    return [site_forms] + [
        import_module(f"{config.name}.forms")
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR) and find_spec(f"{config.name}.forms")
    ]


def test_every_form_of_every_app_is_probed():
    """A form added to an app's forms.py is added to FORMS too, or this fails."""
    modules = project_form_modules()
    assert {module.__name__ for module in modules} >= {"accounts.forms", "pathways.forms", "plans.forms", "roles.forms"}
    defined = {
        cls
        for module in modules
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    }
    assert defined - BASES == set(FORMS)


def form_data(page, selector: str) -> tuple[dict[str, list[str]], str]:
    """What a browser sends for the form unchanged, and where it sends it."""
    form = page.select_one(selector)
    assert form is not None, selector
    data: dict[str, list[str]] = {}
    for control in form.select("input[name], select[name], textarea[name]"):
        name, kind = control["name"], control.get("type", "text")
        if control.name == "select":
            options = control.select("option")
            # What the page selected, else the first real choice: "— choose —" would make the form invalid.
            selected = [option for option in options if option.has_attr("selected") and option.get("value")]
            chosen = selected or [option for option in options if option.get("value")][:1]
            data.setdefault(name, []).extend(option["value"] for option in chosen)
        elif control.name == "textarea":
            data.setdefault(name, []).append(control.get_text())
        elif kind in ("checkbox", "radio"):
            group = data.setdefault(name, [])
            if control.has_attr("checked") or (
                kind == "radio" and not group and not form.select(f"input[name='{name}'][checked]")
            ):
                group.append(control.get("value", "on"))
        elif kind not in ("submit", "button", "image", "reset"):
            data.setdefault(name, []).append(control.get("value", ""))
    return data, form.get("action") or ""


def is_numeric(page, selector: str, name: str, values: list[str]) -> bool:
    """A field that takes a number: a number or a range, or whose choices, or hidden value, are all numbers."""
    form = page.select_one(selector)
    control = form.select_one(f"[name='{name}']")
    if control.get("type") in ("number", "range"):
        return True
    options = [o.get("value") for o in form.select(f"[name='{name}'] option, input[name='{name}'][type=radio]") if o.get("value")]
    return bool(options or values) and all(value.isdigit() for value in (options or values))


@dataclass(frozen=True)
class Probe:
    field: str
    what: str
    data: dict


def probes_of(data: dict[str, list[str]], numeric: set[str], checkboxes: set[str]) -> list[Probe]:
    """Each field made hostile in turn: 10,000 characters, a control character (each field its own, in turn),
    31 digits in the numeric ones; and a control character in a field's name. A checkbox's value is never read,
    only whether it is sent: no length to refuse there."""
    names = [name for name in data if name != CSRF]
    bad = itertools.cycle(UNTYPABLE_TEXT)
    probes = []
    for name in names:
        if name not in checkboxes:
            probes.append(Probe(name, "10,000 characters", {**data, name: [LONG]}))
        probes.append(Probe(name, "a control character", {**data, name: [f"a{next(bad)}b"]}))
        if name in numeric:
            probes.append(Probe(name, "10**30", {**data, name: [HUGE]}))
    probes.append(Probe(names[0], "a control character in its name", {**data, f"{names[0]}\x00": ["1"]}))
    return probes


def unexpected_writes(where: FormPage, probe: Probe, written: list[str]) -> list[str]:
    if probe.field in where.never_counted:
        return written
    return [sql for sql in written if not any(table in sql for table in where.counted_in)]


def clients_of(world: World, django_user_model) -> dict[str, Client]:
    return {
        **world.clients,
        "waiting for a code": waiting_for_code(world),
        "waiting to set up": waiting_to_set_up(world, django_user_model),
    }


def test_hostile_values_in_every_field_of_every_form_are_refused_and_nothing_is_written(world, django_user_model):
    clients = clients_of(world, django_user_model)
    failures, probed = [], 0
    for form_class, pages in FORMS.items():
        for where in pages:
            client = clients[where.client]
            page = page_of(client.get(where.page(world)))
            data, action = form_data(page, where.selector)
            data.update({name: value if isinstance(value, list) else [value] for name, value in where.changes(world).items()})
            target = where.send_to(world) if where.send_to else action or where.page(world)
            numeric = {name for name, values in data.items() if is_numeric(page, where.selector, name, values)}
            checkboxes = {control["name"] for control in page.select(f"{where.selector} input[type=checkbox][name]")}
            for probe in probes_of(data, numeric, checkboxes):
                response, written = send(client, where.method, target, probe.data)
                probed += 1
                expected = answered if probe.field in where.passed_over else refused
                if not expected(response) or unexpected_writes(where, probe, written):
                    failures.append(
                        f"{form_class.__name__} {where.method.upper()} {target} {probe.field}, {probe.what}: "
                        f"{outcome(response)} {unexpected_writes(where, probe, written)}"
                    )
            # Last, as it may sign in or save: the form as the page gave it goes through, so the probes meant
            # something. The probes' wrong codes were counted (django-otp's throttling): forgotten first.
            TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
            with transaction.atomic():
                untouched, _written = send(client, where.method, target, data)
                transaction.set_rollback(True)
            if not where.succeeded(untouched):
                failures.append(f"{form_class.__name__} {target}: the untouched form did not go through ({outcome(untouched)})")
    assert not failures, "\n".join(failures)
    assert probed > 300


# Every address of the URL conf, with real slugs, tokens and keys.


def admin_model(name: str):
    return next(
        (model for model in admin.site._registry if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_")),
        None,
    )


def arguments(world: World, name: str, route: str) -> dict:
    """Real values for the address's parameters: each one names an object that exists."""
    role = Role.objects.get(slug=EDO)
    model = admin_model(name)  # an admin page of one model's object: its first
    values = {
        "pk": TOTPDevice.objects.get(user=world.staff_user).pk if name.startswith("admin:otp_totp") else world.result.pk,
        "share_id": world.link.pk,
        "key": PDF_KEY,
        "token": world.counsellor_share.token if name.startswith("plans:counsellor") else world.link.token,
        "slug": Source.objects.first().slug if name == "source" else role.slug,
        "code": IscoGroup.objects.get().code,
        "app_label": "roles",
        # The model's first object; 1 for one without any (the admin says it does not exist, after signing in).
        "object_id": (model._default_manager.values_list("pk", flat=True).first() or 1) if model else role.pk,
        "id": world.staff_user.pk,
        "content_type_id": ContentType.objects.get_for_model(Role).pk,
    }
    missing = [parameter for parameter in parameters(route) if values.get(parameter) is None]
    assert not missing, f"{name}: no value for {missing} (add one to arguments())"
    return {parameter: values[parameter] for parameter in parameters(route)}


def addresses(world: World) -> list[str]:
    """Every named address in French and in English (the same once for those outside the language prefix)."""
    found = []
    for name, route in named_routes():
        for language in ("fr", "en"):
            with translation.override(language):
                found.append(reverse(name, kwargs=arguments(world, name, route)))
    return list(dict.fromkeys(found))


def test_the_addresses_probed_are_real_pages(world):
    """Without a control character, each address leads somewhere (a page, a sign-in, a method refused): the
    slugs and tokens put in them name real objects, so the probes below reach the views."""
    # The API's root is named but has no page of its own.
    paths = [path for path in addresses(world) if not path.startswith("/en/") and path != "/api/v1/"]
    assert len(paths) > 140
    lost = [
        f"{path}: {outcome(response)}"
        for path in paths
        if not answered(response := send(Client(), "get", path)[0]) or response.status_code == 404
    ]
    assert not lost, "\n".join(lost)


def with_inside(path: str, index: int, bad: str) -> str:
    """`path` with `bad` in the middle of its segment `index`."""
    segments = path.split("/")
    segment = segments[index]
    segments[index] = segment[: len(segment) // 2] + bad + segment[len(segment) // 2 :]
    return "/".join(segments)


def test_a_control_character_or_bytes_not_utf8_in_any_segment_of_any_address_is_not_found(world):
    """NUL in every segment; the other control characters and the bytes that are not UTF-8 in turn, one more
    segment of each address. The 404 comes before anything is read: nothing is written either."""
    others = itertools.cycle(UNTYPABLE_IN_PATHS[1:])
    failures, probed = [], 0
    for number, path in enumerate(addresses(world)):
        segments = [index for index, segment in enumerate(path.split("/")) if segment] or [1]  # "/": its one
        probes = [with_inside(path, index, "%00") for index in segments]
        probes.append(with_inside(path, segments[number % len(segments)], next(others)))
        for probe in probes:
            response, written = send(world.clients["staff" if "/admin/" in path else "anonymous"], "get", probe)
            probed += 1
            if isinstance(response, str) or response.status_code != 404 or written:
                failures.append(f"{probe}: {outcome(response)} {written}")
    assert not failures, "\n".join(failures)
    assert probed > 500


def test_a_number_of_31_digits_in_an_address_is_answered_and_writes_nothing(world):
    """Every integer in an address (a share to revoke, an object of the admin's) at 10**30: past any column."""
    failures = []
    for name, route in named_routes():
        numbers = [
            parameter for parameter in parameters(route) if parameter in ("share_id", "object_id", "id", "content_type_id")
        ]
        numbers += re.findall(r"<int:(\w+)>", route)
        for number in dict.fromkeys(numbers):
            path = reverse(name, kwargs={**arguments(world, name, route), number: HUGE})
            client, method = (
                (world.clients["staff"], "get") if name.startswith("admin:") else (world.clients["anonymous"], "post")
            )
            response, written = send(client, method, path)
            if not answered(response) or written:
                failures.append(f"{method.upper()} {path}: {outcome(response)} {written}")
    assert not failures, "\n".join(failures)


# Every parameter a page reads.


@dataclass(frozen=True)
class Reader:
    """A page, who asks for it, the parameters it reads, which of them take a number and which a text."""

    who: str
    path: str
    names: list[str]
    numbers: set[str]
    texts: set[str]


def parameters_read(world: World) -> list[Reader]:
    """The site's pages (those kept in the cache say which parameters they read) and the API's, each parameter
    given a number and a long text; the admin's lists, each filter and the page given a number, the search a
    long text (its other parameters are choices, refused alike)."""
    site = [
        ("anonymous", "/roles/", sorted(resolve("/roles/").func.page_cache_reads)),
        ("anonymous", "/en/compare/", sorted(resolve("/compare/").func.page_cache_reads)),
        ("anonymous", "/assessment/", ["target"]),
        ("anonymous", plan_url(world.result), ["route"]),
        ("anonymous", "/counsellor/sign-in/", ["next"]),
        ("anonymous", "/en/admin/login/", ["next"]),
        ("anonymous", "/api/v1/roles", ["q", "isco", "page", "page_size"]),
        ("anonymous", "/api/v1/compare", ["roles"]),
    ]
    readers = [Reader(who, path, names, set(names), set(names)) for who, path, names in site]
    for model, model_admin in admin.site._registry.items():
        path = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = page_of(world.clients["staff"].get(path))
        filters = {}
        for link in page.select("#changelist-filter a[href^='?']"):
            for name, values in parse_qs(link["href"][1:]).items():
                filters.setdefault(name, []).extend(values)
        numbers = {name for name, values in filters.items() if all(value.isdigit() for value in values)}
        searched = {"q"} if model_admin.search_fields else set()
        readers.append(Reader("staff", path, sorted({*searched, "p", "o", *filters}), {*numbers, "p", "o"}, searched))
    return readers


def test_hostile_values_in_every_parameter_read_are_answered_and_write_nothing(world):
    """A control character or bytes not UTF-8 are refused (400); 10,000 characters or 31 digits are answered as
    the page answers a value it cannot use (a form's error, the last page, the page itself), never a server error."""
    bad = itertools.cycle(UNTYPABLE)
    failures, probed = [], 0
    for reader in parameters_read(world):
        assert reader.names, reader.path
        for name in reader.names:
            probes = [(next(bad), 400)]
            probes += [(quote(LONG), None)] if name in reader.texts else []
            probes += [(HUGE, None)] if name in reader.numbers else []
            for value, expected in probes:
                response, written = send(world.clients[reader.who], "get", f"{reader.path}?{quote(name)}={value}")
                probed += 1
                if not answered(response) or (expected and response.status_code != expected) or written:
                    failures.append(f"{reader.path}?{name}={value[:20]}: {outcome(response)} {written}")
    assert not failures, "\n".join(failures)
    assert probed > 100


def test_more_parameters_than_django_reads_are_refused_on_every_page_read(world):
    """Past DATA_UPLOAD_MAX_NUMBER_FIELDS Django refuses the query before any view: the site's own 400 page, in the
    page's language, never a server error while drawing it."""
    crowded = "&".join(f"field{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    failures = []
    for reader in parameters_read(world):
        response, written = send(world.clients[reader.who], "get", f"{reader.path}?{crowded}")
        if response.status_code != 400 or written:
            failures.append(f"{reader.path}: {outcome(response)} {written}")
    assert not failures, "\n".join(failures)
    english = world.clients["anonymous"].get(f"/en/roles/?{crowded}")
    assert english.status_code == 400 and 'lang="en"' in english.content.decode()


# The API's JSON body.


def test_hostile_values_in_every_field_of_the_route_api_are_refused(world):
    """Each field of the planner's request at 10,000 characters, and each number at 10**30: 422, in JSON."""
    skill = Role.objects.get(slug=EDO).role_skills.select_related("skill").first().skill.slug
    valid = {"target": EDO, "current_role": "operations-manager", "months_in_role": 12, "ratings": {skill: 2}}
    assert send(world.clients["anonymous"], "post", "/api/v1/route", valid, content_type="application/json")[0].status_code == 200
    bodies = {f"{name}: 10,000 characters": {**valid, name: LONG} for name in RouteRequest.model_fields}
    bodies |= {f"{name}: 10**30": {**valid, name: 10**30} for name in ("months_in_role", "months_since_left")}
    bodies |= {f"experience_months.{area}: 10**30": {**valid, "experience_months": {area: 10**30}} for area in AREA_OF_FIELD}
    bodies |= {
        "a rating of 10**30": {**valid, "ratings": {skill: 10**30}},
        "a skill of 10,000 characters": {**valid, "ratings": {LONG: 2}},
        "a circumstance of 10,000 characters": {**valid, "circumstances": [LONG]},
    }
    failures = []
    for what, body in bodies.items():
        response, written = send(world.clients["anonymous"], "post", "/api/v1/route", body, content_type="application/json")
        if not answered(response) or response.status_code != 422 or written or not response.json().get("detail"):
            failures.append(f"{what}: {outcome(response)} {written}")
    assert not failures, "\n".join(failures)
