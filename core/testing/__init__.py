"""Pressroom's testing kit: build documents, run steps and pipelines in memory, check the step contract.

Also a pytest plugin (installed with Pressroom): fixtures ``make_document``, ``sample_documents``, ``run_step`` and
``run_pipeline``, and collection of the ``tests:`` sections of pipeline YAML files.
"""

from pressroom.core.testing.contract import (
    StepContract,
    assert_contract,
    check_contract,
)
from pressroom.core.testing.documents import make_document, sample_documents
from pressroom.core.testing.pipeline_tests import TestResult, run_pipeline_tests
from pressroom.core.testing.running import StepRun, make_step, run_pipeline, run_step, run_steps

__all__ = [
    "StepContract",
    "StepRun",
    "TestResult",
    "assert_contract",
    "check_contract",
    "make_document",
    "make_step",
    "run_pipeline",
    "run_pipeline_tests",
    "run_step",
    "run_steps",
    "sample_documents",
]
