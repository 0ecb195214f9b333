"""A test plugin: a third-party format that offers shards through the writer API. Each line names the process
that wrote it and the document, so a test can tell which process wrote which part."""

import os
import shutil
from pathlib import Path

from pressroom.core import ShardableOptions, Writer, hookimpl
from pressroom.core.atomic import AtomicFile


class PidLinesWriter(Writer):
    name = "pidlines"
    description = "one 'pid<TAB>id' line per document"
    Options = ShardableOptions

    def __init__(self, options):
        super().__init__(options)
        self.file = AtomicFile(options.path)

    def write(self, doc):
        self.file.stream.write(f"{os.getpid()}\t{doc.id}\n".encode())

    def commit(self):
        self.file.commit()

    def discard(self):
        self.file.discard()

    @classmethod
    def part(cls, options, folder, name):
        return ShardableOptions(path=str(Path(folder) / f"{name}.txt"))

    @classmethod
    def merge(cls, parts, options):
        merged = AtomicFile(options.path)
        for part in parts:
            with open(part.path, "rb") as source:
                shutil.copyfileobj(source, merged.stream)
        merged.commit()


@hookimpl
def pressroom_writers():
    return [PidLinesWriter]
