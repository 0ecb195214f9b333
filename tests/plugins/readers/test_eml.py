"""The eml reader on release e-mails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

from conftest import Read, documents

from pressroom.core.errors import InputError


def test_release_mail_with_attachment(tmp_path: Path, make: ModuleType, read: Read) -> None:
    [release] = make.releases(1)
    (tmp_path / "mail.eml").write_bytes(make.mail(release))
    [doc] = documents(read(tmp_path / "mail.eml"))
    assert (doc.id, doc.title, doc.date) == ("mail", release.title, release.date)
    assert doc.text.split("\n\n") == release.paragraphs
    assert doc.metadata["attachments"] == [{"filename": f"{release.id}.pdf", "content_type": "application/pdf",
                                            "size": 17}]
    assert doc.metadata["message_id"] == f"<{release.id}@pm.gov.au>"


HTML_ONLY = b"""From: press@agency.example
Subject: New grants announced
Date: Tue, 05 Mar 2024 08:15:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>The agency announced new grants today.</p><p>Applications open in April.</p></body></html>
"""


def test_html_only_mail_and_bad_date(tmp_path: Path, read: Read) -> None:
    (tmp_path / "a.eml").write_bytes(HTML_ONLY)
    (tmp_path / "b.eml").write_bytes(HTML_ONLY.replace(b"Tue, 05 Mar 2024 08:15:00 +0000", b"next Tuesday"))
    doc, error = read(tmp_path)
    assert not isinstance(doc, InputError)
    assert (doc.title, doc.date) == ("New grants announced", dt.date(2024, 3, 5))
    assert doc.text == "The agency announced new grants today.\n\nApplications open in April."
    assert isinstance(error, InputError) and str(error) == (
        f"{tmp_path / 'b.eml'}: the Date: header 'next Tuesday' is not an e-mail date (like 'Mon, 15 Dec 2022 "
        "09:00:00 +0000'); fix or remove it")
