"""A JSON Schema for pipeline files, with the options of every installed step, for editors and linters."""

from __future__ import annotations

from typing import Any

from pressroom.core.config import PipelineConfig, StepConfig
from pressroom.core.registry import Registry

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def pipeline_schema(registry: Registry) -> dict[str, Any]:
    """PipelineConfig's schema in which each step entry is one of the installed steps with its own options."""
    schema = PipelineConfig.model_json_schema(by_alias=True)
    schema["$schema"] = SCHEMA_URI
    schema["title"] = "Pressroom pipeline"
    definitions = schema.setdefault("$defs", {})
    variants = []
    # Every key of a step entry but use and with (id, and any the configuration adds), as StepConfig declares it.
    step_keys = {key: value for key, value in StepConfig.model_json_schema(by_alias=True)["properties"].items()
                 if key not in ("use", "with")}
    for name, provided in sorted(registry.steps.items()):
        options = provided.cls.Options.model_json_schema(ref_template="#/$defs/{model}")
        definitions.update(options.pop("$defs", {}))
        options.setdefault("description", provided.cls.description or f"options of step {name!r}")
        variants.append({
            "type": "object",
            "title": name,
            "description": provided.cls.description,
            "properties": {
                "use": {"const": name},
                **step_keys,
                "with": options,
            },
            "required": ["use"],
            "additionalProperties": False,
        })
    schema["properties"]["steps"] = {"type": "array", "description": "steps in order", "items": {"oneOf": variants}}
    definitions.pop("StepConfig", None)
    return schema
