"""`make screenshots`: PNGs of the main pages, at a desktop and a phone width, in French and English.

On a throw-away SQLite database: migrate, load the content, collect the static files, start gunicorn
with production settings on a free port (as `make bench` does), save a result through the assessment
form (and another without a degree, whose routes go through one), make the first a plan with two
steps ticked, then open each page in headless
Chromium (Debian's, through Playwright) and save a full-page screenshot as
screenshots/<page>-<language>-<width>.png. A page that answers 404 (one not built yet) is skipped with
a note. Names on the command line (`tools/screenshots.py result what-if`) keep only those pages.
Each step and each page is printed as it goes, with the seconds since the start.
"""

import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from shutil import which

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402  (the project's packages come from the root once it is on the path)
    COMPARED,
    assessment_request,
    database,
    free_port,
    gunicorn,
    manage,
    plan_path,
    production_env,
    result_path,
    what_if_path,
)

OUT = ROOT / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}
LANGUAGES = {"fr": "", "en": "/en"}
CHROMIUM = which("chromium") or "/usr/bin/chromium"


def without_degree(post: tuple[str, str, dict]) -> tuple[str, str, dict]:
    """The same assessment from someone with no degree yet: their routes go through one."""
    path, body, headers = post
    fields = {**dict(urllib.parse.parse_qsl(body)), "degree_level": "", "degree_field": ""}
    return path, urllib.parse.urlencode(fields), headers


# Pages captured a second time as they print (the print stylesheet: folded sections open, the private link in full).
PRINTED = {"result-printed", "plan-printed"}


def pages(result: str, what_if: str, no_degree: str, plan: str) -> list[tuple[str, str]]:
    """(name, path in French) of every page to capture."""
    return [
        ("home", "/"),
        ("map", "/roles/map/"),
        ("roles", "/roles/"),
        ("profile-coo", "/roles/chief-operating-officer/"),
        ("profile-edo", "/roles/executive-director-of-operations/"),
        ("compare", "/compare/?" + "&".join(f"roles={slug}" for slug in COMPARED)),
        ("assessment", "/assessment/?target=executive-director-of-operations"),
        ("result", result),
        ("result-no-degree", no_degree),
        ("what-if", what_if),
        ("plan-start", f"{no_degree}plan/"),
        ("plan", plan),
        ("result-printed", result),
        ("plan-printed", plan),
    ]


def main(only: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()

    def say(what: str) -> None:
        print(f"{time.perf_counter() - started:6.1f} s  {what}", flush=True)

    OUT.mkdir(exist_ok=True)
    with database("sqlite") as url, tempfile.TemporaryDirectory() as cache:
        env = {**production_env(url), "DJANGO_CACHE_DIR": cache}
        for command in (["migrate", "--no-input"], ["load_content"], ["collectstatic", "--no-input"]):
            say(f"manage.py {command[0]}…")
            manage(env, *command)
        say("starting gunicorn, saving the results and the plan the pages show…")
        with gunicorn(env, free_port()) as (base, _server), sync_playwright() as playwright:
            post = assessment_request(base)
            result = result_path(base, post)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            written = 0
            plan = plan_path(base, result, post)  # the quickest route, two steps ticked
            for name, path in pages(result, what_if_path(result, post), result_path(base, without_degree(post)), plan):
                if only and name not in only:
                    continue
                for language, prefix in LANGUAGES.items():
                    for label, width in WIDTHS.items():
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        page.emulate_media(media="print" if name in PRINTED else "screen")
                        response = page.goto(base + prefix + path, wait_until="networkidle")
                        if response.status == 404:
                            say(f"skipped {name} ({language}, {label}): {prefix + path} answers 404")
                        else:
                            shot = OUT / f"{name}-{language}-{label}.png"
                            page.screenshot(path=str(shot), full_page=True)
                            written += 1
                            say(f"{shot.relative_to(ROOT)}")
                        page.close()
            browser.close()
    say(f"{written} screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
