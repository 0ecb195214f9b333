"""Writes real-looking releases in every published format, from the real releases of ``../au-pm-slice.jsonl``
(CC BY 3.0 AU, see ../SOURCE.md). Used by the reader tests and benchmarks/bench_readers.py; nothing is downloaded.

The page, feed and e-mail wrappers (navigation, cookie banner, footer, headers) are written here to look like the
Prime Minister's media-release pages and mails; the release text inside them is the real one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

SLICE = Path(__file__).resolve().parent.parent / "au-pm-slice.jsonl"


@dataclass(frozen=True)
class Release:
    id: str
    title: str
    date: dt.date
    paragraphs: list[str]
    url: str


def releases(count: int, since: str = "2005-01-01") -> list[Release]:
    """Real releases (recent ones, whose text is clean), ``count`` of them, repeated when more are asked."""
    rows = [json.loads(line) for line in SLICE.read_text(encoding="utf-8").splitlines()]
    chosen = [row for row in rows if row["date"] >= since and row["title"] and row["text"].count("\n\n") >= 2]
    out = []
    for i in range(count):
        row = chosen[i % len(chosen)]
        paragraphs = [" ".join(p.split()) for p in row["text"].split("\n\n") if p.strip()]
        suffix = f"-{i // len(chosen)}" if i >= len(chosen) else ""
        out.append(Release(row["id"] + suffix, " ".join(row["title"].split()), dt.date.fromisoformat(row["date"]),
                           paragraphs, row.get("url") or f"https://www.pm.gov.au/media/{row['id']}"))
    return out


def page(release: Release) -> str:
    """A saved media-release page: navigation, cookie banner, breadcrumbs, the article, related links, footer."""
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in release.paragraphs)
    stamp = release.date.isoformat()
    return f"""<!DOCTYPE html>
<html lang="en-AU">
<head>
  <meta charset="utf-8">
  <title>{html.escape(release.title)} | Prime Minister of Australia</title>
  <meta property="og:title" content="{html.escape(release.title)}">
  <meta property="article:published_time" content="{stamp}T09:00:00+10:00">
  <link rel="canonical" href="{release.url}">
  <script>window.dataLayer = [];</script>
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience on our website. <button>Accept all</button></div>
  <header><a href="/">Prime Minister of Australia</a>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/media">Media</a></li><li><a href="/about">About</a></li>
    <li><a href="/contact">Contact</a></li></ul></nav></header>
  <main>
    <nav class="breadcrumbs"><a href="/">Home</a> / <a href="/media">Media</a></nav>
    <article>
      <h1>{html.escape(release.title)}</h1>
      <div class="meta">Media release <time datetime="{stamp}">{release.date:%d %B %Y}</time></div>
{body}
    </article>
    <aside><h2>Related</h2><ul><li><a href="/media/1">Other releases</a></li></ul></aside>
  </main>
  <footer><p>Copyright Commonwealth of Australia. <a href="/privacy">Privacy</a> | <a href="/access">Accessibility</a></p></footer>
</body>
</html>
"""


def feed(items: list[Release]) -> str:
    """An RSS 2.0 feed of the releases, full text in content:encoded."""
    entries = []
    for release in items:
        when = format_datetime(dt.datetime.combine(release.date, dt.time(9), dt.timezone(dt.timedelta(hours=10))))
        content = "".join(f"<p>{html.escape(p)}</p>" for p in release.paragraphs)
        entries.append(f"""    <item>
      <title>{html.escape(release.title)}</title>
      <link>{release.url}</link>
      <guid isPermaLink="false">{release.id}</guid>
      <pubDate>{when}</pubDate>
      <description>{html.escape(release.paragraphs[0])}</description>
      <content:encoded><![CDATA[{content}]]></content:encoded>
    </item>""")
    items_xml = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Prime Minister of Australia: media releases</title>
    <link>https://www.pm.gov.au/media</link>
    <description>Media releases</description>
{items_xml}
  </channel>
</rss>
"""


def mail(release: Release) -> bytes:
    """The release as a mailing-list e-mail with a PDF copy attached."""
    message = EmailMessage()
    message["From"] = "Media Office <media@pm.gov.au>"
    message["To"] = "press-list@example.org"
    message["Subject"] = release.title
    message["Date"] = format_datetime(dt.datetime.combine(release.date, dt.time(9),
                                                          dt.timezone(dt.timedelta(hours=10))))
    message["Message-ID"] = f"<{release.id}@pm.gov.au>"
    message.set_content("\n\n".join(release.paragraphs) + "\n")
    message.add_attachment(b"%PDF-1.4 stand-in", maintype="application", subtype="pdf",
                           filename=f"{release.id}.pdf")
    return bytes(message)


def pdf(release: Release, path: Path) -> None:
    """A two-column-free A4 release with a running header, a footer with page numbers, and document properties."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=12, leading=18)

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "PRIME MINISTER OF AUSTRALIA - MEDIA RELEASE")
        canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
        canvas.restoreState()

    flow = [Paragraph(html.escape(release.title), styles["Title"]),
            Paragraph(f"{release.date:%d %B %Y}", styles["Normal"]), Spacer(1, 12)]
    for paragraph in release.paragraphs:
        flow += [Paragraph(html.escape(paragraph), body), Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4, title=release.title).build(
        flow, onFirstPage=furniture, onLaterPages=furniture)
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Title": release.title, "/CreationDate": f"D:{release.date:%Y%m%d}090000+10'00'"})
    with open(path, "wb") as out:
        writer.write(out)


def docx(release: Release, path: Path) -> None:
    """A Word release: heading, dateline paragraph, body, and core properties (title, created)."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(release.title, level=1)
    for paragraph in release.paragraphs:
        document.add_paragraph(paragraph)
    document.core_properties.title = release.title
    document.core_properties.created = dt.datetime.combine(release.date, dt.time(9))
    document.save(str(path))


def jsonl_gz(items: list[Release], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for release in items:
            out.write(json.dumps({"id": release.id, "title": release.title, "date": release.date.isoformat(),
                                  "text": "\n\n".join(release.paragraphs), "url": release.url}) + "\n")


def mixed_folder(folder: Path) -> dict[str, Release]:
    """One of each: a saved page, a 20-item feed, a PDF, a DOCX, an e-mail and a .jsonl.gz; returns what each file
    (feed items by guid) must yield."""
    chosen = releases(26)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "budget-page.html").write_text(page(chosen[0]), encoding="utf-8")
    (folder / "media.rss").write_text(feed(chosen[1:21]), encoding="utf-8")
    pdf(chosen[21], folder / "release.pdf")
    docx(chosen[22], folder / "statement.docx")
    (folder / "announcement.eml").write_bytes(mail(chosen[23]))
    jsonl_gz(chosen[24:26], folder / "archive.jsonl.gz")
    return {"budget-page": chosen[0], **{r.id: r for r in chosen[1:21]}, "release": chosen[21],
            "statement": chosen[22], "announcement": chosen[23], chosen[24].id: chosen[24], chosen[25].id: chosen[25]}
