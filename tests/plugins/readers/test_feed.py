"""The feed reader on RSS 2.0 and Atom files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

from conftest import Read, documents

from pressroom.core import Document
from pressroom.core.errors import InputError


def test_rss_feed_of_twenty_releases(tmp_path: Path, make: ModuleType, read: Read) -> None:
    releases = make.releases(20)
    (tmp_path / "media.rss").write_text(make.feed(releases), encoding="utf-8")
    docs = documents(read(tmp_path / "media.rss"))
    assert [d.id for d in docs] == [r.id for r in releases]
    for number, (doc, release) in enumerate(zip(docs, releases), start=1):
        assert (doc.title, doc.date, doc.text.split("\n\n")) == (release.title, release.date, release.paragraphs)
        assert doc.metadata["url"] == release.url and doc.source == f"{tmp_path / 'media.rss'}:item {number}"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Newsroom</title>
  <entry>
    <title>Rates unchanged</title>
    <link href="https://bank.example/news/1"/>
    <id>tag:bank.example,2019:1</id>
    <published>2019-08-06T14:30:00+10:00</published>
    <content type="html">&lt;p&gt;The Board decided to leave the cash rate unchanged.&lt;/p&gt;&lt;p&gt;It will meet again next month.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Statement on monetary policy</title>
    <link href="https://bank.example/news/2"/>
    <updated>2019-08-09T23:30:00-05:00</updated>
    <summary>Growth was slower than expected.</summary>
  </entry>
</feed>
"""


def test_atom_entries_ids_dates_in_their_own_time_zone(tmp_path: Path, read: Read) -> None:
    (tmp_path / "news.atom").write_text(ATOM)
    first, second = documents(read(tmp_path / "news.atom"))
    assert (first.id, first.title, first.date) == ("tag:bank.example,2019:1", "Rates unchanged", dt.date(2019, 8, 6))
    assert first.text == "The Board decided to leave the cash rate unchanged.\n\nIt will meet again next month."
    # No id: the link; the date as written (9 August in its zone, 10 August in UTC).
    assert (second.id, second.date, second.text) == ("https://bank.example/news/2", dt.date(2019, 8, 9),
                                                     "Growth was slower than expected.")


def test_broken_feed_keeps_what_came_before_and_says_where(tmp_path: Path, make: ModuleType, read: Read) -> None:
    text = make.feed(make.releases(3))
    cut = text.index("<item>", text.index("<item>", text.index("<item>") + 1) + 1)  # inside the third item
    (tmp_path / "a.rss").write_text(text[: cut + 40], encoding="utf-8")
    (tmp_path / "b.xml").write_text("<?xml version='1.0'?><config><key>1</key></config>")
    (tmp_path / "c.rss").write_text(make.feed(make.releases(1)), encoding="utf-8")
    records = read(tmp_path)
    assert [type(r).__name__ for r in records] == ["Document", "Document", "InputError", "InputError",
                                                   "InputError", "Document"]
    assert str(records[2]) == f"{tmp_path / 'a.rss'}:item 3: the item has neither title nor text; fill it in or remove it"
    line = text[: cut + 40].count("\n") + 1
    assert str(records[3]) == (f"{tmp_path / 'a.rss'}:{line}: the feed's XML is broken at line {line} (no element "
                               "found); 3 items were found before it, the last perhaps cut short, and any after it "
                               "are missing: fix the file and read it again")
    # .xml that is no feed: no reader takes it by extension or content.
    assert str(records[4]).startswith(f"{tmp_path / 'b.xml'}: no reader for this file")


def test_item_without_title_or_text_is_a_located_error(tmp_path: Path, read: Read) -> None:
    (tmp_path / "f.rss").write_text(
        '<rss version="2.0"><channel><title>t</title><item><guid>a</guid><description>Text.</description></item>'
        "<item><guid>b</guid></item><item><guid>c</guid><title>Last</title></item></channel></rss>")
    a, b, c = read(tmp_path / "f.rss")
    assert isinstance(a, Document) and isinstance(c, Document) and c.title == "Last"
    assert isinstance(b, InputError)
    assert str(b) == f"{tmp_path / 'f.rss'}:item 2: the item has neither title nor text; fill it in or remove it"
