"""Why each span of one document got its label: `python -m pressroom.plugins.entities.explain`.

    python -m pressroom.plugins.entities.explain --text "Mr Dudley met William C. Dudley."
    python -m pressroom.plugins.entities.explain releases.jsonl --id pmt-1234 [--with '{"backend": "hybrid"}']
    python -m pressroom.plugins.entities.explain release.txt

Prints, field by field, every span with its label, canonical form, the kind of evidence it rests on
(known, cue, shape, guess, model: see mention.py) and the evidence itself in words.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pressroom.core import Document
from pressroom.core.readers import JsonlReader
from pressroom.plugins.entities.mention import Mention
from pressroom.plugins.entities.step import EntitiesStep


def explain(step: EntitiesStep, doc: Document) -> list[str]:
    """One line per span of ``doc``, title first, as the step tags it."""
    if step._tagger is None:  # the step's own tagger, so that the explanation is of what the step outputs
        step.setup()
    tagger = step._tagger
    assert tagger is not None
    title, text = next(tagger.tag_documents([(doc.title, doc.text)]))
    return [_line(field, value, m) for field, value, found in (("title", doc.title, title), ("text", doc.text, text))
            for m in found]


def _line(field: str, value: str, m: Mention) -> str:
    surface = value[m.start : m.end]
    return f"{field}[{m.start}:{m.end}] {surface!r} {m.label} = {m.canonical!r}  <{m.evidence}> {m.why}"


def _document(args: argparse.Namespace) -> Document:
    if args.text is not None:
        return Document(id="text", title=args.title, text=args.text)
    path = Path(args.file)
    if path.suffix == ".jsonl":
        with path.open("rb") as stream:
            for record in JsonlReader().read(stream, str(path)):
                if isinstance(record, Document) and (args.id is None or record.id == args.id):
                    return record
        raise SystemExit(f"{path}: no document with id {args.id!r}; pass --id with one of its ids")
    return Document(id=path.stem, text=path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", help="a .jsonl file (with --id) or a text file")
    parser.add_argument("--id", help="the document's id in the .jsonl file (default: its first document)")
    parser.add_argument("--text", help="explain this text instead of a file")
    parser.add_argument("--title", default="", help="the title that goes with --text")
    parser.add_argument("--with", dest="options", default="{}", help="the step's options as JSON")
    args = parser.parse_args(argv)
    if args.file is None and args.text is None:
        parser.error("give a file or --text")
    step = EntitiesStep(json.loads(args.options))
    for line in explain(step, _document(args)):
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
