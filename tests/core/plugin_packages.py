"""Plugins laid out as pip installs them (a module, its .dist-info and entry point), for the tests of plugin seams."""

from __future__ import annotations

import textwrap
from pathlib import Path


def install_package(site: Path, module: str, code: str, entry_name: str, version: str = "1.2.0") -> None:
    """Lay out a module and its .dist-info as pip would, so importlib.metadata finds the entry point."""
    (site / f"{module}.py").write_text(textwrap.dedent(code))
    info = site / f"{module}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[pressroom]\n{entry_name} = {module}\n")


#: A third-party output format: ``id<TAB>title`` lines, published whole on commit, appended to in append mode.
TSV_WRITER = '''
import sys
from pydantic import Field
from pressroom.core import Writer, WriterOptions, hookimpl

class TsvOptions(WriterOptions):
    header: bool = Field(default=False, description="write an 'id<TAB>title' header line first")

class TsvWriter(Writer):
    name = "tsv"
    description = "id and title of each document, tab-separated"
    Options = TsvOptions
    streams = True

    def __init__(self, options):
        super().__init__(options)
        self.lines = ["id\\ttitle\\n"] if options.header else []

    def write(self, doc):
        self.lines.append(f"{doc.id}\\t{doc.title}\\n")

    def commit(self):
        if self.options.path == "-":
            sys.stdout.write("".join(self.lines))
            return
        with open(self.options.path, "a" if self.options.mode == "append" else "w", encoding="utf-8") as out:
            out.writelines(self.lines)

    def discard(self):
        self.lines = []

@hookimpl
def pressroom_writers():
    return [TsvWriter]
'''

#: A third-party output step, not built on the export step: the documents as JSON lines, written on close.
MIRROR_STEP = '''
import sys
from pydantic import BaseModel, ConfigDict, Field
from pressroom.core import Step, hookimpl

class MirrorOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(default="mirror.jsonl", description="where the documents go; '-' for standard output")
    add: bool = Field(default=False, description="add to the file rather than replace it")

class Mirror(Step):
    name = "mirror"
    version = "0.1.0"
    Options = MirrorOptions
    reads = frozenset({"id", "title", "text"})
    writes_output = True

    def setup(self):
        self.lines = []

    def process(self, doc):
        self.lines.append(doc.model_dump_json() + "\\n")
        return doc

    def close(self):
        if self.options.path == "-":
            sys.stdout.write("".join(self.lines))
            return
        with open(self.options.path, "a" if self.options.add else "w", encoding="utf-8") as out:
            out.writelines(self.lines)

    def abort(self):
        self.lines = []

    def redirected(self, path):
        return Mirror({**self.options.model_dump(), "path": path}, step_id=self.step_id)

    def appending(self):
        return Mirror({**self.options.model_dump(), "add": True}, step_id=self.step_id)

@hookimpl
def pressroom_steps():
    return [Mirror]
'''
