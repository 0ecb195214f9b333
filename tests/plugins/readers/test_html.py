"""The html reader on saved release pages."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import Read, documents

from pressroom.core import Document
from pressroom.core.errors import InputError


def test_saved_release_page(tmp_path: Path, make: ModuleType, read: Read) -> None:
    [release] = make.releases(1)
    (tmp_path / "budget.html").write_text(make.page(release), encoding="utf-8")
    [doc] = documents(read(tmp_path / "budget.html"))
    assert (doc.id, doc.title, doc.date) == ("budget", release.title, release.date)
    assert doc.text.split("\n\n") == release.paragraphs  # no navigation, banner, breadcrumbs, footer or title
    assert doc.metadata == {"date_source": "html metadata", "url": release.url, "language": "en-AU"}


def test_title_order_and_visible_date(tmp_path: Path, read: Read) -> None:
    body = ("<p>The Treasurer today announced new measures to support small business across the country, "
            "including a tax offset and faster depreciation for equipment bought this year.</p>" * 3)
    pages = {
        "og.html": f'<html><head><meta property="og:title" content="From og"><title>From title</title></head>'
                   f"<body><h1>From h1</h1>{body}</body></html>",
        "h1.html": f"<html><head><title>From title</title></head><body><article><h1>From h1</h1>"
                   f"<p>Published 14 March 2019</p>{body}</article></body></html>",
        "title.html": f"<html><head><title>From title</title></head><body><article>{body}</article></body></html>",
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html)
    docs = {d.id: d for d in documents(read(tmp_path))}
    assert {key: d.title for key, d in docs.items()} == {"og": "From og", "h1": "From h1", "title": "From title"}
    assert (docs["h1"].date, docs["h1"].metadata["date_source"]) == (dt.date(2019, 3, 14), "html text")
    assert docs["title"].date is None and "date_source" not in docs["title"].metadata


def test_page_without_main_text_is_a_located_error(tmp_path: Path, make: ModuleType, read: Read) -> None:
    [release] = make.releases(1)
    (tmp_path / "a-good.html").write_text(make.page(release))
    (tmp_path / "b-menu.html").write_text(
        "<html><body><div class='cookie'>We use cookies to improve your experience. Accept all cookies.</div>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/m'>Media</a></li></ul></nav></body></html>")
    good, error = read(tmp_path)
    assert isinstance(good, Document) and good.id == "a-good"
    assert isinstance(error, InputError) and str(error) == (
        f"{tmp_path / 'b-menu.html'}: no main text found on the page (only navigation, or content loaded by "
        "scripts); save the release's own page")


def test_missing_extra_says_what_to_install(tmp_path: Path, read: Read, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.html").write_text("<html><body><p>Text</p></body></html>")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    [error] = read(tmp_path / "p.html")
    assert str(error) == f"{tmp_path / 'p.html'}: the html reader needs trafilatura: pip install 'pressroom[html]'"
