"""Bytes a phone downloads per page (HTML, CSS, scripts, images), read in Chromium."""

from playwright.sync_api import sync_playwright

from bench.http import base_url

CHROMIUM = "/usr/bin/chromium"
LESSON = "/az/courses/global-compact-for-migration/regulation-of-migration-processes/"
# The demo's live class of the course (load_demo makes it first), and its student.
CLASSROOM = "/az/live/1/"
CLASSROOM_STUDENT = "student@school.example"
# Chrome DevTools' "Slow 3G"-like profile: 400 kbit/s each way, 400 ms round trip.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
PAINT_RUNS = 3


def measure(cookie: str) -> list[tuple[str, float, float]]:
    """(page, KB on a first visit, budget KB) for each page, plus the next lesson."""
    name, value = cookie.split("=", 1)
    pages = [
        ("lesson, first visit", LESSON + "what-the-global-compact-is/", 100),
        ("next lesson (cached styles)", LESSON + "regular-pathways/", 20),
        ("catalogue", "/az/courses/", 150),
        ("course with progress", "/az/courses/global-compact-for-migration/", 150),
        ("dashboard", "/az/dashboard/", 150),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, service_workers="block"
        )
        context.add_cookies([{"name": name, "value": value, "url": base_url()}])
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        results = []
        for label, path, budget in pages:
            if label != "next lesson (cached styles)":
                context.clear_cookies()
                context.add_cookies([{"name": name, "value": value, "url": base_url()}])
                page.context.new_cdp_session(page).send("Network.clearBrowserCache")
            finished.clear()
            page.goto(base_url() + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            total = sum(
                sizes["responseHeadersSize"] + sizes["responseBodySize"]
                for sizes in (request.sizes() for request in finished)
            )
            results.append((label, round(total / 1024, 1), budget))
        browser.close()
    return results


def classroom_first_paint(cookie: str) -> dict:
    """The classroom's first contentful paint on a 360 px phone over slow 3G, with an
    empty cache: each run's milliseconds and the KB transferred by the page's load."""
    name, value = cookie.split("=", 1)
    paints, sizes = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        for _run in range(PAINT_RUNS):
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, service_workers="block"
            )
            context.add_cookies([{"name": name, "value": value, "url": base_url()}])
            page = context.new_page()
            finished = []
            page.on(
                "requestfinished", lambda request, seen=finished: seen.append(request)
            )
            devtools = context.new_cdp_session(page)
            devtools.send("Network.enable")
            devtools.send("Network.clearBrowserCache")
            devtools.send("Network.emulateNetworkConditions", SLOW_3G)
            page.goto(base_url() + CLASSROOM, wait_until="commit")
            page.wait_for_function(
                "() => performance.getEntriesByName('first-contentful-paint').length",
                timeout=60_000,
            )
            paints.append(
                page.evaluate(
                    "performance.getEntriesByName('first-contentful-paint')[0]"
                    ".startTime"
                )
            )
            page.wait_for_load_state("load")
            if not page.locator("[data-feed='chat']").count():
                raise RuntimeError(f"{CLASSROOM} is not a classroom for this student")
            sizes.append(
                sum(
                    found["responseHeadersSize"] + found["responseBodySize"]
                    for found in (request.sizes() for request in finished)
                )
            )
            context.close()
        browser.close()
    return {
        "paint_ms": [round(paint) for paint in paints],
        "kb": round(max(sizes) / 1024, 1),
    }
