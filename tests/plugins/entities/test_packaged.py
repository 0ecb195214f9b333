"""The entities step's packaged data: what the cache gives back is what the files say, and an edited file is read
again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pressroom.core.cache import CACHE_DIR_VARIABLE
from pressroom.plugins.entities import packaged

DATA = Path(packaged.__file__).parent / "data"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def listed(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("name", ["given_names.txt", "surnames.txt", "common_words.txt", "places.txt"])
def test_lists_from_the_cache_are_the_files_lines(name: str, cache_folder: Path) -> None:
    expected = listed(name)
    assert packaged.read_lines(name) == expected  # parsed, and stored
    assert packaged.read_lines(name) == expected  # from the cache
    assert len(list(cache_folder.glob(f"entities-lines-{name}-*.pickle"))) == 1


def test_yaml_from_the_cache_is_the_file(cache_folder: Path) -> None:
    expected = yaml.safe_load((DATA / "shapes.yaml").read_text(encoding="utf-8"))
    assert packaged.read_yaml("shapes.yaml") == expected
    assert packaged.read_yaml("shapes.yaml") == expected
    assert list(cache_folder.glob("entities-yaml-shapes.yaml-*.pickle"))


def test_an_edited_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = tmp_path / "given_names.txt"
    monkeypatch.setattr(packaged, "_data", lambda name: tmp_path / name)
    listing.write_text("# header\nAda\nGrace\n", encoding="utf-8")
    assert packaged.read_lines("given_names.txt") == ["Ada", "Grace"]
    listing.write_text("# header\nAda\n\nLinus\n", encoding="utf-8")
    assert packaged.read_lines("given_names.txt") == ["Ada", "Linus"]


def test_prebuilt_builds_again_when_its_inputs_change(tmp_path: Path) -> None:
    user_file = tmp_path / "gazetteer.yaml"
    user_file.write_text("- {name: Canberra, label: GPE}\n", encoding="utf-8")
    calls: list[str] = []

    def build() -> dict[str, str]:
        calls.append("built")
        return {"text": user_file.read_text(encoding="utf-8")}

    first = packaged.prebuilt("test-tagger", build, files=[user_file], versions=["1"])
    assert packaged.prebuilt("test-tagger", build, files=[user_file], versions=["1"]) == first
    assert len(calls) == 1
    user_file.write_text("- {name: Sydney, label: GPE}\n", encoding="utf-8")
    assert "Sydney" in packaged.prebuilt("test-tagger", build, files=[user_file], versions=["1"])["text"]
    packaged.prebuilt("test-tagger", build, files=[user_file], versions=["2"])
    assert len(calls) == 3


def test_the_step_reads_its_rules_tagger_from_the_cache_and_a_changed_gazetteer_builds_it_again(
    cache_folder: Path, tmp_path: Path
) -> None:
    from pressroom.plugins.entities.step import EntitiesStep

    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text("- {name: Lake Issyk-Kul, label: LOC}\n", encoding="utf-8")
    text = "Mr Dudley swam in Lake Issyk-Kul with William C. Dudley."

    def spans() -> list[tuple[str, str]]:
        step = EntitiesStep({"gazetteers": [str(gazetteer)]})
        step.setup()
        return [(text[m.start : m.end], m.label) for m in step._tagger.tag(text)]  # type: ignore[union-attr]

    built = spans()
    assert ("Lake Issyk-Kul", "LOC") in built and ("William C. Dudley", "PERSON") in built
    stored = list(cache_folder.glob("entities-built-rules-tagger-*.pickle"))
    assert len(stored) == 1
    assert spans() == built  # read back from the file just written
    gazetteer.write_text("- {name: Lake Issyk-Kul, label: GPE}\n", encoding="utf-8")
    assert ("Lake Issyk-Kul", "GPE") in spans()  # the user's file changed: built again, not the stale tagger
    assert list(cache_folder.glob("entities-built-rules-tagger-*.pickle")) != stored


def test_the_code_is_fingerprinted_before_its_modules_are_imported() -> None:
    """A module edited after the process imported it does not change the key the process files its objects under:
    the digests are taken before any other module of the package is imported, also when a module is imported
    directly (a test, `python -m pressroom.plugins.entities.explain`) rather than through the plugin's hook."""
    script = """
import hashlib, sys
real = hashlib.sha256
imported_then = []
def recording(*args):
    if sys._getframe(1).f_code.co_filename.endswith("fingerprint.py") and not imported_then:
        imported_then.append(sorted(name for name in sys.modules if name.startswith("pressroom.plugins.entities.")))
    return real(*args)
hashlib.sha256 = recording
import pressroom.plugins.entities.step
hashlib.sha256 = real
assert imported_then == [["pressroom.plugins.entities.fingerprint"]], imported_then
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
