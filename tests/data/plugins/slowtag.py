"""A test plugin: tags each document after a short pause (to be killable mid-run) and fails on 'FAILME'."""

import os
import time

from pydantic import BaseModel, ConfigDict, Field

from pressroom.core import Document, Step, hookimpl


class SlowTagOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pause: float = Field(default=0.0, description="seconds to sleep per document")
    tag: str = Field(default="v1", description="written to metadata['tag']")


class SlowTag(Step):
    name = "slowtag"
    version = "1.0.0"
    Options = SlowTagOptions
    reads = frozenset({"text"})
    changes = frozenset({"metadata"})

    def setup(self) -> None:
        self.count("setups")

    def process(self, doc: Document) -> Document:
        if "FAILME" in doc.text and not os.environ.get("SLOWTAG_FIXED"):
            raise ValueError("FAILME found")
        time.sleep(self.options.pause)
        self.count("tagged")
        metadata = {**doc.metadata, "tag": self.options.tag, "pid_parity": None}
        return doc.model_copy(update={"metadata": metadata})


@hookimpl
def pressroom_steps():
    return [SlowTag]
