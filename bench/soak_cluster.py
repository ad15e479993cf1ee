"""`make soak` on make cluster's set-up (tools/cluster.py): haproxy, two gunicorn instances, Redis, PostgreSQL.

For SOAK_SECONDS (60) at 32 connections: pages, assessment POSTs, plan changes (a share made, each with a name of
its own) and, on two of the connections, the plan's PDF every PDF_EVERY seconds; one instance killed with SIGKILL a
quarter of the way and started again ten seconds later, Redis stopped at the half and started again five seconds later (empty: it
holds nothing that cannot be lost), the task worker killed and started again at three quarters when there is one.
Twice: the rate limits lifted (DJANGO_RATELIMITS=0), so that thousands of writes cross the kill and the restarts;
then the limits on (LIMITS), to show them exact. Each run checks that every write answered as saved is in the
database and that every PDF the worker was given is delivered once it is back (in the first run each PDF follows a
note on the plan, so each is a page not drawn yet), and exits non-zero on any 500, a write answered as saved but
missing, a PDF never delivered, a 503 while nothing the page needs was away, or a 502 outside the moment the
instance was killed (the requests it was answering).
"""

import collections
import http.client
import json
import os
import re
import threading
import time
import urllib.parse

from bench.run import assessment_request, manage, plan_path, result_path
from bench.soak import PUBLIC_PAGES
from tools.cluster import cluster

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = 32
PDF_CONNECTIONS = 2  # a PDF takes a worker most of a second: two connections ask for them, one after the other
PDF_EVERY = 4.0  # seconds between two PDFs a connection asks for: on two cores, the worker's drawing takes from the rest
INSTANCE_DOWN_SECONDS = 10
REDIS_DOWN_SECONDS = 5
GRACE = 3.0  # seconds after an event during which its 502s and 503s may still be on their way
# The second run's limits, an hour each: assessments as deployed; plans (300) and PDFs (30) lowered so that a run
# reaches them in each life of Redis even on a busy machine (a few hundred requests a second at best here).
LIMITS = {"assessments": 20, "plans": 50, "pdfs": 2}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_class = collections.Counter()
        self.by_status = collections.Counter()
        self.dropped = 0
        self.saved = {"assessment": [], "share": [], "pdf": []}  # (when, what) answered as saved or delivered
        self.pdfs_waited_for: set[str] = set()  # the waiting pages of PDFs given to the worker to draw
        self.unsure = collections.Counter()  # writes whose answer never came: saved or not, nobody was told
        self.misplaced = []  # (status, when) outside the windows where it may happen
        self.windows = {502: [], 503: []}  # [start, end] where that status may answer
        self.refused = collections.defaultdict(list)  # kind: when a 429 answered it
        self.why = collections.Counter()  # what the 5xx out of place answered

    def allowed(self, status: int, at: float) -> bool:
        if status not in self.windows:
            return status < 500
        return any(start <= at <= end + GRACE for start, end in self.windows[status])

    def count(self, kind: str, status: int, at: float, saved: str, answered_by: str) -> None:
        with self.lock:
            self.by_class[f"{status // 100}xx"] += 1
            self.by_status[status] += 1
            if status in (200, 303) and saved:
                self.saved[kind].append((at, saved))
            if status == 429:
                self.refused[kind].append(at)
            if status >= 500:
                if kind in ("assessment", "share"):
                    self.unsure[kind] += status == 502
                if not self.allowed(status, at):
                    self.misplaced.append((status, round(at, 1)))
                    self.why[f"{status} to a {kind} request, from {answered_by}"] += 1


def share_body(token: str, number: str) -> str:
    return urllib.parse.urlencode({"csrfmiddlewaretoken": token, "days": 30, "name": f"soak {number}"})


def note_body(token: str, number: str) -> str:
    return urllib.parse.urlencode({"csrfmiddlewaretoken": token, "step": 1, "text": f"soak {number}"})


def client(port: int, load: list[dict], tally: Tally, until: float, number: int) -> None:
    plan = load[number % len(load)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    rotation = [("page", "GET", page, None) for page in plan["pages"]]
    rotation += [("assessment", "POST", plan["post"], plan["body"])] * plan["assessments_per_turn"]
    rotation += [("share", "POST", plan["shares"], None)]
    if number < PDF_CONNECTIONS:
        rotation.append(("pdf", "GET", plan["pdf"], None))
    turn, last_pdf = number, -PDF_EVERY
    while time.monotonic() < until:
        kind, method, path, body = rotation[turn % len(rotation)]
        turn += 1
        name = f"{number}-{turn}"
        if kind == "pdf":
            if time.monotonic() - last_pdf < PDF_EVERY:
                continue
            last_pdf = time.monotonic()
        if kind == "share":
            body = share_body(plan["token"], name)
        try:
            if kind == "pdf" and plan["new_pdfs"]:  # a note on the plan first: a page the worker has not drawn yet
                connection.request("POST", plan["notes"], body=note_body(plan["token"], name), headers=plan["headers"])
                connection.getresponse().read()
            connection.request(method, path, body=body, headers=plan["headers"] if method == "POST" else {})
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            with tally.lock:
                tally.dropped += 1
                tally.unsure[kind] += kind in ("assessment", "share")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        location = re.search(r"/assessment/([0-9a-f-]{36})/", response.getheader("Location") or "")
        if kind == "pdf" and response.status == 303:
            with tally.lock:
                tally.pdfs_waited_for.add(response.getheader("Location"))
        saved = {
            "assessment": location.group(1) if location and response.status == 303 else "",
            "share": f"soak {name}",
            "pdf": "pdf" if content.startswith(b"%PDF") else "given to the worker" if response.status == 303 else "",
            "page": "",
        }[kind]
        # The site's own 503 says when to retry; haproxy's answers do not.
        answered_by = "the site" if response.getheader("Retry-After") else f"haproxy ({content[:60]!r})"
        tally.count(kind, response.status, time.monotonic(), saved, answered_by)


def in_database(env: dict) -> dict:
    script = (
        "import json; from pathways.models import Assessment; from plans.models import Share; "
        "print(json.dumps({'assessment': [str(pk) for pk in Assessment.objects.values_list('pk', flat=True)], "
        "'share': list(Share.objects.values_list('name', flat=True))}))"
    )
    return {kind: set(values) for kind, values in json.loads(manage(env, "shell", "--no-imports", "-c", script)).items()}


def the_load(base: str, people: int) -> list[dict]:
    """What the clients send, as `people` people: each connection is one of them (a person's plan changed by thousands
    of shares would be no one's)."""
    return [one_person(base) for _ in range(people)]


def one_person(base: str) -> dict:
    """What one person sends: an assessment POST (with their CSRF token), the result it made turned into a plan."""
    post = assessment_request(base)
    result = result_path(base, post)
    plan = plan_path(base, result, post)
    path, body, headers = post
    pages = [*PUBLIC_PAGES, result, plan, "/healthz"]
    token = dict(urllib.parse.parse_qsl(body))["csrfmiddlewaretoken"]
    return {
        "pages": pages,
        "post": path,
        "body": body,
        "headers": headers,
        "token": token,
        "shares": f"{plan}shares/",
        "notes": f"{plan}note/",
        "pdf": f"{plan}pdf/",
        "set_up": {"assessments": 1, "plans": 3},  # the result opened, the plan made and two of its steps ticked
    }


def run_once(limits_lifted: bool) -> dict:
    """One soak on a fresh cluster; what it measured."""
    extra = (
        {"DJANGO_RATELIMITS": "0"}
        if limits_lifted
        else {f"DJANGO_RATELIMIT_{group.upper()}": f"{limit}/h" for group, limit in LIMITS.items()}
    )
    with cluster(**extra) as running:
        base = running.address
        port = int(base.rsplit(":", 1)[1])
        # Without limits, as many people as connections, and each PDF asked for is of a plan just changed (a note), so
        # that the worker draws every one; with them, one person, whose every request counts towards the same limits.
        load = the_load(base, CONNECTIONS if limits_lifted else 1)
        for person in load:
            person["new_pdfs"] = limits_lifted
            # Writes weigh more without the limits: three assessments for each share (each share changes the plan,
            # whose page, next asked for, is drawn again: 50 ms of a core).
            person["assessments_per_turn"] = 3 if limits_lifted else 1
        before = in_database(running.env)
        tally = Tally()
        start = time.monotonic()
        until = start + SECONDS
        threads = [threading.Thread(target=client, args=(port, load, tally, until, n)) for n in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        events = disrupt(running, tally, start)
        for thread in threads:
            thread.join()
        after = in_database(running.env)
        waited = time.monotonic()
        undelivered = pdfs_not_delivered(port, tally.pdfs_waited_for)
        drained = time.monotonic() - waited
    return {
        "tally": tally,
        "events": events,
        "before": before,
        "after": after,
        "load": load,
        "start": start,
        "undelivered": undelivered,
        "drained": drained,
    }


PDF_WAIT_SECONDS = 180  # for the worker to draw what was left, a task of the killed worker's after its lease


def pdfs_not_delivered(port: int, waiting_pages: set[str]) -> list[str]:
    """The PDFs asked for during the load that the worker has not drawn within PDF_WAIT_SECONDS of its end: each
    waiting page's file asked for until it is a PDF, as a reader's browser does."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    left = sorted(waiting_pages)
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while left and time.monotonic() < deadline:
        still = []
        for page in left:
            connection.request("GET", f"{page}file/")
            response = connection.getresponse()
            if not response.read().startswith(b"%PDF"):
                still.append(page)
        left = still
        time.sleep(1 if left else 0)
    return left


def at(start: float, seconds: float) -> None:
    time.sleep(max(0.0, start + seconds - time.monotonic()))


def disrupt(running, tally: Tally, start: float) -> list[str]:
    """The instance killed and started again, Redis restarted, the worker killed and started again."""
    events = []
    at(start, SECONDS / 4)
    killed = time.monotonic()
    running.kill_web(0)
    tally.windows[502].append([killed, killed])
    at(start, SECONDS / 4 + INSTANCE_DOWN_SECONDS)
    running.start_web(0, wait=False)  # haproxy sends it requests again once its /healthz answers
    events.append(f"instance 1 killed with SIGKILL at {killed - start:.0f} s, started again at {time.monotonic() - start:.0f} s")
    at(start, SECONDS / 2)
    window = [time.monotonic(), float("inf")]
    tally.windows[503].append(window)
    running.stop_redis()
    time.sleep(REDIS_DOWN_SECONDS)
    running.start_redis()
    window[1] = time.monotonic()
    events.append(f"Redis stopped at {window[0] - start:.0f} s, started again (empty) at {window[1] - start:.0f} s")
    if running.worker is not None:
        at(start, SECONDS * 3 / 4)
        command = " ".join(running.worker.args)
        running.kill_worker()
        time.sleep(REDIS_DOWN_SECONDS)
        running.start_worker(command)
        events.append(f"the task worker killed with SIGKILL at {SECONDS * 3 / 4:.0f} s and started again")
    else:
        events.append("no task worker yet (CLUSTER_WORKER is empty): none killed")
    return events


def lives_of_redis(run: dict) -> tuple[float, float]:
    """When Redis stopped and when it was back: its two lives, the counts of each kept apart."""
    stopped, back = run["tally"].windows[503][0]
    return stopped, back


def limits_shown(run: dict) -> tuple[list[str], bool]:
    """Each limit's count in each life of Redis: never over it, and exactly it where a 429 shows it was reached."""
    tally, stopped, back = run["tally"], *lives_of_redis(run)
    lines, exact = [], True
    for kind, group in [("assessment", "assessments"), ("share", "plans"), ("pdf", "pdfs")]:
        limit, set_up = LIMITS[group], run["load"][0]["set_up"].get(group, 0)
        counts = []
        for life, (begin, end) in enumerate([(0, stopped), (back, float("inf"))]):
            through = sum(begin <= when < end for when, _what in tally.saved[kind]) + (set_up if life == 0 else 0)
            reached = any(begin <= when < end for when in tally.refused[kind])
            exact &= through == limit if reached else through <= limit
            counts.append(f"{through}{' (limit reached)' if reached else ''}")
        lines.append(f"    {group} ({limit}/h): {counts[0]} before the Redis restart, {counts[1]} after")
    return lines, exact


def report(run: dict, limits_lifted: bool) -> bool:
    tally, before, after = run["tally"], run["before"], run["after"]
    total = sum(tally.by_class.values())
    stopped, back = lives_of_redis(run)
    print(
        f"careerpath soak on the cluster — {time.strftime('%Y-%m-%d %H:%M %Z')} — haproxy, 2 instances of gunicorn "
        f"(2 workers each), PostgreSQL, Redis, {CONNECTIONS} connections, {SECONDS} s, rate limits "
        + ("lifted (DJANGO_RATELIMITS=0)" if limits_lifted else "on (assessments 20/h as deployed, plans 50/h, PDFs 2/h)")
    )
    for event in run["events"]:
        print(f"  {event}")
    print(f"  requests answered: {total} ({total / SECONDS:.0f}/s); connections dropped: {tally.dropped}")
    print("  by status class: " + ", ".join(f"{key} {tally.by_class[key]}" for key in sorted(tally.by_class)))
    misplaced = collections.Counter(status for status, _when in tally.misplaced)
    print(
        f"  429: {tally.by_status[429]}, 500: {tally.by_status[500]}, "
        f"502: {tally.by_status[502]} (after the kill: {tally.by_status[502] - misplaced[502]}), "
        f"503: {tally.by_status[503]} (while Redis was away, {back - stopped:.0f} s: {tally.by_status[503] - misplaced[503]}); "
        f"other 5xx out of place: {sum(misplaced.values()) - misplaced[502] - misplaced[503]}"
    )
    for why, times in tally.why.most_common(5):
        print(f"    out of place: {times} × {why}")
    lost = 0
    for kind in ("assessment", "share"):
        answered = {what for _when, what in tally.saved[kind]}
        missing = answered - after[kind]
        new = after[kind] - before[kind]
        unexplained = len(new - answered) > tally.unsure[kind]
        lost += len(missing) + unexplained
        print(
            f"  {kind}s answered as saved: {len(answered)}; in the database: {len(answered & after[kind])} "
            f"(missing: {len(missing)}); saved without an answer (cut off with the instance): "
            f"{len(new - answered)} of {tally.unsure[kind]} unanswered"
        )
    waited_for, undelivered = len(tally.pdfs_waited_for), run["undelivered"]
    print(
        f"  PDFs: {sum(what == 'pdf' for _when, what in tally.saved['pdf'])} sent at once (drawn before); {waited_for} "
        "given to the worker, of which "
        f"{waited_for - len(undelivered)} delivered ({len(undelivered)} not), the last {run['drained']:.0f} s after the load"
    )
    lost += len(undelivered)
    exact = True
    if not limits_lifted:
        lines, exact = limits_shown(run)
        print("  let through per address, per life of Redis (a restart forgets the counts):")
        print("\n".join(lines))
    failed = tally.by_status[500] or tally.misplaced or lost or not exact
    print(
        "FAILED"
        if failed
        else "passed: no 500, no write lost, every PDF delivered, 502s only as the instance was killed, 503s only while "
        "Redis was away" + ("" if limits_lifted else ", every limit exact")
    )
    return not failed


def soak_the_cluster() -> int:
    passed = True
    for limits_lifted in (True, False):
        passed &= report(run_once(limits_lifted), limits_lifted)
        print(flush=True)
    return 0 if passed else 1
