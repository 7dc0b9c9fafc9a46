"""The same scenario, model, parameters and seed give bit-identical results
through Python and through the command line."""
import json

import numpy as np
import pytest

import parley
from conftest import cli, cli_json

CASES = [
    ("examples/emission/emission.yaml", "compromise", {}),
    ("examples/emission/actors.csv", "bdm", {"preset": "scholz_table2", "rounds": 8}),
    ("scenarios/ukraine-2026.yaml", "compromise", {}),
    ("scenarios/ukraine-2026.yaml", "bdm", {}),
    ("scenarios/ukraine-2026.yaml", "war", {"draws": 200}),
    ("data/ktab/SOE-Pol-Comp.csv", "smp", {}),
]


@pytest.mark.parametrize("path,model,params", CASES)
def test_run_document_is_the_command_lines_byte_for_byte(path, model, params):
    sets = [arg for k, v in params.items() for arg in ("--set", "{}={}".format(k, v))]
    _, expected, _ = cli("run", path, "--model", model, "--seed", 7, *sets, "--format", "json")
    result = parley.run(path, model=model, seed=7, **params)
    assert result.to_json() == expected
    document = json.loads(expected)
    # The values Python hands out are the document's numbers, exactly.
    assert result.forecast == document["forecast"]


def test_war_headline_is_the_documents_quantities():
    result = parley.run("scenarios/ukraine-2026.yaml", model="war", draws=200)
    document = json.loads(result.to_json())
    quantities = {q["name"]: q["value"] for q in document["quantities"]}
    headline = result.headline
    assert set(headline) >= {"p_ceasefire_by", "regime_share"}
    for month, p in headline["p_ceasefire_by"].items():
        assert p == quantities["p_ceasefire_by." + month]
        assert 0 <= p <= 1
    shares = headline["regime_share"].values()
    assert sum(shares) == pytest.approx(1, abs=1e-9)
    # Cumulative: a ceasefire by an earlier month is one by every later month.
    curve = list(headline["p_ceasefire_by"].values())
    assert curve == sorted(curve)


def test_mc_summary_is_the_command_lines():
    expected = cli_json("mc", "scenarios/ukraine-2026.yaml", "--model", "compromise",
                        "--draws", 300, "--seed", 3, "--no-store", "--threads", 2)
    result = parley.mc("scenarios/ukraine-2026.yaml", model="compromise", draws=300, seed=3,
                       threads=1)
    assert result.to_dict() == expected
    assert result.forecasts.shape == (300, len(expected["issues"]))
    assert result.forecasts.dtype == np.float64
    # The inputs-only summary is made of exactly these draws (the headline
    # numbers add the model's error to them, docs/calibration.md).
    for k, issue in enumerate(expected["issues"]):
        inputs = issue["inputs_only"]
        assert np.mean(result.forecasts[:, k]) == pytest.approx(inputs["mean"], rel=1e-12)
        for q in inputs["quantiles"]:
            assert np.quantile(result.forecasts[:, k], q["p"]) == pytest.approx(q["value"],
                                                                              rel=1e-12)


def _without_importer_notes(document):
    """The command line adds the importer's warnings to what it prints; the
    Python functions leave them on Scenario.warnings."""
    return {k: v for k, v in document.items() if k not in ("warnings", "notes")}


def test_compare_document_is_the_command_lines():
    expected = cli_json("compare", "examples/emission/emission.yaml", "--models",
                        "compromise,median,bdm:preset=scholz_table2", "--seed", 5)
    got = parley.compare("examples/emission/emission.yaml",
                         models="compromise,median,bdm:preset=scholz_table2", seed=5)
    assert got["kind"] == "compare"
    assert _without_importer_notes(got) == _without_importer_notes(expected)


def test_whatif_and_advise_documents_are_the_command_lines():
    expected = cli_json("whatif", "scenarios/ukraine-2026.yaml", "--model", "compromise",
                        "--seed", 3, "--draws", 4)
    got = parley.whatif("scenarios/ukraine-2026.yaml", model="compromise", seed=3, draws=4)
    assert _without_importer_notes(got) == _without_importer_notes(expected)
    expected = cli_json("advise", "examples/emission/emission.yaml", "--actor", "netherlands",
                        "--seed", 2, "--levers", "position,salience", "--set", "weight=cap")
    got = parley.advise("examples/emission/emission.yaml", "netherlands", seed=2,
                        levers="position,salience", weight="cap")
    assert got["kind"] == "advice"
    assert _without_importer_notes(got) == _without_importer_notes(expected)


def test_analysis_options_are_checked_before_any_model_runs():
    with pytest.raises(ValueError, match="nobody"):
        parley.advise("examples/emission/emission.yaml", "nobody")
    with pytest.raises(ValueError, match="no_such_model"):
        parley.compare("examples/emission/emission.yaml", models="compromise,no_such_model")
