"""Shared fixtures: the repository's files and the command line built beside the module."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EMISSION = ROOT / "examples" / "emission" / "emission.yaml"
FLAGSHIP = ROOT / "scenarios" / "ukraine-2026.yaml"


def cli_path():
    path = os.environ.get("PARLEY_CLI")
    if not path:
        pytest.fail("PARLEY_CLI (the parley executable) is not set; run through ctest")
    return path


def cli(*args, check=True):
    """Runs the command line; returns (exit code, stdout, stderr)."""
    done = subprocess.run([cli_path(), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)
    if check and done.returncode != 0:
        raise AssertionError("parley {} failed: {}".format(" ".join(map(str, args)), done.stderr))
    return done.returncode, done.stdout, done.stderr


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json")[1])


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    # Paths in documents are as given; give them as the command line is given them.
    monkeypatch.chdir(ROOT)
