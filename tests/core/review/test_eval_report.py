"""`pressroom eval --html`: the tables agree with the JSON output and every error is listed, linked into a site."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pressroom.core.evaluation import read_gold


class Tables(HTMLParser):
    """Rows of cells (as text) of every table with an id, and the attributes of each row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[dict[str, str | None], list[str]]]] = {}
        self.links: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id"):
            self._table = attributes["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append((attributes, []))
        elif tag in ("td", "th") and self._table and self.tables[self._table]:
            self._cell = []
        elif tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_report_matches_the_json_and_links_errors(cli: Any, repo: Path, tmp_path: Path) -> None:
    gold = repo / "tests" / "data" / "eval" / "gold.jsonl"
    pipeline = str(repo / "configs" / "releases.yaml")
    site = tmp_path / "review"
    assert cli("review", str(gold), "--out", str(site)).returncode == 0
    report_path = tmp_path / "reports" / "eval.html"
    result = cli("eval", pipeline, "--gold", str(gold), "--json", "--html", str(report_path), "--review", str(site))
    assert result.returncode == 0, result.stderr.decode()
    scores = json.loads(result.stdout)  # the JSON output stays as it was
    html = report_path.read_text(encoding="utf-8")
    assert "(none) means that side has" in html
    parsed = Tables()
    parsed.feed(html)
    tables = parsed.tables

    entity_rows = {cells[0]: cells for _, cells in tables["entities"][1:]}
    for label, score in [*scores["entities"]["labels"].items(), ("all (micro)", scores["entities"]["micro"])]:
        assert entity_rows[label][1:6] == [str(score["gold"]), str(score["system"]), str(score["correct"]),
                                           str(score["system"] - score["correct"]), str(score["gold"] - score["found"])]
        assert entity_rows[label][8] == f"{score['f1']:.3f}"
    date_rows = {cells[0]: cells for _, cells in tables["dates"][1:]}
    for name, score in scores["dates"].items():
        assert date_rows[name][3:6] == [str(score["correct"]), str(score["system"] - score["correct"]),
                                        str(score["gold"] - score["found"])]

    micro = scores["entities"]["micro"]
    kinds = [cells[0] for _, cells in tables["entity-errors"][1:]]
    assert kinds.count("false positive") == micro["system"] - micro["correct"] > 0
    assert kinds.count("false negative") == micro["gold"] - micro["found"] > 0
    by_value = scores["dates"]["value"]
    date_kinds = [cells[0] for _, cells in tables["date-errors"][1:]]
    assert date_kinds.count("false positive") == by_value["system"] - by_value["correct"]
    assert date_kinds.count("false negative") == by_value["gold"] - by_value["found"]

    # The confusion table's diagonal holds the exact matches; its rows hold every gold span.
    header = tables["confusion"][0][1]
    confusion = {cells[0]: dict(zip(header[1:], cells[1:])) for _, cells in tables["confusion"][1:]}
    assert sum(int(confusion[label].get(label) or 0) for label in confusion) == micro["correct"]
    assert sum(int(n or 0) for row in confusion.values() for n in row.values()) >= micro["gold"]
    assert sum(int(n or 0) for label, row in confusion.items() if label != "(none)" for n in row.values()) \
        == micro["gold"]

    # Each error links to its document in the review site, relative to the report.
    ids = {doc.id for doc in read_gold(gold)}
    assert parsed.links and all(link.startswith("../review/index.html#doc=") for link in parsed.links)
    assert {link.split("#doc=")[1] for link in parsed.links} <= {quote(i, safe="") for i in ids}
    assert (report_path.parent / "../review/index.html").resolve().exists()


def test_html_report_without_a_site_and_bad_site(cli: Any, repo: Path, tmp_path: Path) -> None:
    gold = repo / "tests" / "data" / "eval" / "gold.jsonl"
    pipeline = str(repo / "configs" / "releases.yaml")
    report_path = tmp_path / "eval.html"
    result = cli("eval", pipeline, "--gold", str(gold), "--html", str(report_path))
    assert result.returncode == 0, result.stderr.decode()
    assert "<a href" not in report_path.read_text()
    assert "all (micro)" in result.stdout.decode()  # the table still goes to stdout
    result = cli("eval", pipeline, "--gold", str(gold), "--html", str(report_path), "--review", str(tmp_path))
    assert result.returncode == 1
    assert "is not a review site" in result.stderr.decode()
    result = cli("eval", pipeline, "--gold", str(gold), "--review", str(tmp_path))
    assert result.returncode == 2 and "--review needs --html" in result.stderr.decode()
