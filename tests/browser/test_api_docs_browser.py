"""The API's interactive docs at /api/ work offline, under the site's CSP, in a browser."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_api_docs_render_every_endpoint_from_local_files(
    live_server, page, console_errors, transactional_db
):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/api/")

    expect(page.locator(".opblock").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/articles/", "/api/entities/", "/api/search/"} <= {p.strip() for p in paths}
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert console_errors == []
