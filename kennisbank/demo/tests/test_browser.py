"""One walk through the demo site in a real browser: Debian's Chromium driven by Playwright."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # live server run in their own threads, but pytest-django's setup here is synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        yield page
        browser.close()


def test_home_theme_article_walk(live_server, browser_page):
    from kennisbank.demo.loader import load_demo

    load_demo()
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Kennisbank"

    page.locator(".theme-grid").get_by_role("link", name=re.compile(r"^Problemen")).click()
    page.wait_for_url(re.compile(r"/problemen/$"))
    assert page.locator("h1").inner_text() == "Problemen"

    page.locator(".card--articlepage .card__title a").first.click()
    page.wait_for_load_state()
    header = page.locator(".article__header")
    assert header.locator("h1").is_visible()
    assert header.locator(".author-line").first.is_visible()
    assert "Geplaatst op" in header.inner_text()
    citation = page.locator(".citation")
    assert citation.is_visible()
    assert "Geraadpleegd op" in citation.inner_text()
    assert page.locator(".article__body h2").count() >= 3
    assert page.locator(".literature li").count() >= 3
    assert page.locator(".related .card").count() >= 1
    # The script shows the reader's date and reveals the copy button.
    assert page.locator("[data-kb-copy]").is_visible()

    # The theme menu opens without JavaScript-only widgets (<details>) and lists short titles.
    page.locator(".theme-menu summary").filter(has_text=re.compile(r"^Leren$")).click()
    assert page.locator(".theme-menu details[open] .theme-menu__items li").count() >= 1

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-menu-open.png"))
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert (ARTIFACTS / "article.png").stat().st_size > 10_000


WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
    ]


def test_axe_finds_violations_when_there_are_some(browser_page):
    browser_page.set_content('<html><body><img src="x.png"><a href="/"></a></body></html>')
    found = {rule for rule, _, _ in axe_violations(browser_page)}
    assert {"image-alt", "html-has-lang"} <= found


def test_pages_pass_axe_wcag_22_aa(live_server, browser_page):
    from kennisbank.articles.models import ArticlePage
    from kennisbank.demo.loader import load_demo

    load_demo()
    article = ArticlePage.objects.live().first()
    paths = [
        "/",
        "/problemen/",
        "/problemen/hechting/",
        "/artikel/",
        article.url,
        "/auteurs/",
        article.authors[0].get_absolute_url(),
        "/bestaat-niet/",
        # Research questions, offerings (with a filter error) and a block with a promotion.
        "/kennisvragen/",
        "/kennisvragen/beelddenkmethode/",
        "/aanbod/",
        "/aanbod/?maand=maart",
        "/aanbod/congres-veilig-leren-na-ingrijpende-ervaringen/",
        "/artikel/traumasensitief-lesgeven/",
    ]
    violations = {}
    for path in paths:
        browser_page.goto(live_server.url + path)
        violations[path] = axe_violations(browser_page)
    assert violations == {path: [] for path in paths}
