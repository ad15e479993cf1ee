"""gunicorn's access log keeps no answers: a what-if's answers travel in its query string and its referrer."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

ROOT = Path(__file__).resolve().parents[2]


def test_an_access_log_line_has_the_path_without_the_answers():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", settings["access_log_format"])
    answers = "degree_level=master&years_operations=7&skill_12=4"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/assessment/2b1c/what-if/?{answers}",
        "PATH_INFO": "/assessment/2b1c/what-if/",
        "QUERY_STRING": answers,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.4",
        "HTTP_REFERER": f"https://careerpath.example.org/assessment/2b1c/what-if/?{answers}",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    atoms = Logger(config).atoms(response, request, environ, timedelta(milliseconds=90))
    line = config.access_log_format % SafeAtoms(atoms)
    assert "/assessment/2b1c/what-if/" in line and "200" in line
    assert "years_operations" not in line and "skill_12" not in line
