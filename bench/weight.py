"""Bytes a phone downloads per page (HTML, CSS, scripts, images), read in Chromium."""

from playwright.sync_api import sync_playwright

from bench.http import base_url

CHROMIUM = "/usr/bin/chromium"
LESSON = "/az/courses/global-compact-for-migration/regulation-of-migration-processes/"


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
