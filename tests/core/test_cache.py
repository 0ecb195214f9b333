"""The set-up data cache: built once, read back while the key holds, built again when it changes, when the file is
damaged or when it cannot be written; never a temporary left behind."""

from __future__ import annotations

import os
import pickle
import re
import threading
from pathlib import Path

import pytest

from pressroom.core.cache import CACHE_DIR_VARIABLE, KEPT_VERSIONS, cache_dir, cached, kept, release_shared, sharing


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


def test_versions_that_take_turns_each_keep_their_file(folder: Path) -> None:
    """Two checkouts of different versions alternating: each reads its own value, none builds it again."""
    old, new = Builder(), Builder(frozenset({"Perth"}))
    for _ in range(3):
        assert cached("places", b"v1", old) == old.words
        assert cached("places", b"v2", new) == new.words
    assert (old.calls, new.calls) == (1, 1)
    assert len(list(folder.glob("places-*.pickle"))) == 2


def test_beyond_the_kept_versions_the_least_recently_used_goes(folder: Path) -> None:
    files: dict[bytes, Path] = {}
    clock = iter(range(1_000, 100_000, 1_000))

    def use(key: bytes, build: Builder) -> None:
        """Build or read ``key``'s value, then date its file after all earlier uses (a coarse clock could tie)."""
        before = set(folder.glob("places-*.pickle"))
        cached("places", key, build)
        for written in set(folder.glob("places-*.pickle")) - before:
            files[key] = written
        moment = next(clock)
        os.utime(files[key], (moment, moment))

    keys = [f"v{i}".encode() for i in range(KEPT_VERSIONS + 1)]
    first = Builder()
    for key in keys[:-1]:
        use(key, first if key == keys[0] else Builder())
    use(keys[0], first)  # read again: now the most recently used, keys[1] the least
    assert len(list(folder.glob("places-*.pickle"))) == KEPT_VERSIONS
    use(keys[-1], Builder())
    assert sorted(folder.glob("places-*.pickle")) == sorted(files[key] for key in keys if key != keys[1])
    use(keys[0], first)
    assert first.calls == 1


def test_compiled_patterns_come_back_compiled_without_parsing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [re.compile(r"(?P<day>\d{1,2}) (?P<month>Jan|Feb)\w*", re.IGNORECASE), re.compile(rb"[\x80-\xff]+"),
                re.compile(r"\b(?:Prime Minister|Treasurer)\b", re.ASCII | re.MULTILINE)]
    cached("patterns", b"v1", lambda: patterns)

    def parse(*args: object) -> None:
        raise AssertionError("a pattern was parsed again")

    monkeypatch.setattr("re._parser.parse", parse)
    monkeypatch.setattr("re._cache", {})
    read = cached("patterns", b"v1", Builder())
    assert read == patterns
    assert [(p.pattern, p.flags, p.groupindex) for p in read] == [(p.pattern, p.flags, p.groupindex) for p in patterns]
    assert read[0].match("15 february").groupdict() == {"day": "15", "month": "feb"}


def test_patterns_are_pickled_as_usual_when_the_engine_internals_differ(folder: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # the program is read through private engine internals: a Python that changed them must still get its cache
    pattern = re.compile(r"(?P<day>\d{1,2}) (?P<month>Jan|Feb)\w*", re.IGNORECASE)

    def changed(*args: object) -> None:
        raise TypeError("compile() takes other arguments in this Python")

    with monkeypatch.context() as patched:
        patched.setattr("re._compiler._code", changed)
        cached("patterns", b"v1", lambda: [pattern])
    builder = Builder()
    read = cached("patterns", b"v1", builder)
    assert builder.calls == 0 and read == [pattern]
    assert read[0].match("15 february").groupdict() == {"day": "15", "month": "feb"}


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


def test_kept_reads_what_was_stored_and_builds_nothing(folder: Path) -> None:
    assert kept("places", b"v1") is None
    assert list(folder.glob("places-*.pickle")) == []
    build = Builder()
    cached("places", b"v1", build)
    assert kept("places", b"v1") == build.words
    assert kept("places", b"v2") is None
    (stored,) = folder.glob("places-*.pickle")
    stored.write_bytes(stored.read_bytes()[:20])
    assert kept("places", b"v1") is None  # a damaged file is as good as none


def test_a_value_read_while_sharing_goes_to_every_later_asker_until_released(folder: Path) -> None:
    made = []

    def build() -> set[str]:
        made.append({"Canberra", "Sydney"})
        return made[-1]

    with sharing():
        shared = cached("places", b"v1", build)
    for stored in folder.glob("places-*.pickle"):
        stored.unlink()  # later askers do not read the file
    try:
        assert cached("places", b"v1", build) is shared and kept("places", b"v1") is shared
        assert cached("places", b"v2", build) is not shared  # another key: not shared
    finally:
        release_shared()
    again = cached("places", b"v1", build)
    assert again == shared and again is not shared
    assert len(made) == 3


def test_what_a_shared_value_is_built_from_is_not_kept_beside_it(folder: Path) -> None:
    """The lists a tagger is built from are in the tagger: kept too, they would stay in every worker for nothing."""
    with sharing():
        tagger = cached("tagger", b"v1", lambda: {"names": cached("names", b"v1", lambda: ("Ann", "Bo"))})
    try:
        assert cached("tagger", b"v1", dict) is tagger
        assert cached("names", b"v1", tuple) == ("Ann", "Bo")  # read from its file again: not kept
        for stored in folder.glob("*.pickle"):
            stored.unlink()
        assert cached("names", b"v1", tuple) == ()
    finally:
        release_shared()


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
    assert kept("places", b"v1") is None
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
