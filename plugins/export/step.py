"""The export step: hands each document to the writer of its format; output appears atomically when the run completes.

The formats are writers that plugins provide through the ``pressroom_writers`` hook (the built-in ones too). The
step's options are ``format`` and, beside it, that writer's own options, validated by the writer's model.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from pydantic import (BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, model_serializer,
                      model_validator)
from pydantic_core import PydanticCustomError

from pressroom.core import Document, Step, Writer
from pressroom.core.preflight import Requirement
from pressroom.core.registry import Registry
from pressroom.core.storage import cannot_write, is_storage_failure
from pressroom.core.writer import Preparer

DEFAULT_FORMAT = "jsonl"


class ExportOptions(BaseModel):
    """``format`` plus the options of that format's writer, given side by side: ``{format: csv, path: out.csv}``."""

    model_config = ConfigDict(extra="forbid")

    format: str = Field(default=DEFAULT_FORMAT, description="output format: the name of an installed writer "
                                                            "(`pressroom plugins` lists them with their options)")
    _writer_class: type[Writer] = PrivateAttr()
    _writer_options: BaseModel = PrivateAttr()

    @model_validator(mode="wrap")
    @classmethod
    def _with_writer_options(cls, data: Any, handler: Any, info: ValidationInfo) -> ExportOptions:
        if isinstance(data, ExportOptions):
            return data
        values = dict(data or {}) if isinstance(data, dict) or data is None else data
        if not isinstance(values, dict):
            return handler(values)  # type: ignore[no-any-return]
        fmt = values.pop("format", DEFAULT_FORMAT)
        writer_class = _writer_class(fmt, values, info.context or {})
        try:
            writer_options = writer_class.Options.model_validate(values)
        except ValidationError as exc:
            raise _for_format(exc, fmt, writer_class) from None
        if getattr(writer_options, "path", None) == "-" and not writer_class.streams:
            raise _invalid((), values, f"format {fmt!r} cannot be written to standard output; give a path")
        options: ExportOptions = handler({"format": fmt})
        options._writer_class = writer_class
        options._writer_options = writer_options
        return options

    @model_serializer(mode="wrap")
    def _flat(self, handler: Any) -> dict[str, Any]:
        """Dumped as written in YAML: format beside the writer's options."""
        return {**handler(self), **self._writer_options.model_dump()}

    def __getattr__(self, name: str) -> Any:
        """The writer's options read as the step's (``options.path``), as they are written beside ``format``."""
        try:
            return super().__getattr__(name)  # type: ignore[misc]
        except AttributeError:
            private = object.__getattribute__(self, "__pydantic_private__") or {}
            writer_options = private.get("_writer_options")
            if writer_options is None or name not in type(writer_options).model_fields:
                raise
            return getattr(writer_options, name)

    @property
    def writer_class(self) -> type[Writer]:
        return self._writer_class

    @property
    def writer_options(self) -> BaseModel:
        return self._writer_options

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """``format`` and every installed writer's options; each format accepts only its own (JSON Schema if/then)."""
        schema = super().model_json_schema(*args, **kwargs)
        properties = schema["properties"]
        writers = Registry.discover().writers  # as `pressroom schema`: the installed formats
        properties["format"]["enum"] = sorted(writers)
        by_key: dict[str, list[Any]] = {}
        conditions = []
        for name in sorted(writers):
            options = writers[name].cls.Options.model_json_schema(*args, **kwargs)
            schema.setdefault("$defs", {}).update(options.pop("$defs", {}))
            own = options.get("properties", {})
            for key, value in own.items():
                by_key.setdefault(key, []).append(value)
            chosen: dict[str, Any] = {"properties": {"format": {"const": name}}}
            if name != DEFAULT_FORMAT:
                chosen["required"] = ["format"]
            conditions.append({"if": chosen, "then": {"properties": own, "propertyNames": {"enum": ["format", *own]}}})
        for key, variants in by_key.items():
            # Shown for completion; where formats disagree on a key's type, each format's own branch checks it.
            alike = all(_typed(v) == _typed(variants[0]) for v in variants)
            properties[key] = variants[0] if alike else {"description": variants[0].get("description", "")}
        schema["allOf"] = conditions
        if not schema.get("$defs", True):
            del schema["$defs"]
        return schema


def _writer_class(fmt: Any, values: dict[str, Any], context: dict[str, Any]) -> type[Writer]:
    """The writer of ``fmt``: from the validation context's ``registry`` (the pipeline's, given by
    ``Pipeline``), or its ``writer`` when a step's options are changed; without either, the installed plugins'."""
    known: type[Writer] | None = context.get("writer")
    if known is not None and known.name == fmt:
        return known
    registry: Registry = context.get("registry") or Registry.discover()
    writers = registry.writers_with(fmt)  # all of them only when the loaded plugins lack it
    provided = writers.get(fmt) if isinstance(fmt, str) else None
    if provided is None:
        raise _unknown_format(fmt, values, writers)
    writer_class: type[Writer] = provided.cls
    return writer_class


def _typed(property_schema: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in property_schema.items() if key not in ("description", "title")}


def _unknown_format(fmt: Any, values: dict[str, Any], writers: dict[str, Any]) -> ValidationError:
    """The unknown format, and the keys no format takes: every problem is reported at once."""
    close = difflib.get_close_matches(str(fmt), list(writers), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    message = f"unknown format; {hint}known: {', '.join(sorted(writers))}"
    errors: list[Any] = [{"type": PydanticCustomError("export_options", message), "loc": ("format",), "input": fmt}]
    known = sorted({key for provided in writers.values() for key in provided.cls.Options.model_fields})
    for key in values:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            message = f"unknown key {key!r} for step 'export'" + (f"; did you mean {near[0]!r}?" if near else "")
            errors.append({"type": PydanticCustomError("export_options", message), "loc": (key,),
                           "input": values[key]})
    return ValidationError.from_exception_data("ExportOptions", errors)


def _invalid(loc: tuple[str, ...], value: Any, message: str) -> ValidationError:
    error = PydanticCustomError("export_options", message)
    return ValidationError.from_exception_data("ExportOptions", [{"type": error, "loc": loc, "input": value}])


def _for_format(exc: ValidationError, fmt: str, writer_class: type[Writer]) -> ValidationError:
    """The writer's errors at the same keys; an unknown key names the format, and the close option it may mean."""
    known = list(writer_class.Options.model_fields)
    errors: list[Any] = []
    for error in exc.errors():
        if error["type"] == "extra_forbidden" and len(error["loc"]) == 1:
            key = str(error["loc"][0])
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"its options: {', '.join(known) or 'none'}"
            message = f"unknown key {key!r} for format {fmt!r}; {hint}"
            errors.append({"type": PydanticCustomError("export_options", message), "loc": error["loc"],
                           "input": error["input"]})
        else:
            errors.append({key: error[key] for key in ("type", "loc", "input", "ctx") if key in error})
    return ValidationError.from_exception_data("ExportOptions", errors)


class ExportStep(Step):
    name = "export"
    version = "1.0.0"
    description = "write every document that reaches this step to a file"
    Options: ClassVar[type[BaseModel]] = ExportOptions
    reads = frozenset({"id", "title", "text", "date", "source", "metadata", "entities", "dates"})
    writes_output = True

    options: ExportOptions

    def setup(self) -> None:
        with self._storage():
            self.writer = self.options.writer_class(self.options.writer_options)

    def process(self, doc: Document) -> Document:
        with self._storage():
            self.writer.write(doc)
        return doc

    def preparer(self) -> Preparer | None:
        """What workers compute of each document for ``write_packed``; None when the format prepares nothing."""
        writer_class = self.options.writer_class
        return Preparer(writer_class, self.options.writer_options) if writer_class.prepares() else None

    def write_packed(self, text: bytes, prepared: Any) -> None:
        """``process`` of the document whose JSON a worker sent, with what ``preparer`` made of it there."""
        with self._storage():
            self.writer.write_packed(text, prepared)

    def close(self) -> None:
        with self._storage():
            self.writer.commit()

    @contextmanager
    def _storage(self) -> Iterator[None]:
        """A writer failing to write is a failure of the run (full disk, read-only folder), not of the document:
        StorageError stops the run, every writer discards its output and the previous outputs stay."""
        try:
            yield
        except Exception as exc:
            if is_storage_failure(exc):
                raise cannot_write(next(iter(self.outputs()), self.step_id), exc) from None
            raise

    def abort(self) -> None:
        self.writer.discard()

    def requirements(self) -> tuple[Requirement | str, ...]:
        return (*self.requires, *self.options.writer_class.requires)

    def outputs(self) -> list[str]:
        return self.options.writer_class.outputs(self.options.writer_options)

    def redirected(self, path: str) -> ExportStep | None:
        """Formats that stream documents (jsonl) take ``--output``; the others write tables, not the stream. The
        stream is one file: a sharded export redirected writes it whole."""
        fields = type(self.options.writer_options).model_fields
        if not self.options.writer_class.streams or "path" not in fields:
            return None
        return self._changed(path=path, **({"shards": False} if "shards" in fields else {}))

    def appending(self) -> ExportStep | None:
        if "mode" not in type(self.options.writer_options).model_fields:
            return None
        return self._changed(mode="append")

    def _changed(self, **options: Any) -> ExportStep:
        changed = {**self.options.model_dump(), **options}
        context = {"writer": self.options.writer_class}  # the pipeline's, whichever registry it came from
        return ExportStep(ExportOptions.model_validate(changed, context=context), step_id=self.step_id)
