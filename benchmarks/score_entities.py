"""Entity quality of each backend on the dev sets, with the project's one scorer (../shared/eval).

    python benchmarks/score_entities.py [--backends rules,hybrid] [--datasets meantime,wikigold]
                                        [--eval ../shared/eval/run.py] [--keep DIR]

For each backend and data set this runs `python3 ../shared/eval/run.py pressroom DATASET` with
$PRESSROOM_ENTITIES_WITH set to the backend (the scorer runs the `pressroom` command itself) and prints
its micro and per-label precision, recall and F1 (exact span and label). ``--keep DIR`` keeps the
scorer's input, pipeline and output under DIR/BACKEND-DATASET for error analysis.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from corpus import REPO, SHARED


def score(evaluator: Path, backend: str, dataset: str, keep: Path | None) -> dict[str, object]:
    env = dict(os.environ, PRESSROOM_ENTITIES_WITH=json.dumps({"backend": backend}))
    command = [sys.executable, str(evaluator), "pressroom", dataset]
    if keep is not None:
        command += ["--keep", str(keep / f"{backend}-{dataset}")]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="rules,hybrid")
    parser.add_argument("--datasets", default="meantime,wikigold")
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "run.py")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    print(f"{'backend':8} {'dataset':9} {'P':>6} {'R':>6} {'F1':>6}  per label F1 (P)")
    for backend in args.backends.split(","):
        for dataset in args.datasets.split(","):
            entities = score(args.eval, backend, dataset, args.keep)["entities"]
            assert isinstance(entities, dict)
            micro = entities["micro"]
            labels = "  ".join(f"{k} {v['f1']:.3f} ({v['p']:.3f})" for k, v in entities["per_label"].items())
            print(f"{backend:8} {dataset:9} {micro['p']:6.3f} {micro['r']:6.3f} {micro['f1']:6.3f}  {labels}")


if __name__ == "__main__":
    main()
