"""Throughput of each reader on 200 documents, as users run it, and the PDF library choice by text quality.

Run: .venv/bin/python benchmarks/bench_readers.py [--docs 200]

For each format, 200 real releases (tests/data/au-pm-slice.jsonl, written out by tests/data/readers/make_fixtures.py)
are read by `pressroom run` (a whole process) with a pipeline that only exports, so the figure is the reader's;
each is also compared with the same 200 documents as plain JSONL, the cheapest input. Then pypdf and pdfplumber
extract the same PDFs and are scored on the paragraphs they keep whole and the word sequence they recover.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "data" / "readers"))
import make_fixtures as make  # noqa: E402

PIPELINE = "ledger: null\nsteps:\n  - use: export\n    with: {format: jsonl, path: out.jsonl}\n"


def write_inputs(folder: Path, count: int) -> dict[str, Path]:
    """One folder per format holding ``count`` documents (the feed: files of 20 items)."""
    releases = make.releases(count)
    folders = {name: folder / name for name in ("jsonl", "jsonl.gz", "html", "feed", "pdf", "docx", "eml")}
    for path in folders.values():
        path.mkdir(parents=True)
    make.jsonl_gz(releases, folders["jsonl.gz"] / "releases.jsonl.gz")
    subprocess.run(["gzip", "-dk", str(folders["jsonl.gz"] / "releases.jsonl.gz")], check=True)
    (folders["jsonl.gz"] / "releases.jsonl").rename(folders["jsonl"] / "releases.jsonl")
    for i in range(0, count, 20):
        (folders["feed"] / f"feed-{i:04d}.rss").write_text(make.feed(releases[i : i + 20]), encoding="utf-8")
    for i, release in enumerate(releases):
        (folders["html"] / f"{i:04d}.html").write_text(make.page(release), encoding="utf-8")
        (folders["eml"] / f"{i:04d}.eml").write_bytes(make.mail(release))
        make.pdf(release, folders["pdf"] / f"{i:04d}.pdf")
        make.docx(release, folders["docx"] / f"{i:04d}.docx")
    return folders


def run_pressroom(folder: Path, workdir: Path, repeat: int) -> tuple[float, int]:
    """The fastest of ``repeat`` runs (the machine is shared) and the documents written."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run([str(REPO / ".venv" / "bin" / "pressroom"), "run", "p.yaml", "--input", str(folder),
                                 "--quiet"], cwd=workdir, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"pressroom failed on {folder}: {result.stderr}")
    return min(times), (workdir / "out.jsonl").read_text(encoding="utf-8").count("\n")


def _past_startup(written: int, seconds: float, startup: float) -> str:
    """Documents per second once the process is up; too fast to tell apart from start-up noise below 0.1 s."""
    reading = seconds - startup
    return f"{(written - 1) / reading:.1f}" if reading > 0.1 else "start-up bound"


def paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def pdf_quality(folder: Path, count: int) -> None:
    import pdfplumber
    import pypdf

    def plumber(path: Path, **options: bool) -> list[str]:
        with pdfplumber.open(path) as pdf:
            return [page.extract_text(**options) or "" for page in pdf.pages]

    engines: dict[str, Callable[[Path], list[str]]] = {
        "pypdf (plain)": lambda p: [page.extract_text() for page in pypdf.PdfReader(p).pages],
        "pypdf (layout, used)": lambda p: [page.extract_text(extraction_mode="layout")
                                           for page in pypdf.PdfReader(p).pages],
        "pdfplumber (plain)": plumber,
        "pdfplumber (layout)": lambda p: plumber(p, layout=True),
    }
    releases = make.releases(count)
    print(f"\nPDF text quality on {count} release PDFs (paragraphs kept whole; word-sequence similarity to the "
          "release; seconds):")
    for name, extract in engines.items():
        whole = total = 0
        similarity = 0.0
        started = time.perf_counter()
        for i, release in enumerate(releases):
            pages = extract(folder / f"{i:04d}.pdf")
            found = {p for page in pages for p in paragraphs(page)}
            whole += sum(" ".join(p.split()) in found for p in release.paragraphs)
            total += len(release.paragraphs)
            reference = " ".join([release.title, *release.paragraphs]).split()
            similarity += difflib.SequenceMatcher(None, reference, " ".join(pages).split(), autojunk=False).ratio()
        seconds = time.perf_counter() - started
        print(f"  {name:22} {whole:5}/{total} paragraphs ({whole / total:6.1%})  similarity "
              f"{similarity / len(releases):.3f}  {seconds:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents per format (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per format, the fastest counts (default 3)")
    parser.add_argument("--quality-docs", type=int, default=50, help="PDFs scored for text quality (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = write_inputs(root / "inputs", args.docs)
        (root / "p.yaml").write_text(PIPELINE)
        one = root / "one"
        one.mkdir()
        (one / "one.jsonl").write_text('{"id": "a", "text": "One."}\n')
        startup = run_pressroom(one, root, args.repeat)[0]
        print(f"pressroom run (export only) on {args.docs} documents per format, whole process "
              f"(start-up and one document: {startup:.2f} s):")
        print(f"  {'format':9} {'docs':>5} {'seconds':>8} {'docs/s':>8} {'vs jsonl':>9} {'docs/s past start-up':>21}")
        baseline = 0.0
        for name, folder in folders.items():
            seconds, written = run_pressroom(folder, root, args.repeat)
            if written != args.docs:
                raise SystemExit(f"{name}: wrote {written} documents, not {args.docs}")
            baseline = baseline or seconds
            print(f"  {name:9} {written:5} {seconds:8.2f} {written / seconds:8.1f} {seconds / baseline:8.1f}x "
                  f"{_past_startup(written, seconds, startup):>21}")
        pdf_quality(folders["pdf"], min(args.quality_docs, args.docs))


if __name__ == "__main__":
    main()
