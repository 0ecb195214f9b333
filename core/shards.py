"""Sharded outputs: the workers write part files of one output; the main process only keeps their order.

A format offers it through the writer API (``ShardableOptions``, ``Writer.part``, ``Writer.merge``); no format is
named here. With ``shards: true`` the output ``path`` is a folder::

    out/releases.jsonl/
        .manifest.json          format, options and parts in input order, with their files and document counts
        part-000000.jsonl       the documents of the first chunk that reached the output
        part-000001.jsonl       ...

Workers write their parts into a staging folder beside ``path`` (the workers of a Dask cluster need a file system
shared with the client); the main process learns each part's name with its chunk's results, in input order, and
when the run completes renames the parts into their order, writes the manifest and puts the folder in place of the
previous output. A run that stops early removes the staging folder. ``merge_output`` (``pressroom merge``) turns
the folder into the one-file output, byte for byte what a run without shards writes.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pressroom.core.document import Document
from pressroom.core.errors import PressroomError
from pressroom.core.stats import StepStats
from pressroom.core.step import Drop, Step
from pressroom.core.storage import cannot_write, is_storage_failure
from pressroom.core.writer import Writer

MANIFEST = ".manifest.json"
#: The counter a part writer announces a part under (its value: the part's documents); the main process takes
#: these out of each chunk's stats in input order.
_PART_COUNTER = "\x00part "


def part_name(index: int) -> str:
    return f"part-{index:06d}"


def part_files(writer_class: type[Writer], options: BaseModel, folder: Path, name: str) -> list[Path]:
    return [Path(path) for path in writer_class.outputs(writer_class.part(options, folder, name))]


def write_part(writer_class: type[Writer], options: BaseModel, folder: Path, docs: Sequence[Document]) -> str:
    """Write ``docs`` as one part in ``folder`` under a name of its own; return that name. A failure to write is
    the run's (StorageError), not the documents'."""
    name = f"tmp-{uuid.uuid4().hex}"
    try:
        writer = writer_class(writer_class.part(options, folder, name))
        try:
            for doc in docs:
                writer.write(doc)
            writer.commit()
        except BaseException:
            writer.discard()
            raise
    except Exception as exc:
        if is_storage_failure(exc):
            raise cannot_write(folder.parent, exc) from None
        raise
    return name


class PartWriter(Step):
    """Stands in for a sharded output step in the executor: writes each batch it gets as a part file.

    It takes the output step's id, so the run's report counts its documents under that step."""

    name = "part-writer"
    writes_output = True

    def __init__(self, step_id: str, writer_class: type[Writer], options: BaseModel, staging: Path) -> None:
        super().__init__({}, step_id=step_id)
        self.writer_class = writer_class
        self.writer_options = options
        self.staging = staging

    def process_batch(self, docs: Sequence[Document]) -> list[Document | Drop]:
        name = write_part(self.writer_class, self.writer_options, self.staging, docs)
        self.count(_PART_COUNTER + name, len(docs))
        return list(docs)

    def process(self, doc: Document) -> Document | Drop:
        return self.process_batch([doc])[0]


def take_parts(stats: StepStats) -> list[tuple[str, int]]:
    """The parts a chunk's part writer announced, in the order written, taken out of its counters."""
    parts = [(key[len(_PART_COUNTER):], count) for key, count in stats.counters.items()
             if key.startswith(_PART_COUNTER)]
    for name, _ in parts:
        del stats.counters[_PART_COUNTER + name]
    return parts


class ShardedOutput(Step):
    """The main process's side of one sharded output step: the staging folder, the parts in input order, and the
    publication. Set up, closed (published) and aborted (discarded) with the run's output steps."""

    name = "sharded-output"
    writes_output = True

    def __init__(self, step: Step, writer_class: type[Writer], options: BaseModel) -> None:
        super().__init__({}, step_id=step.step_id)
        self.writer_class = writer_class
        self.writer_options = options
        self.target = Path(getattr(options, "path")).resolve()
        self.staging = self.target.with_name(f".{self.target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.parts")
        self.parts: list[tuple[str, int]] = []

    def setup(self) -> None:
        try:
            self.staging.mkdir(parents=True)
            if getattr(self.writer_options, "mode", "replace") == "append" and (self.target / MANIFEST).exists():
                self._keep_earlier_parts()
        except OSError as exc:
            self.abort()
            raise cannot_write(self.target, exc) from None

    def part_writer(self) -> PartWriter:
        return PartWriter(self.step_id, self.writer_class, self.writer_options, self.staging)

    def take(self, chunk_stats: dict[str, StepStats], written: Sequence[Document] | None) -> None:
        """Add the parts a chunk's results announce; ``written``: the chunk's documents in input order when the
        ledger remembered some of them, which the workers did not see, so this process writes the chunk's part."""
        parts = self._announced(chunk_stats)
        if written is None:
            self.parts.extend(parts)
        else:
            self._rewrite(parts, written)

    def drop(self, chunk_stats: dict[str, StepStats]) -> None:
        """Remove the parts a chunk's results announce: the run keeps other results of that chunk."""
        self._rewrite(self._announced(chunk_stats), ())

    def _announced(self, chunk_stats: dict[str, StepStats]) -> list[tuple[str, int]]:
        return take_parts(chunk_stats[self.step_id]) if self.step_id in chunk_stats else []

    def _keep_earlier_parts(self) -> None:
        """``mode: append``: the earlier run's parts come first, linked (or copied) into the new folder."""
        manifest = read_manifest(self.target)
        for part in manifest["parts"]:
            for file in part["files"]:
                source, copy = self.target / file, self.staging / file
                copy.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(source, copy)
                except OSError:
                    shutil.copy2(source, copy)
            self.parts.append((part["name"], part["documents"]))

    def _rewrite(self, dropped: list[tuple[str, int]], docs: Sequence[Document]) -> None:
        for name, _ in dropped:
            for file in part_files(self.writer_class, self.writer_options, self.staging, name):
                file.unlink(missing_ok=True)
        if docs:
            self.parts.append((write_part(self.writer_class, self.writer_options, self.staging, docs), len(docs)))

    def close(self) -> None:
        """Number the parts in input order, write the manifest, and put the folder in place of the old output."""
        entries = []
        try:
            for index, (name, documents) in enumerate(self.parts):
                final = part_name(index)
                files = part_files(self.writer_class, self.writer_options, self.staging, final)
                if name != final:
                    for old, new in zip(part_files(self.writer_class, self.writer_options, self.staging, name), files):
                        if new.parent != self.staging:
                            new.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(old, new)
                        if old.parent != self.staging:
                            with suppress(OSError):
                                old.parent.rmdir()  # a part's own folder, once empty
                entries.append({"name": final, "documents": documents,
                                "files": [str(file.relative_to(self.staging)) for file in files]})
            manifest = {"format": self.writer_class.name, "options": self.writer_options.model_dump(mode="json"),
                        "documents": sum(documents for _, documents in self.parts), "parts": entries}
            (self.staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
            self._publish()
        except OSError as exc:
            self.abort()
            raise cannot_write(self.target, exc) from None

    def _publish(self) -> None:
        """Swap the folders: the old output is renamed aside, the new one into place, then the old one removed."""
        old = self.staging.with_suffix(".old")
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, old)
        os.replace(self.staging, self.target)
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def sharded_outputs(in_order: Sequence[Step]) -> dict[Step, ShardedOutput]:
    """The output steps at the head of ``in_order`` (``StepSplit.in_order``) whose writers are asked for shards,
    each with the main process's side of its output. They see the documents as the processing steps leave them,
    so the workers can write them.

    Output steps that hand documents to a ``Writer`` (the ``export`` step) expose it on their options as
    ``writer_class`` and ``writer_options``."""
    sharded = {}
    for step in in_order:
        if not step.writes_output:
            break
        writer_class = getattr(step.options, "writer_class", None)
        options = getattr(step.options, "writer_options", None)
        if writer_class is not None and options is not None and writer_class.sharded(options):
            sharded[step] = ShardedOutput(step, writer_class, options)
    return sharded


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PressroomError(f"{folder} is not a sharded output: it has no {MANIFEST} (a run with shards: true "
                             "writes one when it completes)") from None
    except (OSError, ValueError) as exc:
        raise PressroomError(f"{path}: cannot read the manifest ({exc})") from None
    return manifest


def merge_output(folder: Path, target: str, writers: dict[str, Any]) -> int:
    """Write the one-file output of the sharded output ``folder`` to ``target``; return the documents merged.

    ``writers``: the registry's writers by name. The other options (CSV's span files, ...) are the run's own."""
    manifest = read_manifest(folder)
    provided = writers.get(str(manifest.get("format")))
    if provided is None:
        raise PressroomError(f"{folder}: format {manifest.get('format')!r} of this output is not installed "
                             f"(installed: {', '.join(sorted(writers))}); name the plugin that provides it with "
                             "--plugins")
    writer_class: type[Writer] = provided.cls
    recorded = writer_class.Options.model_validate(manifest["options"])
    merged = writer_class.Options.model_validate({**manifest["options"], "path": target, "shards": False,
                                                  "mode": "replace"})
    if Path(target).resolve() == folder.resolve():
        raise PressroomError(f"merge {folder}: the merged output needs another path than the folder of parts")
    missing = [str(folder / file) for part in manifest["parts"] for file in part["files"]
               if not (folder / file).exists()]
    if missing:
        raise PressroomError(f"{folder}: part files listed in {MANIFEST} are missing: {', '.join(missing[:3])}")
    parts = [writer_class.part(recorded, folder, part["name"]) for part in manifest["parts"]]
    writer_class.merge(parts, merged)
    return int(manifest["documents"])
