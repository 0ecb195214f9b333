"""Speed of the `entities` step as users run it, against spaCy's small model (issue 9's figure).

    python benchmarks/bench_entities.py [--corpus PATH] [--docs 1000] [--repeat 2] [--backends rules,hybrid]

Ours: the whole `pressroom` command (a pipeline of `entities` and a JSONL export) on the first ``--docs``
releases of the corpus as it comes, minus the same command on the first release alone, so that
start-up (imports, gazetteers, the model for hybrid) is left out. Theirs: spaCy's small model, NER
only, `nlp.pipe` over the same titles and texts, model loading left out. Each is timed ``--repeat``
times and its fastest run counts (the machine is shared). Targets: rules >= 50x spaCy; hybrid no more
than 20% slower than spaCy (ratio >= 0.80).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from corpus import AU_PM, REPO, read_corpus
from pressroom.plugins.entities.spacy_backend import load_ner
from pressroom.plugins.entities.step import EntitiesOptions

PIPELINE = """steps:
  - use: entities
    with: {options}
  - use: export
    with: {{format: jsonl, path: {out}}}
"""


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def cli_seconds(workdir: Path, backend: str, inputs: dict[int, Path], repeat: int) -> float:
    """Seconds the command spends on all documents beyond the first: (N-document run) - (1-document run)."""
    pipeline = workdir / f"{backend}.yaml"
    out = workdir / f"{backend}-out.jsonl"
    pipeline.write_text(PIPELINE.format(options=json.dumps({"backend": backend}), out=json.dumps(str(out))))
    pressroom = str(REPO / ".venv" / "bin" / "pressroom")

    def run(path: Path) -> Callable[[], object]:
        command = [pressroom, "run", str(pipeline), "--input", str(path)]
        return lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    many, one = (best(run(inputs[n]), repeat) for n in sorted(inputs, reverse=True))
    return many - one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=AU_PM)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each; the fastest counts")
    parser.add_argument("--backends", default="rules,hybrid")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as handle:
        lines = list(islice(handle, args.docs))
    docs = read_corpus(args.corpus, args.docs)
    texts = [field for doc in docs for field in (doc.title, doc.text)]
    nlp = load_ner(EntitiesOptions().model)
    list(nlp.pipe(texts[:4]))  # warm-up outside the timing
    spacy_seconds = best(lambda: sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32)), args.repeat)
    print(f"{len(docs)} releases, {sum(map(len, texts)) / 1e6:.2f} M characters, best of {args.repeat} runs")
    print(f"spaCy {EntitiesOptions().model} NER nlp.pipe: {spacy_seconds:7.2f} s")
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp:
        workdir = Path(tmp)
        inputs = {}
        for count in (len(lines), 1):
            inputs[count] = workdir / f"in-{count}.jsonl"
            inputs[count].write_text("".join(lines[:count]), encoding="utf-8")
        for backend in args.backends.split(","):
            seconds = cli_seconds(workdir, backend, inputs, args.repeat)
            ratio = spacy_seconds / seconds
            target = "target >= 50x" if backend == "rules" else "target >= 0.80"
            print(f"pressroom run, entities {backend:6}: {seconds:7.2f} s beyond start-up; "
                  f"speed / spaCy = {ratio:.2f}x ({target})")


if __name__ == "__main__":
    main()
