from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, path) -> int:
    """The queries a page makes, the page answering 200."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)
