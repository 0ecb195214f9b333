"""Speed of the `entities` step as users run it, against spaCy's small model (issue 9's figure).

    python benchmarks/bench_entities.py [--corpus PATH] [--docs 1000] [--repeat 2] [--backends rules,hybrid]

Ours: the whole `pressroom` command (a pipeline of `entities` and a JSONL export) on the first ``--docs``
releases of the corpus as it comes, minus the same command on the first release alone, so that
start-up (imports, gazetteers, the model for hybrid) is left out. Theirs: spaCy's small model, NER
only, `nlp.pipe` over the same titles and texts, model loading left out. Each is timed ``--repeat``
times and its fastest run counts (the machine is shared), in wall seconds and in CPU seconds (user +
system, the command's process or this one for spaCy, all threads): on a shared machine the CPU
figure is the steadier one. Targets: rules >= 50x spaCy; hybrid no more than 20% slower than spaCy
(ratio >= 0.80).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from corpus import AU_PM, REPO, read_corpus
from pressroom.plugins.entities.spacy_backend import load_ner
from pressroom.plugins.entities.step import EntitiesOptions

# No ledger: a second timed run would reuse the first one's documents and tag none.
PIPELINE = """ledger: null
steps:
  - use: entities
    with: {options}
  - use: export
    with: {{format: jsonl, path: {out}}}
"""


class Seconds(NamedTuple):
    wall: float
    cpu: float


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(run: Callable[[], object], repeat: int) -> Seconds:
    """The fastest of ``repeat`` runs, in wall and (separately) CPU seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, began = _cpu(), time.perf_counter()
        run()
        walls.append(time.perf_counter() - began)
        cpus.append(_cpu() - cpu)
    return Seconds(min(walls), min(cpus))


def cli_seconds(workdir: Path, backend: str, inputs: dict[int, Path], repeat: int) -> Seconds:
    """Seconds the command spends on all documents beyond the first: (N-document run) - (1-document run)."""
    pipeline = workdir / f"{backend}.yaml"
    out = workdir / f"{backend}-out.jsonl"
    pipeline.write_text(PIPELINE.format(options=json.dumps({"backend": backend}), out=json.dumps(str(out))))
    pressroom = str(REPO / ".venv" / "bin" / "pressroom")

    def run(path: Path) -> Callable[[], object]:
        command = [pressroom, "run", str(pipeline), "--input", str(path)]
        return lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    many, one = (best(run(inputs[n]), repeat) for n in sorted(inputs, reverse=True))
    return Seconds(many.wall - one.wall, many.cpu - one.cpu)


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
    spacy = best(lambda: sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32)), args.repeat)
    print(f"{len(docs)} releases, {sum(map(len, texts)) / 1e6:.2f} M characters, best of {args.repeat} runs")
    print(f"spaCy {EntitiesOptions().model} NER nlp.pipe: {spacy.wall:7.2f} s wall, {spacy.cpu:7.2f} s CPU")
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp:
        workdir = Path(tmp)
        inputs = {}
        for count in (len(lines), 1):
            inputs[count] = workdir / f"in-{count}.jsonl"
            inputs[count].write_text("".join(lines[:count]), encoding="utf-8")
        for backend in args.backends.split(","):
            ours = cli_seconds(workdir, backend, inputs, args.repeat)
            target = "target >= 50x" if backend == "rules" else "target >= 0.80"
            print(f"pressroom run, entities {backend:6}: {ours.wall:7.2f} s wall, {ours.cpu:7.2f} s CPU beyond start-up; "
                  f"speed / spaCy = {spacy.wall / ours.wall:.2f}x wall, {spacy.cpu / ours.cpu:.2f}x CPU ({target})")


if __name__ == "__main__":
    main()
