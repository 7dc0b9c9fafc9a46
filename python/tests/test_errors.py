"""Bad input raises a clear, typed error and never crashes the interpreter."""
import pathlib

import pytest

import parley
from conftest import ROOT, cli

BROKEN = """parley: 1
issues:
  - id: delay
    scale: [4, 10]
actors:
  - id: a
    capability: 1
    position: {delay: 5}
    salience: {delay: 50}
  - id: b
    capability: 1
    position: {delay: 6}
    salience: {delay: 150}
"""


def test_malformed_scenario_names_file_line_and_field_with_the_cli_message(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    with pytest.raises(parley.ScenarioError) as caught:
        parley.load(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.file == str(path)
    assert error.line == 13  # the salience of b
    assert error.field == "actors[1].salience.delay"
    code, _, stderr = cli("validate", path, check=False)
    assert code == 2
    assert stderr.strip() == "parley: error: " + str(error)


def test_from_dict_errors_name_the_field():
    with pytest.raises(parley.ScenarioError) as caught:
        parley.Scenario.from_dict({"parley": 1, "issues": [{"id": "x"}],
                                   "actors": [{"id": "a", "capability": -1,
                                               "position": {"x": 5}, "salience": {"x": 5}}]})
    assert caught.value.field == "actors[0].capability"
    assert caught.value.file == "<dict>"
    assert caught.value.line is not None


def test_unknown_model_is_a_value_error_naming_the_models():
    with pytest.raises(ValueError) as caught:
        parley.run("examples/emission/emission.yaml", model="compromse")
    assert not isinstance(caught.value, parley.ScenarioError)
    message = str(caught.value)
    for name in ("compromise", "median", "bdm", "war"):
        assert name in message


def test_unknown_or_wrong_parameter_is_a_value_error_naming_the_allowed():
    with pytest.raises(ValueError) as caught:
        parley.run("examples/emission/emission.yaml", model="compromise", wieght="sal")
    assert "weight" in str(caught.value)
    with pytest.raises(ValueError) as caught:
        parley.run("examples/emission/emission.yaml", model="compromise", weight="nonsense")
    assert "cap_sal" in str(caught.value)
    with pytest.raises(ValueError):
        parley.run("examples/emission/emission.yaml", model="bdm", rounds=[1, 2])
    with pytest.raises(ValueError):
        parley.mc("examples/emission/emission.yaml", model="nope", draws=10)


def test_missing_file_is_a_scenario_error():
    with pytest.raises(parley.ScenarioError) as caught:
        parley.load("no/such/file.yaml")
    assert caught.value.file == "no/such/file.yaml"


# The fuzz corpus and the saved crash inputs, each through the reader of its
# harness: a scenario or a ScenarioError/ValueError, nothing else.
FORMATS = {"yaml": "yaml", "json": "json", "bdm": "bdm", "ktab_csv": "ktab-csv",
           "ktab_xml": "ktab-xml", "deu": "deu", "decide": "decide", "long": "long",
           "auto": "auto"}
INPUTS = sorted(p for folder in ("corpus", "regressions")
                for p in (ROOT / "fuzz" / folder).rglob("*")
                if p.is_file() and p.parent.name in FORMATS)


def test_there_are_fuzz_inputs():
    assert any("regressions" in p.parts for p in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: "/".join(p.parts[-2:]))
def test_fuzz_inputs_never_crash_load(path):
    try:
        parley.load(path, format=FORMATS[path.parent.name])
    except ValueError:
        pass
