import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from roles.cache import PageCacheMiddleware, cached_page
from roles.models import ContentVersion, Role, RoleSkill, Skill

pytestmark = pytest.mark.django_db

COO = "/roles/chief-operating-officer/"


def queries_for(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response.content.decode()


def test_a_cached_page_costs_one_query(client, content):
    first, page = queries_for(client, COO)
    again, cached = queries_for(client, COO)
    assert first > 5
    assert again == 1  # the content version
    assert cached == page


def test_an_editors_change_shows_at_once(client, content):
    client.get(COO)
    coo = Role.objects.get(slug="chief-operating-officer")
    coo.summary_fr = "Résumé modifié à l’instant."
    coo.save()
    assert "Résumé modifié à l’instant." in client.get(COO).content.decode()


def test_adding_or_removing_a_linked_row_invalidates_too(client, content):
    client.get(COO)
    RoleSkill.objects.filter(role__slug="chief-operating-officer", skill__slug="sustainable-operations").delete()
    assert "Pratiques durables et RSE" not in client.get(COO).content.decode()
    Skill.objects.filter(slug="team-leadership").update(name_fr="x")  # bulk updates bypass signals…
    ContentVersion.objects.filter(pk=1).update(number=999)  # …as does a change from another process
    assert "Leadership d’équipe" not in client.get(COO).content.decode()


def test_error_pages_and_other_languages_are_cached_apart(client, content):
    client.get(COO)
    assert 'lang="en"' in client.get(f"/en{COO}").content.decode()
    assert client.get("/compare/", {"roles": ["chief-operating-officer"]}).status_code == 400
    assert client.get("/compare/", {"roles": ["chief-operating-officer"]}).status_code == 400


def test_a_page_from_the_cache_carries_the_headers_of_the_first(client, content, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    first = client.get("/roles/", secure=True)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/roles/", secure=True)
    assert len(queries) == 1
    assert again.headers == first.headers
    assert "Strict-Transport-Security" in again and "Content-Security-Policy" in again
    assert client.get("/roles/").status_code == 301  # plain HTTP still goes to HTTPS


def test_a_cached_page_is_refused_to_a_host_outside_the_allowed_ones(client, content):
    assert client.get(COO).status_code == 200
    assert client.get(COO, HTTP_HOST="attacker.example").status_code == 400


def test_a_response_made_for_one_visitor_is_never_served_to_another(rf):
    made = []

    @cached_page
    def personal(request):
        made.append(request)
        response = HttpResponse("for this visitor")
        response.set_cookie("visitor", str(len(made)))
        return response

    serve = PageCacheMiddleware(personal)
    assert [serve(rf.get("/page/")).cookies["visitor"].value for _ in range(2)] == ["1", "2"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's; SQLite reads the version")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_cached_page_needs_no_query_and_a_change_from_elsewhere_shows_at_once(client, content):
    client.get(COO)
    again, cached = queries_for(client, COO)
    assert again == 0
    assert "Résumé venu d’ailleurs." not in cached
    # Another process's change: committed on a connection of its own, signals bypassed.
    elsewhere = connection.get_new_connection(connection.get_connection_params())
    elsewhere.autocommit = True
    with elsewhere.cursor() as cursor:
        cursor.execute("UPDATE roles_role SET summary_fr = 'Résumé venu d’ailleurs.' WHERE slug = 'chief-operating-officer'")
        cursor.execute("UPDATE roles_contentversion SET number = number + 1")
    elsewhere.close()
    for _ in range(100):  # the notification travels over the socket: allow it a moment, not a poll interval
        if "Résumé venu d’ailleurs." in client.get(COO).content.decode():
            break
        time.sleep(0.01)
    else:
        pytest.fail("the change never showed")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's; SQLite reads the version")
@pytest.mark.django_db(transaction=True)
def test_behind_a_pooler_that_drops_notifications_cached_pages_read_the_version(client, content, settings):
    settings.PAGE_CACHE_LISTENS = False
    client.get(COO)
    again, _ = queries_for(client, COO)
    assert again == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's; SQLite reads the version")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_lost_listener_reads_the_version_then_listens_again(client, content):
    client.get(COO)  # listening from here on
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with connection.cursor() as cursor:  # the only other session on the test database is the listener's
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")
        for _ in range(100):  # the server ends the session a moment later
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.01)
    # The loss shows within a few polls (the server's farewell comes first): pages are served all
    # along, the request that finds it reads the version itself, and the next one listens again.
    for _ in range(10):
        count, page = queries_for(client, COO)
        assert "Directeur des opérations" in page
        if count:
            break
    assert count == 1
    assert queries_for(client, COO)[0] == 0
