"""Examples in the OpenAPI document: for each operation, a request and the answer the curated content gives it
(`make run`'s content, in English, each list of objects cut to its first item), kept in api_examples.json.

tests/careerpath/test_api_examples.py checks that each kept answer still has the shape of the real one and of its
schema; `CAREERPATH_WRITE_API_EXAMPLES=1` on that test writes them again after a change of the answers' shape.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("api_examples.json")
EXAMPLE_HOST = "careerpath.example"

# operationId → the request the example shows: its path parameters, its query, its body.
REQUESTS: dict[str, dict[str, Any]] = {
    "api_root": {},
    "list_roles": {"query": {"q": "operations", "page_size": 2}},
    "role_detail": {"path": {"slug": "operations-manager"}},
    "role_neighbours": {"path": {"slug": "operations-manager"}},
    "compare": {"query": {"roles": ["operations-manager", "chief-operating-officer"]}},
    "list_skills": {"query": {"origin": "written", "page_size": 2}},
    "list_degrees": {},
    "list_experience_areas": {},
    "route": {
        "body": {
            "target": "chief-operating-officer",
            "current_role": "operations-supervisor",
            "months_in_role": 18,
            "degree_level": "bachelor",
            "degree_field": "operations",
            "experience_months": {"operations": 36, "people": 24},
            "ratings": {"team-leadership": 3, "daily-supervision": 4, "continuous-improvement": 2},
        }
    },
}


def trimmed(answer: Any) -> Any:
    """The answer with each list of objects cut to its first item: an example of every field, not of every row."""
    if isinstance(answer, dict):
        return {key: trimmed(value) for key, value in answer.items()}
    if isinstance(answer, list):
        items = answer[:1] if answer and isinstance(answer[0], dict) else answer
        return [trimmed(item) for item in items]
    return answer


@cache
def kept_answers() -> dict[str, Any]:
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


def declare_examples(schema: dict) -> dict:
    """Each operation's example request (its parameters, its body) and answer, where the document shows them."""
    answers = kept_answers()
    for operations in schema["paths"].values():
        for operation in operations.values():
            name = operation["operationId"]
            request = REQUESTS.get(name, {})
            values = {**request.get("path", {}), **request.get("query", {})}
            for parameter in operation.get("parameters", []):
                if parameter["name"] in values:
                    parameter["example"] = values[parameter["name"]]
            if "body" in request:
                operation["requestBody"]["content"]["application/json"]["example"] = request["body"]
            if name in answers:
                operation["responses"][200]["content"]["application/json"]["example"] = answers[name]
    return schema
