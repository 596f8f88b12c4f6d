"""`make bench`: build the data sets, measure, and write docs/benchmarks.md.

Each benchmark runs beside its baseline in the same run. The run exits non-zero when a
benchmark could not run, never because a number is slow.

``python -m bench volunteers`` (names of steps) runs those steps only and prints
their results as JSON, leaving docs/benchmarks.md as it is.
"""

import json
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from bench import http, report, weight
from bench.pages import BASELINE, pages_for

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
SCALE_DB = f"sqlite:///{VAR / 'bench.sqlite3'}"
SMALL_DB = f"sqlite:///{VAR / 'bench-small.sqlite3'}"
INSIGHTS_DB = f"sqlite:///{VAR / 'bench-insights.sqlite3'}"
INSIGHTS_PG = os.environ.get(
    "BENCH_INSIGHTS_PG_URL", "postgres://postgres@127.0.0.1:5432/lms_bench_insights"
)
INSIGHTS_DATA = ["make_scale_data", "--students", "5000", "--lessons", "60"]
QUEUE_DB = os.environ.get(
    "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/lms_bench"
)
VOLUNTEERS_PG = os.environ.get(
    "BENCH_VOLUNTEERS_PG_URL",
    "postgres://postgres@127.0.0.1:5432/lms_bench_volunteers",
)


def main(only: list[str] | None = None) -> int:
    started = time.monotonic()
    results: dict = {}
    failures: list[str] = []
    steps = steps_to_run(only)
    for name, step in steps:
        print(f"== {name}", flush=True)
        try:
            results[name] = step()
        except Exception:
            failures.append(f"{name}: {traceback.format_exc()}")
            print(failures[-1], file=sys.stderr, flush=True)
    if only:
        print(json.dumps(results, indent=2, default=str))
        return 1 if failures else 0
    report.write(results, failures, time.monotonic() - started)
    print(f"Wrote docs/benchmarks.md in {time.monotonic() - started:.0f} s.")
    return 1 if failures else 0


def steps_to_run(only: list[str] | None) -> list:
    steps = [
        ("data", build_data),
        ("queries", count_queries),
        ("http", load_pages),
        ("quiz", end_of_quiz),
        ("certificates", certificate_sweep),
        ("insights", insights_pages),
        ("live", live_classroom),
        ("queue", drain_queue),
        ("volunteers", shift_sign_up_race),
    ]
    if not only:
        return steps
    unknown = set(only) - {name for name, _step in steps}
    if unknown:
        raise SystemExit(f"No such bench step: {', '.join(sorted(unknown))}")
    return [(name, step) for name, step in steps if name in only]


def build_data() -> dict:
    """The small data set (the demo) and the scale one, reused when present."""
    VAR.mkdir(exist_ok=True)
    timings = {}
    for label, url, commands in (
        ("small", SMALL_DB, [["load_demo"]]),
        (
            "scale",
            SCALE_DB,
            [
                ["load_demo"],
                ["make_scale_data", "--students", "10000", "--lessons", "200"],
            ],
        ),
    ):
        began = time.monotonic()
        manage(["migrate", "--noinput", "-v", "0"], url)
        for command in commands:
            manage(command, url)
        timings[label] = round(time.monotonic() - began, 1)
    return timings


def count_queries() -> dict:
    counts = {}
    for label, url in (("small", SMALL_DB), ("scale", SCALE_DB)):
        output = run([sys.executable, "-m", "bench.queries", label], url)
        counts[label] = json.loads(output.splitlines()[-1])
    return counts


def load_pages() -> list:
    cookie = (
        run([sys.executable, "-m", "bench.session"], SCALE_DB).strip().splitlines()[-1]
    )
    server = http.serve(env={"BENCH_DATABASE_URL": SCALE_DB})
    try:
        measurements = http.measure([BASELINE, *pages_for(scale=True)], cookie)
        return {"load": measurements, "weight": weight.measure(cookie)}
    finally:
        http.stop(server)


def end_of_quiz() -> dict:
    from bench import quiz_burst

    output = run([sys.executable, "-m", "bench.quiz_burst", "setup"], SCALE_DB)
    prepared_file = VAR / "quiz-burst.json"
    prepared_file.write_text(output.splitlines()[-1], encoding="utf-8")
    prepared = json.loads(prepared_file.read_text(encoding="utf-8"))
    server = http.serve(env={"BENCH_DATABASE_URL": SCALE_DB})
    try:
        measured = quiz_burst.burst(http.PORT, prepared)
    finally:
        http.stop(server)
    checks = run(
        [sys.executable, "-m", "bench.quiz_burst", "verify", str(prepared_file)],
        SCALE_DB,
    )
    return {**measured, "checks": json.loads(checks.splitlines()[-1])}


def certificate_sweep() -> dict:
    output = run([sys.executable, "-m", "bench.certificates"], SCALE_DB)
    return json.loads(output.splitlines()[-1])


def insights_pages() -> dict:
    """The insights pages at 5,000 learners, on SQLite and on PostgreSQL."""
    results = {}
    for label, url in (("sqlite", INSIGHTS_DB), ("postgresql", INSIGHTS_PG)):
        if label == "postgresql":
            _create_postgres_database(url)
        began = time.monotonic()
        manage(["migrate", "--noinput", "-v", "0"], url)
        manage(["load_demo"], url)
        manage(INSIGHTS_DATA, url)
        output = run([sys.executable, "-m", "bench.insights"], url)
        results[label] = json.loads(output.splitlines()[-1])
        results[label]["data_s"] = round(time.monotonic() - began, 1)
    return results


def live_classroom(students: int = 500) -> dict:
    """Broadcasts to a class of 500: raw server, daphne alone, two daphnes + Redis."""
    from bench import live

    output = run([sys.executable, "-m", "bench.live", "setup", str(students)], SCALE_DB)
    prepared = json.loads(output.splitlines()[-1])
    path = f"/ws/live/{prepared['session']}/"
    results = {}

    port = http.PORT + 10
    raw = subprocess.Popen(
        [sys.executable, "-m", "bench.live", "raw", str(port)], cwd=ROOT
    )
    try:
        live.wait_for_port(port)
        url = f"ws://127.0.0.1:{port}/"
        results["raw"] = _live_run(
            [raw.pid], [(url, {})] * students, (url, {}), daphne=False
        )
    finally:
        raw.kill()
        raw.wait()

    def target(port, key):
        origin = f"http://127.0.0.1:{port}"
        headers = {"Cookie": f"sessionid={key}", "Origin": origin}
        return (f"ws://127.0.0.1:{port}{path}", headers)

    env = {"BENCH_DATABASE_URL": SCALE_DB}
    server = http.serve(port, env)
    try:
        results["daphne"] = _live_run(
            [server.pid],
            [target(port, key) for key in prepared["students"]],
            target(port, prepared["trainer"]),
            daphne=True,
        )
    finally:
        server.kill()
        server.wait()

    # Several processes share a database in production: PostgreSQL, as there.
    _create_postgres_database(QUEUE_DB)
    manage(["migrate", "--noinput", "-v", "0"], QUEUE_DB)
    manage(["load_demo"], QUEUE_DB)
    output = run([sys.executable, "-m", "bench.live", "setup", str(students)], QUEUE_DB)
    prepared = json.loads(output.splitlines()[-1])
    path = f"/ws/live/{prepared['session']}/"
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    env = {"BENCH_DATABASE_URL": QUEUE_DB, "REDIS_URL": redis_url}
    ports = [port, port + 1]
    servers = [http.serve(p, env) for p in ports]
    try:
        results["redis"] = _live_run(
            [server.pid for server in servers],
            [target(ports[n % 2], key) for n, key in enumerate(prepared["students"])],
            target(ports[0], prepared["trainer"]),
            daphne=True,
        )
    finally:
        for server in servers:
            server.kill()
            server.wait()
    return results


def _live_run(pids, targets, sender, daphne) -> dict:
    """Measure, and add the server processes' memory and CPU (all of them)."""
    from bench import live

    idle = live.process_usage(pids)
    measured = live.measure(targets, sender, daphne)
    busy = live.process_usage(pids)
    deliveries = measured["burst"]["deliveries"] + measured["clients"] * (
        live.RATE_PER_SECOND * live.RATE_SECONDS
    )
    measured["rss_kib_per_client"] = round(
        (busy["rss_kib"] - idle["rss_kib"]) / max(len(targets), 1), 1
    )
    measured["cpu_us_per_delivery"] = round(
        (busy["cpu_s"] - idle["cpu_s"]) * 1e6 / max(deliveries, 1), 1
    )
    return measured


def drain_queue() -> dict:
    _create_postgres_database(QUEUE_DB)
    manage(["migrate", "--noinput", "-v", "0"], QUEUE_DB)
    output = run([sys.executable, "-m", "bench.queue"], QUEUE_DB)
    return json.loads(output.splitlines()[-1])


def shift_sign_up_race() -> dict:
    """200 volunteers racing for 20 places of one shift, on PostgreSQL."""
    _create_postgres_database(VOLUNTEERS_PG)
    manage(["migrate", "--noinput", "-v", "0"], VOLUNTEERS_PG)
    output = run([sys.executable, "-m", "bench.volunteers"], VOLUNTEERS_PG)
    return json.loads(output.splitlines()[-1])


def manage(arguments: list[str], database_url: str) -> str:
    return run([sys.executable, "manage.py", *arguments], database_url)


def run(command: list[str], database_url: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.bench",
        "BENCH_DATABASE_URL": database_url,
    }
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _create_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(
        server.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
