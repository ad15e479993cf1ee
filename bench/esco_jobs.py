"""Starting from an ESCO job, timed on a database holding ESCO's real downloads (run by `make bench` after its real
import, or alone: `DATABASE_URL=… .venv/bin/python bench/esco_jobs.py`): an imported profile with its related jobs,
made from nothing (a fresh process, nothing kept) and then kept; a person's result from an ESCO job, the first (the
catalogue and the job's bridges read) and then as every later one. Prints milliseconds; medians of 7."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 7
# ESCO's labels of jobs people come to operations from; the first one imported is timed.
JOBS = ["production supervisor", "warehouse manager", "call centre manager", "logistics and distribution manager"]
TARGET = "chief-operating-officer"


def milliseconds(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median_of(action) -> float:
    return statistics.median(milliseconds(action) for _ in range(RUNS))


def report() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
    os.environ.setdefault("DJANGO_CACHE_DIR", tempfile.mkdtemp(prefix="careerpath-bench-cache."))
    import django

    django.setup()
    from django.test import Client

    from pathways.assessments import Answers
    from pathways.bridges import bridges_from
    from roles.models import Neighbour, Role

    job = Role.objects.filter(title_en__in=JOBS, neighbours__isnull=False).distinct().first()
    if job is None:
        return "  ESCO jobs: skipped, no imported occupation with related jobs\n"
    client = Client(HTTP_HOST="localhost")
    path = job.get_absolute_url()
    first_page = milliseconds(lambda: client.get(path))
    kept_page = median_of(lambda: client.get(path))
    target = Role.objects.with_skills().get(slug=TARGET)
    answers = Answers(
        target=target,
        situation="role",
        current_role=job,
        degree_level="bachelor",
        degree_field="business-management",
        experience_months={"operations": 48, "people": 24},
        circumstances=[],
        preferred_sector="both",
        preferred_scale=None,
        ratings={need.skill_id: 3 for need in target.role_skills.all() if need.required_level},
        months_in_role=48,
    )
    first_route = milliseconds(answers.result)
    route = median_of(answers.result)
    bridges = bridges_from(job.pk)
    return (
        f"  imported profile with its {Neighbour.objects.filter(origin=job).count()} related jobs "
        f"({job.title_en}): made from nothing {first_page:.0f} ms, kept {kept_page:.1f} ms\n"
        f"  result from that job toward the COO ({len(bridges)} bridges into the ladder): first {first_route:.0f} ms "
        f"(catalogue and bridges read), then {route:.0f} ms\n"
    )


if __name__ == "__main__":
    print(report(), end="")
