"""The set-up data cache: built once, read back while the key holds, built again when it changes, when the file is
damaged or when it cannot be written; never a temporary left behind."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

from pressroom.core.cache import CACHE_DIR_VARIABLE, cache_dir, cached


class Builder:
    """Builds a word set and counts how often it had to."""

    def __init__(self, words: frozenset[str] = frozenset({"Canberra", "Sydney"})) -> None:
        self.words = words
        self.calls = 0

    def __call__(self) -> frozenset[str]:
        self.calls += 1
        return self.words


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_built_once_then_read_from_the_cache(folder: Path) -> None:
    build = Builder()
    first = cached("places", b"v1", build)
    second = cached("places", b"v1", build)
    assert first == second == build.words
    assert build.calls == 1
    (stored,) = folder.glob("places-*.pickle")
    assert pickle.loads(stored.read_bytes()) == build.words
    assert [path.name for path in folder.iterdir()] == [stored.name]  # no temporary left


def test_another_key_builds_again_and_replaces_the_old_file(folder: Path) -> None:
    cached("places", b"v1", Builder())
    build = Builder(frozenset({"Perth"}))
    assert cached("places", b"v2", build) == frozenset({"Perth"})
    assert build.calls == 1
    assert len(list(folder.glob("places-*.pickle"))) == 1
    assert cached("places", b"v2", build) == frozenset({"Perth"}) and build.calls == 1


def test_other_names_keep_their_files(folder: Path) -> None:
    cached("places", b"v1", Builder())
    cached("places-extra", b"v1", Builder())
    cached("places", b"v2", Builder())
    assert len(list(folder.glob("places-extra-*.pickle"))) == 1


def test_a_damaged_file_is_built_again_and_rewritten(folder: Path) -> None:
    cached("places", b"v1", Builder())
    (stored,) = folder.glob("places-*.pickle")
    stored.write_bytes(stored.read_bytes()[:20])
    build = Builder()
    assert cached("places", b"v1", build) == build.words
    assert build.calls == 1
    assert pickle.loads(stored.read_bytes()) == build.words


def test_a_folder_that_cannot_be_written_means_building_every_time(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    build = Builder()
    assert cached("places", b"v1", build) == build.words
    assert cached("places", b"v1", build) == build.words
    assert build.calls == 2


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    build = Builder()
    cached("places", b"v1", build)
    cached("places", b"v1", build)
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "pressroom"


def test_no_home_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # what it gives when HOME and passwd both fail
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    cached("places", b"v1", Builder())
    assert list(tmp_path.iterdir()) == []


def test_a_value_that_cannot_be_pickled_is_an_error_with_no_temporary_left(folder: Path) -> None:
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        cached("locks", b"v1", threading.Lock)
    assert list(folder.iterdir()) == []


def test_names_that_could_match_other_files_are_refused(folder: Path) -> None:
    with pytest.raises(ValueError, match="cache name"):
        cached("places*", b"v1", Builder())
    with pytest.raises(ValueError, match="cache name"):
        cached("../places", b"v1", Builder())
