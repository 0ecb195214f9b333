"""The generated site in headless Chromium: spans in the DOM, text as data, corrections into `eval`, filters."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from review_helpers import tricky_documents, wait_ready
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from pressroom.core import DateSpan, Document, EntitySpan
from pressroom.core.evaluation import read_gold
from pressroom.core.review import read_documents

Page = Callable[..., Any]

RENDERED_SPANS = """
return Array.from(document.querySelectorAll('[data-start]')).map(e => [
  e.dataset.field, Number(e.dataset.start), Number(e.dataset.end), e.dataset.label, e.dataset.kind,
  e.dataset.value || null, e.textContent]);
"""


def expected_spans(doc: Document) -> list[list[Any]]:
    return sorted([[s.field, s.start, s.end, s.label, "entity", None, s.text] for s in doc.entities]
                  + [[s.field, s.start, s.end, s.type, "date", s.value, s.text] for s in doc.dates])


def check_document_view(driver: Any, doc: Document) -> None:
    assert sorted(driver.execute_script(RENDERED_SPANS)) == expected_spans(doc), doc.id
    assert driver.find_element(By.ID, "field-text").get_property("textContent") == doc.text
    assert driver.find_element(By.ID, "field-title").get_property("textContent") == doc.title


def test_spans_in_the_dom_match_the_output(page: Page, site_of: Any, tricky_jsonl: Path, slice_output: Path) -> None:
    for export, every in ((tricky_jsonl, 1), (slice_output, 12)):
        site = site_of(export)
        documents = list(read_documents(export))
        for number in range(0, len(documents), every):
            check_document_view(page(site / "doc.html", f"?n={number}"), documents[number])
    # Spans that nest (a title inside a name) are elements inside elements, each with exactly its own text.
    driver = page(site_of(tricky_jsonl) / "doc.html", "?n=2")
    assert driver.execute_script(
        "return document.querySelector('mark[data-start=\"0\"][data-end=\"25\"] mark[data-end=\"14\"]').textContent"
    ) == "Prime Minister"


def test_text_is_data_in_every_view(page: Page, site_of: Any, tricky_jsonl: Path) -> None:
    site = site_of(tricky_jsonl)
    markup = tricky_documents()[1]
    driver = page(site / "doc.html", "?n=1")
    check_document_view(driver, markup)
    assert driver.execute_script("return window.pwned") is None
    assert driver.execute_script("return document.querySelectorAll('.field script, .field img, .field b').length") == 0
    assert len(driver.find_elements(By.CSS_SELECTOR, ".field mark")) == len(markup.entities) + len(markup.dates)
    assert driver.title.startswith(markup.title)
    driver = page(site / "index.html", "#q=" + quote("window.pwned"))
    [row] = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert row.find_element(By.TAG_NAME, "a").text == markup.title
    assert row.get_attribute("data-id") == markup.id
    assert driver.execute_script("return window.pwned") is None


def select_text(driver: Any, field: str, text: str) -> None:
    """Select the first occurrence of ``text`` in a field as a user's drag would, then release the mouse."""
    driver.execute_script("""
        const [field, wanted] = arguments;
        const container = document.getElementById('field-' + field);
        const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(wanted);
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + wanted.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            container.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return;
          }
        }
        throw new Error('not found: ' + wanted);
    """, field, text)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "selection-bar").is_displayed())


def mark(driver: Any, text: str) -> Any:
    [element] = [e for e in driver.find_elements(By.CSS_SELECTOR, "mark.span") if e.get_property("textContent") == text]
    return element


def press(driver: Any, *keys: str) -> None:
    driver.find_element(By.TAG_NAME, "body").send_keys(*keys)


def shortcut(driver: Any, label: str) -> str:
    return str(driver.execute_script("return pressroomReview.site.entityLabels.indexOf(arguments[0]) + 1", label))


def test_a_correction_round_trips_into_eval(page: Page, site_of: Any, tricky_jsonl: Path, downloads: Path,
                                            cli: Any, repo: Path) -> None:
    original = tricky_documents()[0]
    site = site_of(tricky_jsonl)
    driver = page(site / "doc.html", "?n=0")
    mark(driver, "Canberra").click()
    press(driver, shortcut(driver, "LOC"))  # relabel
    mark(driver, "Jane Doe").click()
    press(driver, "x")  # reject
    mark(driver, "Minister").click()
    press(driver, "[", "[", "[", "[")  # resize: the start four characters left
    mark(driver, "Australian Sports Commission").click()
    press(driver, Keys.SHIFT + Keys.ARROW_LEFT + Keys.ARROW_LEFT + Keys.ARROW_RIGHT)  # the end one left, net
    mark(driver, "𝔖ydney").click()
    press(driver, "a")
    select_text(driver, "text", "cup")  # after a flag (two regional indicators) and 𝔘: three surrogate pairs
    press(driver, shortcut(driver, "ORG"))
    mark(driver, "3 May 2021").click()
    press(driver, "v")  # fix the date's value: the input opens with its text selected
    driver.switch_to.active_element.send_keys("2021-05-02", Keys.ENTER)
    select_text(driver, "title", "Cup")
    press(driver, "d")  # a new date: its value input takes the focus
    driver.switch_to.active_element.send_keys("2021-05", Keys.ENTER)
    press(driver, "m")

    # The corrections survive a reload and show in the DOM with code-point offsets.
    driver.get((site / "doc.html").as_uri() + "?n=0")
    wait_ready(driver)
    text = original.text
    cup = text.index("cup")
    assert mark(driver, "cup").get_attribute("data-start") == str(cup)
    assert len(text[:cup].encode("utf-16-le")) // 2 == cup + 3  # the browser counts three more
    assert mark(driver, "Jane Doe").get_attribute("data-status") == "rejected"
    assert mark(driver, "The Minister").get_attribute("data-label") == "TITLE"

    for old in downloads.glob("gold*.jsonl"):
        old.unlink()
    driver.find_element(By.ID, "export").click()
    gold_path = downloads / "gold.jsonl"
    deadline = time.monotonic() + 10
    while not gold_path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    [gold] = read_gold(gold_path)

    def ent(text_: str, label: str, field: str = "text", **extra: Any) -> EntitySpan:
        source = original.title if field == "title" else text
        start = source.index(text_)
        return EntitySpan(start=start, end=start + len(text_), text=text_, label=label, field=field, **extra)  # type: ignore[arg-type]

    assert (gold.id, gold.title, gold.text, gold.date) == (original.id, original.title, original.text, original.date)
    assert sorted(gold.entities, key=lambda s: (s.field, s.start)) == sorted([
        ent("𝔖ydney", "GPE", "title"), ent("Canberra", "LOC"), ent("The Minister", "TITLE"), ent("cup", "ORG"),
        ent("Australian Sports Commissio", "ORG", canonical="ASC")], key=lambda s: (s.field, s.start))
    may = text.index("3 May 2021")
    assert sorted(gold.dates, key=lambda s: s.field) == [
        DateSpan(start=may, end=may + 10, text="3 May 2021", value="2021-05-02"),
        DateSpan(start=0, end=3, text="Cup", value="2021-05", field="title")]

    # The index marks the document and counts it.
    driver.get((site / "index.html").as_uri())
    wait_ready(driver)
    marks = {row.get_attribute("data-id"): row.find_elements(By.TAG_NAME, "td")[-1].text
             for row in driver.find_elements(By.CSS_SELECTOR, "#rows tr")}
    assert marks == {original.id: "reviewed", tricky_documents()[1].id: "", tricky_documents()[2].id: ""}
    assert driver.find_element(By.ID, "saved-count").text == "1 corrected document in this browser"

    result = cli("eval", str(repo / "configs" / "releases.yaml"), "--gold", str(gold_path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    assert report["entities"]["micro"]["gold"] == 5
    assert report["dates"]["strict"]["gold"] == 2


def result_count(driver: Any) -> int:
    WebDriverWait(driver, 5).until(lambda d: "of" in d.find_element(By.ID, "result-count").text)
    return int(driver.find_element(By.ID, "result-count").text.split()[0])


def set_control(driver: Any, control: str, value: str) -> None:
    driver.execute_script("const c = document.getElementById(arguments[0]); c.value = arguments[1];"
                          "c.dispatchEvent(new Event('change'));", control, value)


def test_index_filters_search_and_pages(page: Page, site_of: Any, slice_output: Path) -> None:
    documents = list(read_documents(slice_output))
    site = site_of(slice_output)
    driver = page(site / "index.html")
    assert result_count(driver) == len(documents) == 120
    assert driver.find_element(By.ID, "page").text == "page 1 of 3"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#rows tr")) == 50
    dates = [row.get_attribute("data-date") for row in driver.find_elements(By.CSS_SELECTOR, "#rows tr")]
    assert dates == sorted(dates, reverse=True)

    def matches(query: str) -> int:
        query = query.lower()
        return sum(query in f"{d.id}\n{d.title}".lower()
                   or any(query in name.lower() for s in d.entities for name in (s.text, s.canonical or s.text))
                   for d in documents)

    search = driver.find_element(By.ID, "q")
    for query in ("keating", "Howard", documents[7].id):
        search.clear()
        search.send_keys(query)
        WebDriverWait(driver, 5).until(lambda d: result_count(d) == matches(query))
        assert 0 < matches(query) < 120
    search.clear()
    search.send_keys(Keys.ENTER)

    set_control(driver, "label", "LOC")
    assert result_count(driver) == sum(any(s.label == "LOC" for s in d.entities) for d in documents)
    set_control(driver, "from", "1990-01-01")
    set_control(driver, "to", "1999-12-31")
    in_nineties = [d for d in documents if d.date and "1990" <= d.date.isoformat()[:4] <= "1999"]
    assert result_count(driver) == sum(any(s.label == "LOC" for s in d.entities) for d in in_nineties)
    rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
    assert rows and all("1990-01-01" <= row.get_attribute("data-date") <= "1999-12-31" for row in rows)

    # The filters live in the URL: a reload keeps them.
    driver.refresh()
    wait_ready(driver)
    assert result_count(driver) == sum(any(s.label == "LOC" for s in d.entities) for d in in_nineties)

    driver.find_element(By.ID, "clear").click()
    bar = driver.find_elements(By.CSS_SELECTOR, "#chart .bar")[0]
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click'))", bar)
    first, last = bar.get_attribute("data-from"), bar.get_attribute("data-to")
    assert result_count(driver) == sum(bool(d.date and first <= d.date.isoformat() <= last) for d in documents) > 0

    driver.find_element(By.ID, "clear").click()
    driver.find_element(By.ID, "next").click()
    driver.find_element(By.ID, "next").click()
    assert len(driver.find_elements(By.CSS_SELECTOR, "#rows tr")) == 20


def test_label_counts_and_links_by_id(page: Page, site_of: Any, slice_output: Path) -> None:
    documents = list(read_documents(slice_output))
    site = site_of(slice_output)
    driver = page(site / "index.html")
    counts = {row.find_element(By.TAG_NAME, "button").text: int(row.find_elements(By.TAG_NAME, "td")[1].text)
              for row in driver.find_elements(By.CSS_SELECTOR, "#label-counts tbody tr")}
    expected: dict[str, int] = {}
    for doc in documents:
        for label in [s.label for s in doc.entities] + [s.type for s in doc.dates]:
            expected[label] = expected.get(label, 0) + 1
    assert counts == expected
    target = documents[42]
    driver.get((site / "index.html").as_uri() + "#doc=" + quote(target.id, safe=""))
    wait_ready(driver)
    assert driver.current_url.endswith("doc.html?n=42")
    check_document_view(driver, target)
