"""docs/benchmarks.md: the machine, the command, and a table per benchmark."""

import os
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench import costs

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
PACKAGES = [
    "Django",
    "wagtail",
    "channels",
    "daphne",
    "django-tasks",
    "django-tasks-db",
]
TARGETS = {
    "home page": 0.8,
    "catalogue": 0.8,
    "catalogue filtered by an SDG": 0.8,
    "course, visitor": 0.8,
    "lesson, visitor": 0.8,
    "lesson, signed-in student": 0.5,
    "course with progress": 0.5,
    "dashboard": 0.5,
}


# The classroom before issue 31 laid it out for phones (one stacked form), measured
# the same way by hand on 2026-12-07: the figure today's row stands beside.
CLASSROOM_BEFORE = ("before issue 31, by hand", "1280 / 1284 / 1288", 33.4)


def write(results: dict, failures: list[str], seconds: float) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`); not run by CI. Every number sits",
        "beside a baseline measured in the same run, on the same machine.",
        "",
        f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds:.0f} s in all",
        f"- Machine: {os.cpu_count()} cores, {_memory()} memory, {platform.platform()}",
        f"- Python {platform.python_version()}; "
        + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
        "",
    ]
    lines += _data(results.get("data"))
    lines += _queries(results.get("queries"))
    lines += _http(results.get("http"))
    lines += costs.LINES if results.get("http") else []
    lines += _weight(results.get("weight"))
    lines += _quiz(results.get("quiz"))
    lines += _certificates(results.get("certificates"))
    lines += _insights(results.get("insights"))
    lines += _live(results.get("live"))
    lines += _queue(results.get("queue"))
    lines += _volunteers(results.get("volunteers"))
    if failures:
        lines += ["## Failures", "", "```", *failures, "```", ""]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")


def _data(timings) -> list[str]:
    if not timings:
        return []
    return [
        "## Data sets",
        "",
        "- small: the demo School (`manage.py load_demo`), `var/bench-small.sqlite3`",
        "- scale: the demo plus 10,000 students in a 200-lesson course with realistic",
        "  completion, a quiz per module taken by all who finished the module, and",
        "  six past live classes with attendance (`manage.py make_scale_data`),",
        "  `var/bench.sqlite3`, and the same in PostgreSQL for the HTTP rows of",
        "  production's configuration",
        f"- built or reused in {timings.get('small')} s, {timings.get('scale')} s and "
        f"{timings.get('scale_postgresql')} s",
        "",
    ]


def _queries(counts) -> list[str]:
    if not counts:
        return []
    small, scale = counts["small"], counts["scale"]
    lines = [
        "## SQL queries per page",
        "",
        "| page | small data set | scale data set | equal |",
        "| --- | ---: | ---: | --- |",
    ]
    for page in small:
        lines.append(
            f"| {page} | {small[page]} | {scale.get(page)} | "
            f"{'yes' if small[page] == scale.get(page) else '**no**'} |"
        )
    return [*lines, ""]


def _http(http) -> list[str]:
    configurations = (http or {}).get("load")
    if not configurations:
        return []
    lines = [
        "## HTTP",
        "",
        "One daphne process on the scale data set, loaded by "
        f"{http.get('generator', 'wrk')}",
        "over loopback after a 2 s warm-up, in two configurations, each beside a",
        "baseline of its own: the embedded default and production's, both with the",
        "connection pool of `lms/settings/connections.py` (one per process).",
        "",
        "Connections: the database connections the daphne process held, counted from",
        "outside it every 0.25 s during the row (PostgreSQL: its rows in",
        "`pg_stat_activity`; SQLite: its open handles to the database file); *end* is",
        "the count once the load stopped, *peak* the most seen. Neither may exceed the",
        "pool's maximum. The pool keeps what it opened for the next requests, so *end*",
        "is what the process holds while idle, until the pool closes idle connections.",
        "",
    ]
    for label, title in (
        ("sqlite", "Embedded default: SQLite, in-memory cache and channel layer"),
        ("postgresql", "Production: PostgreSQL pool, Redis cache and channel layer"),
    ):
        configuration = configurations.get(label)
        if configuration:
            lines += [f"### {title} (pool of {configuration['pool_max']} at most)", ""]
            lines += _http_rows(configuration["rows"])
    return lines


def _http_rows(measurements) -> list[str]:
    baseline = measurements[0].requests_per_second or 1
    lines = [
        "| page | requests/s | p50 ms | p99 ms | errors | × baseline | target "
        "| connections at end | peak connections |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measurements:
        ratio = m.requests_per_second / baseline
        target = TARGETS.get(m.endpoint.name)
        verdict = (
            ""
            if target is None
            else f"{target}× ({'met' if ratio >= target else 'missed'})"
        )
        lines.append(
            f"| {m.endpoint.name} | {m.requests_per_second:.0f} | {m.p50_ms:.1f} | "
            f"{m.p99_ms:.1f} | {m.errors} | {ratio:.2f} | {verdict} | "
            f"{_count(m.connections_end)} | {_count(m.connections_peak)} |"
        )
    return [*lines, ""]


def _count(value) -> str:
    return "" if value is None else str(value)


def _weight(weights) -> list[str]:
    if not weights:
        return []
    lines = [
        "## Page weight on a phone",
        "",
        "Bytes transferred (headers and bodies; daphne does not compress) for a",
        "signed-in student in Chromium at 390 px wide, service worker off, empty",
        "cache except for the next lesson.",
        "",
        "| page | KB | budget KB |",
        "| --- | ---: | ---: |",
    ]
    for label, size, budget in weights["pages"]:
        lines.append(f"| {label} | {size} | {budget} |")
    classroom = weights.get("classroom")
    if classroom:
        paints = " / ".join(str(paint) for paint in classroom["paint_ms"])
        lines += [
            "",
            "### The live classroom's first paint on slow 3G",
            "",
            "A student's classroom at 360 px, empty cache, 400 kbit/s each way and",
            "400 ms round trip (DevTools network emulation); first contentful paint",
            "of each run.",
            "",
            "| classroom | first paint ms | KB | budget |",
            "| --- | --- | ---: | --- |",
            f"| today | {paints} | {classroom['kb']} | 5000 ms, 150 KB |",
            f"| {CLASSROOM_BEFORE[0]} | {CLASSROOM_BEFORE[1]} | {CLASSROOM_BEFORE[2]} "
            "| |",
        ]
    return [*lines, ""]


def _quiz(quiz) -> list[str]:
    if not quiz:
        return []
    baseline = quiz["baseline"]
    checks = quiz["checks"]
    lines = [
        "## The end of a timed quiz",
        "",
        "300 students of the scale data set, each with an open attempt at a",
        "10-question quiz, on one daphne with SQLite (the embedded default). At once:",
        "first each saves its 10 answers one after the other (the page's autosave),",
        "then all submit. The baseline is the minimal view requested by the same 300",
        "clients at once (the submits' shape), and ten times in a row by each (the",
        "saves' shape: a client's p50 then includes waiting behind 299 others). One",
        "connection per request. Targets: saves p50 at most 2× the baseline of their",
        "shape, submits 3×, nothing lost.",
        "",
        "| burst | requests | per second | p50 ms | p99 ms | failed | p50 × baseline "
        "| p50 × same-shape baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    in_a_row = quiz.get("baseline_in_a_row") or baseline
    for name, label, shape in (
        ("baseline", "minimal view (baseline)", baseline),
        ("baseline_in_a_row", "minimal view, ten in a row (baseline)", in_a_row),
        ("saves", "answer saves", in_a_row),
        ("submits", "submits", baseline),
    ):
        row = quiz.get(name)
        if row is None:
            continue
        ratio = row["p50_ms"] / baseline["p50_ms"] if baseline["p50_ms"] else 0
        same = row["p50_ms"] / shape["p50_ms"] if shape["p50_ms"] else 0
        lines.append(
            f"| {label} | {row['requests']} | {row['per_second']} | {row['p50_ms']} | "
            f"{row['p99_ms']} | {row['failed']} | {ratio:.1f} | {same:.1f} |"
        )
    lines += [
        "",
        f"Afterwards: {checks['graded']} of 300 attempts graded, {checks['results']} "
        f"learners with exactly one graded attempt, {checks['answers_kept']} of "
        f"{checks['answers_sent']} answers kept.",
        "",
    ]
    return lines


def _certificates(sweeps) -> list[str]:
    if not sweeps:
        return []
    lines = [
        "## Certificate sweep",
        "",
        "`issue_due(rule)` for a cohort of the scale course (200 lessons, six past",
        "live classes, 50% attendance needed, quizzes not counted), on SQLite. The",
        "first sweep issues every due certificate (each an insert, an audit entry and",
        "a queued email); the second finds nothing new. The baseline reads every tick",
        "of the cohort's students in one query: the least any sweep must do.",
        "",
        "| students | ticks | baseline ms | first sweep ms (issued, queries) | "
        "sweep with nothing due ms (queries) | nothing due × baseline |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sweeps.values():
        first, again = row["first"], row["again"]
        ratio = again["ms"] / row["baseline_ms"] if row["baseline_ms"] else 0
        lines.append(
            f"| {row['students']} | {row['ticks']} | {row['baseline_ms']} | "
            f"{first['ms']} ({first['issued']}, {first['queries']}) | "
            f"{again['ms']} ({again['queries']}) | {ratio:.1f} |"
        )
    lines += [
        "",
        "The sweep with nothing due takes the same number of queries for 100 students",
        "as for 10,000; the first sweep adds a fixed few per certificate it issues.",
        "",
    ]
    return lines


def _insights(runs) -> list[str]:
    if not runs:
        return []
    lines = [
        "## Insights pages at 5,000 learners",
        "",
        "`python -m bench.insights` on the demo plus `make_scale_data --students 5000",
        "--lessons 60` (six modules with a quiz each, answers tagged with GCM",
        "objectives, six months of completions); two cohorts of the scale course, its",
        "first 10 students and all 5,000, with six past classes each. A signed-in",
        "coordinator loads each page through Django's test client; time is the median",
        "of 7 loads at 5,000 learners, beside the median of the bare view.",
        "",
    ]
    for label, run in runs.items():
        base = run["baseline_ms"] or 1
        lines += [
            f"### {label} (data built or reused in {run.get('data_s')} s)",
            "",
            "| page | queries at 10 | queries at 5,000 | equal | ms at 5,000 "
            "| × bare view |",
            "| --- | ---: | ---: | --- | ---: | ---: |",
        ]
        for page, row in run["pages"].items():
            small, large = row["queries_10"], row["queries_5000"]
            equal = "yes" if small == large else "**no**"
            lines.append(
                f"| {page} | {small} | {large} | {equal} | {row['ms']:.1f} "
                f"| {row['ms'] / base:.0f} |"
            )
        lines += [f"| bare Django view (baseline) | | | | {base:.2f} | 1 |", ""]
        explain = run.get("explain")
        if explain:
            lines += [
                f"The slowest query of these pages on {label} ({explain['ms']} ms):",
                "",
                "```sql",
                explain["sql"],
                "```",
                "",
                "```",
                *explain["plan"],
                "```",
                "",
            ]
    return lines


def _live(live) -> list[str]:
    if not live or "raw" not in live:
        return []
    raw = live["raw"]
    lines = [
        "## Live classroom broadcasts",
        "",
        f"{raw['clients']} clients in one session, one sender, one asyncio client",
        "process (`picows`, compression off), send times in the messages. The",
        "client reads each frame in the callback that receives it: with",
        "`websockets`, which wakes a task per message, the client took",
        "much of the p99 itself (three runs each, the same day: raw server",
        "33.8-40.8 ms with `websockets`, 25.2-31.4 ms with `picows`).",
        "Burst: 50 chat messages back to back, deliveries per second until the last",
        "arrives. Rate: 10 messages per second for 5 s, delivery latency. The",
        "baseline is a raw `websockets` server calling `broadcast()`",
        "(`python -m bench.live raw`), driven by the same harness in the same run.",
        "The two-process row uses the layer of `lms.settings.production`:",
        "channels-redis's pub/sub layer, which in `lms_live/layers.py` also tells the",
        "rooms when Redis has come back, so that they resume what they missed (a",
        "broadcast is one PUBLISH; `RedisChannelLayer.group_send` takes four round",
        "trips, and gave p99 34.6-48.9 ms in the runs where pub/sub gave 32.3-33.8).",
        "Students are split over two daphne processes, both processes' memory",
        "and CPU counted. CPU per delivery is all the servers' CPU time from before",
        "the first connection to after the last delivery (handshakes, logins and",
        "storing each message included), divided by the deliveries.",
    ]
    large = live.get("raw_large")
    if large:
        lines += [
            f"The last two rows measure a class of {large['clients']:,} the same way:",
            "the raw server, and the two daphne processes with Redis",
            f"({large['clients'] // 2:,} sockets each); their ratios are to the raw",
            f"server at {large['clients']:,}. A socket whose handshake daphne drops",
            "(its 5 s connect timeout, while the class arrives) connects again, as",
            "the page does: "
            f"{live.get('redis_large', {}).get('handshakes_retried', 0)} in the "
            "row's run.",
        ]
    lines += [
        "",
        "| server | burst deliveries/s | × raw | p50 ms | p99 ms | × raw p99 | lost "
        "| RSS KiB/client | CPU µs/delivery |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, label in (
        ("raw", "raw websockets `broadcast()` (baseline)"),
        ("daphne", "one daphne, in-memory layer"),
        ("redis", "two daphne + Redis"),
    ):
        if live.get(name):
            lines.append(_live_row(label, live[name], raw))
    # The slow readers' row, then the large class's rows, then what the rows say.
    slow = _live_slow(live, raw)
    lines += slow[:1]
    if large:
        lines.append(
            _live_row(
                f"raw websockets `broadcast()`, {large['clients']:,} clients "
                "(baseline)",
                large,
                large,
            )
        )
        if live.get("redis_large"):
            lines.append(
                _live_row(
                    f"two daphne + Redis, {large['clients']:,} clients",
                    live["redis_large"],
                    large,
                )
            )
    lines += slow[1:]
    runs = [
        f"{label} {' / '.join(str(p99) for p99 in live[name]['p99_runs'])} ms"
        for name, label in (
            ("raw", "raw"),
            ("daphne", "one daphne"),
            ("slow", "slow readers"),
            ("redis", "two"),
            ("raw_large", f"raw at {large['clients']:,}" if large else ""),
            ("redis_large", f"two at {large['clients']:,}" if large else ""),
        )
        if live.get(name, {}).get("p99_runs")
    ]
    lines += [
        "",
        "Targets: one daphne p99 at most 3× the raw server's and burst throughput at "
        "least 1/4 of it, nothing lost; two processes with Redis p99 under 35 ms; at "
        "2,000 clients, two processes with Redis p99 at most 3× the raw server's at "
        "2,000, nothing lost.",
        "",
    ]
    if runs:
        rounds = f"{len(live['raw']['p99_runs'])}"
        if large:
            count = len(large["p99_runs"])
            kept = ", the higher p99 kept" if count % 2 == 0 else ""
            rounds += f" ({count} at {large['clients']:,} clients{kept})"
        lines += [
            f"Each row is the run with the median p99 of {rounds}, the rows measured "
            "in turn, round after round. The p99 of "
            f"every run: {'; '.join(runs)}.",
            "",
        ]
    return lines


def _live_row(label: str, row: dict, raw: dict) -> str:
    speed = row["burst"]["per_second"] / (raw["burst"]["per_second"] or 1)
    slower = row["rate"]["p99_ms"] / (raw["rate"]["p99_ms"] or 1)
    return (
        f"| {label} | {row['burst']['per_second']} | {speed:.2f} | "
        f"{row['rate']['p50_ms']} | {row['rate']['p99_ms']} | {slower:.1f} | "
        f"{row['lost']} | {row['rss_kib_per_client']} | "
        f"{row['cpu_us_per_delivery']} |"
    )


def _live_slow(live, raw) -> list[str]:
    """The one-daphne row again with 10 % slow readers: the others' latency beside
    the row without them (the raw server has no slow-reader run), and the slow ones'
    fate."""
    row, alone = live.get("slow"), live.get("daphne")
    if not row or not alone:
        return []
    slow = row["slow_readers"]
    speed = row["burst"]["per_second"] / (raw["burst"]["per_second"] or 1)
    slower = row["rate"]["p99_ms"] / (alone["rate"]["p99_ms"] or 1)
    return [
        f"| one daphne, {slow['sockets']} slow readers: the {row['clients']} others "
        f"| {row['burst']['per_second']} | {speed:.2f} | {row['rate']['p50_ms']} "
        f"| {row['rate']['p99_ms']} | {slower:.1f} × without slow readers "
        f"| {row['lost']} | | |",
        "",
        "Slow readers: every tenth socket of the one-daphne row reads one frame per "
        "100 ms through a 4 KiB receive buffer (`bench/live_slow.py`) and resumes as "
        "the page does; the others' p99 is compared with the same daphne's run "
        f"without them. Of {slow['sockets']}: {slow['in_order']} received every "
        f"event in order, {slow['resumed']} were closed for falling behind (4013, "
        "`LMS_LIVE_SEND_BUFFER_BYTES`; the close frame waits behind the unread bytes, "
        "so a reader mostly sees a reset) and got the rest by replay after `hello`, "
        f"{slow['broken']} lost or mis-ordered anything (closes by code: "
        f"{slow['closes'] or 'none'}).",
    ]


def _queue(queue) -> list[str]:
    if not queue:
        return []
    lines = [
        "## Background tasks (PostgreSQL)",
        "",
        "Tasks committed at once, then drained by `manage.py run_worker` processes",
        "(`--interval 0.05`); the baseline is a bare psycopg loop claiming the same",
        "number of rows with `FOR UPDATE SKIP LOCKED`. Emails use the console backend.",
        "",
        "| workload | workers | tasks/s | × bare loop |",
        "| --- | ---: | ---: | ---: |",
    ]
    for workers in (1, 2):
        raw = queue.get(f"bare SKIP LOCKED loop, {workers} worker(s)") or 1
        for kind in ("noop", "email", "bare SKIP LOCKED loop"):
            value = queue.get(f"{kind}, {workers} worker(s)")
            if value is not None:
                lines.append(f"| {kind} | {workers} | {value} | {value / raw:.2f} |")
    latency = queue.get("latency")
    if latency:
        lines += [
            "",
            f"Queue latency (enqueue to start) at 100 tasks/s into two workers, "
            f"{latency['tasks']} tasks: p50 {latency['p50_ms']} ms, "
            f"p99 {latency['p99_ms']} ms.",
        ]
    return [*lines, ""]


def _volunteers(race) -> list[str]:
    if not race:
        return []
    checks = race["checks"]
    baseline = race["baseline_per_second"] or 1
    return [
        "## Volunteer shift sign-up race (PostgreSQL)",
        "",
        f"{race['volunteers']} active volunteers and one shift of {race['places']} "
        "places; as many threads, each",
        "with its own connection, call `shifts.sign_up` together behind a",
        "`threading.Barrier` (`python -m bench.volunteers`). PostgreSQL's",
        f"`max_connections` lets {race['connections_at_once']} hold a connection at "
        "once; the others queue",
        "for one. The baseline is the same sign-ups made one after another on one",
        "connection, for another shift.",
        "",
        "| run | sign-ups/s | p50 ms | p99 ms | × baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| one after another (baseline) | {race['baseline_per_second']} | | | 1.00 |",
        f"| {race['volunteers']} at once | {race['race_per_second']} | "
        f"{race['race_p50_ms']} | {race['race_p99_ms']} | "
        f"{race['race_per_second'] / baseline:.2f} |",
        "",
        f"Afterwards: {checks['confirmed']} confirmed, {checks['waitlisted']} on the "
        f"waitlist, {checks['places_taken']} of {checks['capacity']} places taken "
        f"(none over-filled), {checks['refused']} refused, "
        f"{len(checks['errors'])} errors.",
        "",
    ]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "?"
