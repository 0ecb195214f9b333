"""Headless Chromium for checking a built site: Debian's ``chromium`` and ``chromedriver``, driven by Selenium.

Used by the tests and the benchmark; nothing is downloaded: the browser and driver must be installed
(``apt-get install chromium chromium-driver``; ``make test`` does it). Selenium is imported lazily (test extra).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pressroom.core.errors import PressroomError

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

BROWSER_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER_PATHS = ("/usr/bin/chromedriver",)
# As root in a container: no sandbox; nothing that reaches the network or outlives the run.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


class BrowserMissing(PressroomError):
    """Chromium or chromedriver is not installed."""


def find_browser() -> tuple[str, str]:
    """The paths of Chromium and its driver; raises BrowserMissing saying how to install them."""
    browser = next((path for path in BROWSER_PATHS if Path(path).exists()), None)
    driver = next((path for path in DRIVER_PATHS if Path(path).exists()), None)
    if browser is None or driver is None:
        raise BrowserMissing("headless checks need Debian's chromium and chromium-driver: "
                             "apt-get install -y chromium chromium-driver")
    return browser, driver


@contextmanager
def chromium(width: int = 1400, height: int = 1000, downloads: Path | None = None) -> Iterator[WebDriver]:
    """A fresh headless Chromium (its own profile, removed afterwards) under Selenium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = find_browser()
    profile = tempfile.mkdtemp(prefix="pressroom-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
