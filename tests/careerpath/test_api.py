import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# What no schema can say: which slugs name a skill or a role today (the content decides). A request the schema
# accepts may name one that does not exist, and is refused for that alone; refused for anything else, the schema lied.
NAMES_UNKNOWN_TO_THE_CONTENT = {"unknown_skill", "unknown_role"}


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_response_conforms_to_the_schema_and_none_is_a_server_error(api_ready, case):
    # call_and_validate checks the status is not 5xx and the response matches the schema; a schema-valid request
    # is accepted unless it names something the content does not have.
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    if case.meta.generation.mode.is_positive and response.status_code in (400, 422):
        codes = {error["code"] for error in response.json()["errors"]}
        assert codes <= NAMES_UNKNOWN_TO_THE_CONTENT, (response.status_code, response.json())


def test_the_schema_and_its_documentation_page_are_served(client, content):
    schema_response = client.get("/api/v1/openapi.json")
    assert schema_response.status_code == 200
    paths = schema_response.json()["paths"]
    assert {"/api/v1/roles", "/api/v1/roles/{slug}", "/api/v1/compare", "/api/v1/route"} <= set(paths)
    docs = client.get("/api/v1/docs").content.decode()
    assert "ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_the_document_names_operations_and_schemas_for_people_and_types_its_choices(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = {operation["operationId"] for path in document["paths"].values() for operation in path.values()}
    assert operations == {
        *("api_root", "list_roles", "role_detail", "role_neighbours", "compare", "route"),
        *("list_skills", "list_degrees", "list_experience_areas"),
    }
    schemas = document["components"]["schemas"]
    assert not {"Input", "ListFilters", "CompareQuery"} & set(schemas)  # the server's own models, not the contract
    role, step = schemas["RoleDetail"]["properties"], schemas["StepOut"]["properties"]
    assert schemas["RoleSummary"]["properties"]["origin"]["$ref"] == "#/components/schemas/Origin"
    assert schemas["Origin"]["enum"] == ["written", "imported", "edited"]
    assert schemas["SkillRequirement"]["properties"]["importance"] == {"$ref": "#/components/schemas/Importance"}
    assert step["area"] == {"$ref": "#/components/schemas/ExperienceArea"}
    assert step["kind"] == {"$ref": "#/components/schemas/ExperienceStepKind"} and schemas["ExperienceStepKind"]["enum"]
    assert step["sector"] == {"$ref": "#/components/schemas/Sector"}
    assert schemas["DegreeOut"]["properties"]["kind"]["$ref"] == "#/components/schemas/DegreeKind"
    assert schemas["DegreeKind"]["enum"] == ["typical", "alternative"]
    # An enumeration a request may leave out is the named one, or null: what a generated client calls DegreeLevel.
    asked = schemas["RouteRequest"]["properties"]
    for field, named in (("degree_level", "DegreeLevel"), ("degree_field", "DegreeField"), ("preferred_scale", "Scale")):
        assert asked[field]["anyOf"] == [{"$ref": f"#/components/schemas/{named}"}, {"type": "null"}], field
    assert asked["circumstances"]["items"] == {"$ref": "#/components/schemas/Circumstance"}
    assert schemas["Scale"] == {"enum": [1, 2, 3, 4], "title": "Scale", "type": "integer"}  # no docstring of the code
    assert {"type": "null"} in role["rome_code"]["anyOf"] and {"type": "null"} in step["circumstance"]["anyOf"]


def test_an_empty_value_is_null_not_an_empty_text(client, content):
    coo = client.get("/api/v1/roles/chief-operating-officer").json()
    assert all(step["circumstance"] is None or step["circumstance"] for step in coo["steps"])
    assert any(step["circumstance"] is None for step in coo["steps"])
    answer = client.post("/api/v1/route", {"target": "chief-operating-officer"}, content_type="application/json").json()
    target_step = answer["best"]["steps"][-1]
    assert target_step["kind"] == "target" and target_step["basis"] is None
