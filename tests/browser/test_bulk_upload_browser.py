"""An editor uploads a file of articles; the progress page updates itself (htmx polling)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from articles import tasks
from articles.models import BulkUpload

ADD_PATH = "/admin/articles/bulkupload/add/"
TEXT = "Banjir merendam 300 rumah di Bekasi pada Senin (4/12/2017), kata Wali Kota."


def test_the_progress_page_follows_the_task_without_a_reload(
    live_server, page, console_errors, admin_user, tmp_path: Path
):
    upload_file = tmp_path / "satu.txt"
    upload_file.write_text(TEXT, encoding="utf-8")
    page.goto(f"{live_server.url}/admin/login/?next={ADD_PATH}")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{ADD_PATH}")

    page.set_input_files("#id_file", str(upload_file))
    page.click("input[type=submit]")

    # The database backend queues the task; no worker runs yet.
    page.wait_for_url("**/admin/articles/bulkupload/*/change/")
    progress = page.locator("#upload-progress")
    expect(progress.locator("h2")).to_have_text("Ingesting: 0 of 1 documents done")
    page.evaluate("window.stillTheSamePage = true")

    tasks.process_upload.call(BulkUpload.objects.get().pk)  # what the worker does

    expect(progress.locator("h2")).to_have_text("Finished: 1 documents", timeout=15_000)
    expect(progress.locator("tr[data-status=stored] a")).to_have_count(1)
    assert page.evaluate("window.stillTheSamePage === true"), "updated in place, not reloaded"
    assert console_errors == []
