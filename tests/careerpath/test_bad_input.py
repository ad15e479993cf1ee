"""Whatever a visitor sends, the answer is a page or a 4xx, never a server error."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

text = st.text(max_size=40)
params = st.dictionaries(
    st.sampled_from(["q", "sector", "scale", "level", "roles", "target", "page", "x"]),
    st.lists(text | st.sampled_from(["chief-operating-officer", "services", "2", "operations-manager"]), max_size=5),
    max_size=4,
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(path=st.sampled_from(["/roles/", "/compare/", "/assessment/", "/en/roles/", "/en/compare/", "/"]), query=params)
@example(path="/compare/", query={"roles": ["\x00"]})  # a NUL byte PostgreSQL refuses in a query, found by this test
def test_query_parameters_never_cause_a_server_error(client, content, path, query):
    assert client.get(path, query).status_code < 500


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "position",
                "degree_level",
                "degree_field",
                "years_operations",
                "years_people",
                "years_customer-service",
                "years_facilities",
                "years_business",
                "preferred_sector",
                "preferred_scale",
                "consent",
                "skill_1",
                "skill_7",
                "skill_99999",
            ]
        ),
        text | st.integers(-(10**12), 10**12).map(str),
        max_size=14,
    ),
    target=st.sampled_from(["executive-director-of-operations", "chief-operating-officer", "nope"]),
)
def test_posted_answers_never_cause_a_server_error(client, content, data, target):
    assert client.post(f"/assessment/?target={target}", data).status_code < 500


@FUZZ
@given(suffix=text)
def test_result_and_delete_addresses_never_cause_a_server_error(client, content, suffix):
    from urllib.parse import quote

    for path in (f"/assessment/{quote(suffix)}/", f"/assessment/{quote(suffix)}/delete/"):
        assert client.get(path).status_code < 500
        assert client.post(path).status_code < 500
