"""Fixtures of the review site tests: documents whose text tries to break offsets and markup, built sites, and one
headless Chromium for the session (Debian's package; missing it fails under CI and skips elsewhere)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from review_helpers import tricky_documents, wait_ready, write_jsonl

from pressroom.core.review import build_site, read_documents

BuildSite = Callable[[Path], Path]
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def tricky_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tricky_documents(), tmp_path / "tricky.jsonl")


@pytest.fixture
def site_of(tmp_path: Path) -> BuildSite:
    """Build a review site from an export into tmp_path/site and return the site's folder."""

    def build(export: Path) -> Path:
        out = tmp_path / "site"
        build_site(read_documents(export), out, source=str(export))
        return out

    return build


@pytest.fixture(scope="session")
def slice_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pipeline's JSONL and SQLite output for the 120-release AU PM slice (releases.jsonl/.db)."""
    work = tmp_path_factory.mktemp("slice-run")
    result = subprocess.run([sys.executable, "-m", "pressroom.core.cli", "run", str(REPO / "configs" / "releases.yaml"),
                             "--input", str(REPO / "tests" / "data" / "au-pm-slice.jsonl"), "--quiet"], cwd=work, capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    return work / "out" / "releases.jsonl"


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads: Path) -> Iterator[Any]:
    from pressroom.core.review.browser import BrowserMissing, chromium, find_browser

    try:
        find_browser()
        import selenium  # noqa: F401
    except (BrowserMissing, ImportError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the browser tests: {exc}")
        pytest.skip(f"no headless browser here: {exc}")
    with chromium(downloads=downloads) as driver:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver


@pytest.fixture
def page(browser: Any) -> Callable[[Path], Any]:
    """Open a page of a site with an empty localStorage; returns the driver once the page's script is ready."""

    def open_page(path: Path, query: str = "") -> Any:
        browser.get(path.as_uri() + query)
        browser.execute_script("localStorage.clear()")
        browser.get(path.as_uri() + query)
        wait_ready(browser)
        return browser

    return open_page
