"""The schema of a pipeline file. Unknown keys are errors, never ignored."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


_ONE_OR_MORE_PATHS = WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})


class InputConfig(_Strict):
    path: Annotated[list[str], _ONE_OR_MORE_PATHS] = Field(
        default_factory=list, description="files, folders, glob patterns, or '-' for JSONL on stdin")
    format: str = Field(default="auto", description="reader name, or 'auto' to choose by extension and content")

    @field_validator("path", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class StepConfig(_Strict):
    use: str = Field(description="name of the step plugin")
    id: str | None = Field(default=None, description="unique name of this step in summaries and history")
    with_: dict[str, Any] = Field(default_factory=dict, alias="with", description="the plugin's options")
    timeout: float | None = Field(
        default=None, gt=0, description="seconds a document may spend in this step; past them it is quarantined "
                                        "as 'timed out after N s' and the run goes on")


class PipelineTest(_Strict):
    """An example document and what the pipeline must make of it (``pressroom test``, and pytest)."""

    name: str = Field(description="shown in test reports")
    input: dict[str, Any] = Field(
        description="document fields (id, title, text, date, metadata), or {file: PATH} relative to the pipeline")
    expect: dict[str, Any] = Field(
        description="expected fields: scalars equal, metadata a subset, each listed entity/date span present "
                    "(only the keys given are compared); or dropped: part of the drop reason")


class PipelineConfig(_Strict):
    input: InputConfig = Field(default_factory=InputConfig)
    on_error: Literal["fail", "skip", "quarantine"] = Field(
        default="quarantine", description="what happens to a document whose step raises or whose record is bad")
    quarantine: str = Field(default="out/quarantine.jsonl", description="JSONL file of quarantined records")
    duplicates: Literal["error", "keep-first"] = Field(
        default="error", description="a document whose id an earlier one had: 'error' handles it as a bad record "
                                     "(on_error), 'keep-first' drops it, counted with the reason")
    max_failures: int | str | None = Field(
        default=None, description="stop with exit code 1 once more documents failed than this count or 'N%'")
    workers: int = Field(default=1, ge=1, description="worker processes (local) or local cluster workers (dask)")
    executor: Literal["local", "dask"] = Field(default="local", description="where the steps run")
    address: str | None = Field(default=None, description="Dask scheduler address; none starts a local cluster")
    ledger: str | None = Field(
        default="out/ledger.sqlite",
        description="SQLite file remembering processed documents, for resume and incremental runs; null disables")
    batch_size: int = Field(default=64, ge=1, description="documents handed to a step (and a worker) at once")
    plugins: list[str] = Field(default_factory=list, description="extra plugin modules or .py files to load")
    steps: list[StepConfig] = Field(default_factory=list)
    tests: list[PipelineTest] = Field(default_factory=list, description="expected results on example documents")

    @field_validator("max_failures")
    @classmethod
    def _count_or_percent(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, str) and not _PERCENT.match(value):
            raise ValueError("must be a count such as 10 or a share such as '1%'")
        if isinstance(value, int) and value < 0:
            raise ValueError("must not be negative")
        return value

    def failure_limit(self, total: int, final: bool = False) -> float:
        """How many failures are allowed among ``total`` documents read so far.

        A share is judged on the whole run: before the end, it never stops the run for a single failure, so
        that ``1%`` does not stop a run whose first document fails.
        """
        if self.max_failures is None:
            return float("inf")
        if isinstance(self.max_failures, int):
            return self.max_failures
        match = _PERCENT.match(self.max_failures)
        assert match is not None  # checked by the validator
        share = total * float(match.group(1)) / 100
        return share if final else max(share, 1.0)
