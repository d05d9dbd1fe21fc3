"""Nothing lost, clear failure everywhere (issue 9): killed builds, a full disk, unwritable and
missing folders, wrong options, unexpected errors, and a data folder that mapgen never writes to."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import mapgen.cli
import mapgen.derive
import mapgen.write
from mapgen.cli import main
from mapgen.write import atomic_write, remove_stale_temporaries

from .conftest import MINI

TEMPORARY = ".index.html.*.tmp"  # the documented pattern of atomic_write's temporary files


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def build_command(out: Path, title: str) -> list[str]:
    return [sys.executable, "-m", "mapgen", "build", "--data", str(MINI), "--out", str(out),
            "--title", title]


class _Closing(HTMLParser):
    """Records whether the document ends with </html> after its </body>."""

    def __init__(self) -> None:
        super().__init__()
        self.ends: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        self.ends.append(tag)


def assert_complete_page(html: bytes) -> None:
    parser = _Closing()
    parser.feed(html.decode("utf-8"))  # a cut-off multi-byte character would raise here
    parser.close()
    assert parser.ends[-2:] == ["body", "html"], "the page is cut off"


def test_a_build_killed_at_random_points_leaves_a_whole_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    started = time.monotonic()
    subprocess.run(build_command(out, "Old atlas"), check=True, capture_output=True)
    duration = time.monotonic() - started
    old = (out / "index.html").read_bytes()

    rng = random.Random(9)  # fixed: the same delays on every run
    delays = sorted(rng.uniform(0.05, duration * 1.1) for _ in range(5))
    for delay in delays:
        process = subprocess.Popen(build_command(out, "New atlas"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        page = (out / "index.html").read_bytes()
        # The old page, or the new one whole: never a mix or a cut-off page.
        assert page == old or b"<title>New atlas</title>" in page, f"killed after {delay:.2f} s"
        assert_complete_page(page)
        strays = [p.name for p in out.iterdir() if p.name != "index.html"]
        assert all(fnmatch(name, TEMPORARY) for name in strays), strays
        assert len(strays) <= 1, strays

    subprocess.run(build_command(out, "New atlas"), check=True, capture_output=True)
    assert b"<title>New atlas</title>" in (out / "index.html").read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


KILLED_WRITER = """
import os, sys
from pathlib import Path
import mapgen.write as w

def half_then_wait(fd, payload):
    os.write(fd, payload[: len(payload) // 2])
    print("writing", flush=True)
    sys.stdin.read()  # until killed

w._write_all = half_then_wait
w.atomic_write(Path(sys.argv[1]), "<html>new " + "x" * 100000 + "</html>")
"""


def test_a_writer_killed_mid_file_leaves_one_temporary_that_the_next_write_removes(
        tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    atomic_write(target, "<html>old</html>")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    # While it is alive, its temporary file is recognised as in use and left alone.
    assert remove_stale_temporaries(target) == []
    writer.kill()
    writer.wait()
    writer.stdin.close()
    writer.stdout.close()
    assert target.read_text() == "<html>old</html>"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "index.html"]
    assert len(leftovers) == 1 and fnmatch(leftovers[0], TEMPORARY), leftovers
    assert (tmp_path / leftovers[0]).stat().st_size > 0  # the half-written file

    atomic_write(target, "<html>new</html>")
    assert target.read_text() == "<html>new</html>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_cleanup_leaves_a_temporary_file_another_writer_holds(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    busy = tmp_path / ".index.html.busy1234.tmp"
    busy.write_text("being written")
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as atomic_write holds it while writing
        atomic_write(target, "page")
        assert busy.exists()
    finally:
        os.close(fd)
    atomic_write(target, "page again")
    assert not busy.exists()
    # Only its own temporary files: another file's, or a curator's, are not touched.
    other = tmp_path / ".places.csv.abcd1234.tmp"
    other.write_text("x")
    atomic_write(target, "page")
    assert other.exists()


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            + f":{p.stat().st_mtime_ns}"
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_full_disk_is_one_line_and_the_previous_map_survives(tmp_path: Path,
                                                              monkeypatch) -> None:
    out = tmp_path / "out"
    assert run("build", "--data", str(MINI), "--out", str(out), "--title", "Old").exit_code == 0
    before = (out / "index.html").read_bytes()

    def full(fd: int, payload: bytes) -> None:
        os.write(fd, payload[:4096])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(mapgen.write, "_write_all", full)
    result = run("build", "--data", str(MINI), "--out", str(out), "--title", "New")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "index.html: the disk is full; free some space" in lines[0]
    assert "Traceback" not in result.output
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_an_output_folder_one_may_not_write_to_is_one_line(tmp_path: Path, monkeypatch) -> None:
    """Simulated: the tests run as root, whom file permissions do not stop."""

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), kwargs.get("dir"))

    monkeypatch.setattr(mapgen.write.tempfile, "mkstemp", denied)
    out = tmp_path / "out"
    result = run("build", "--data", str(MINI), "--out", str(out))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot write {out / 'index.html'}: permission denied; choose a folder you may "
        "write to (--out) or change its permissions"]


def test_export_into_a_file_path_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    result = run("export", "--data", str(MINI), "--out", str(blocker / "sub"))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "a file stands where a folder is needed" in result.output


def test_a_missing_data_folder_says_what_to_pass(tmp_path: Path) -> None:
    for command in ("validate", "list", "build"):
        result = run(command, "--data", str(tmp_path / "nope"), *(
            ["--out", str(tmp_path / "out")] if command == "build" else []))
        assert result.exit_code == 1, command
        assert "the data folder does not exist; pass --data" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_unknown_season_is_a_usage_error_listing_the_seasons() -> None:
    result = run("list", "--data", str(MINI), "--season", "summer-1946")
    assert result.exit_code == 2
    assert "'summer-1946' is not one of" in result.output
    for season in ("spring-1944", "summer-1944", "autumn-1944", "winter-1944-45", "spring-1945"):
        assert season in result.output


@pytest.mark.parametrize("args", [["build", "--bogus"], ["frobnicate"], ["--verbose", "list"],
                                  ["export", "--data", str(MINI), "--format", "xml", "--out", "x"]])
def test_unknown_commands_and_options_are_usage_errors(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and "Traceback" not in result.output


def test_an_unexpected_error_is_one_line_unless_debug(monkeypatch, tmp_path: Path) -> None:
    def broken(dataset):
        raise RuntimeError("derive broke")

    monkeypatch.setattr(mapgen.derive, "derive", broken)  # the CLI imports it when it runs
    result = run("list", "--data", str(MINI))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "internal error: RuntimeError: derive broke (run with --debug for details)"]
    debug = run("--debug", "list", "--data", str(MINI))
    assert debug.exit_code == 1
    assert isinstance(debug.exception, RuntimeError)  # re-raised: a traceback for a bug report


def test_debug_shows_the_traceback_of_a_real_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    command = [sys.executable, "-m", "mapgen", "build", "--data", str(MINI),
               "--out", str(blocker / "out")]
    plain = subprocess.run(command, capture_output=True, text=True, check=False)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    debug = subprocess.run([*command[:3], "--debug", *command[3:]], capture_output=True,
                           text=True, check=False)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_mapgen_never_writes_into_the_data_folder(mini_copy: Path, tmp_path: Path) -> None:
    before = folder_state(mini_copy)
    out = tmp_path / "out"
    for args in (["validate"], ["list"], ["build", "--out", str(out)],
                 ["export", "--format", "geojson", "--out", str(out)],
                 ["export", "--format", "csv", "--out", str(out / "csv")]):
        result = run(*args, "--data", str(mini_copy))
        assert result.exit_code == 0, (args, result.output)
    assert folder_state(mini_copy) == before
