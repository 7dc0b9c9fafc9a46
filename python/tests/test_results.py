"""What a Result holds: trajectories, tables, intervals, models."""
import numpy as np
import pytest

import parley


def test_trajectory_is_a_long_frame_of_every_round():
    result = parley.run("examples/emission/actors.csv", model="bdm", preset="scholz_table2",
                        rounds=8)
    trajectory = result.trajectory
    assert list(trajectory.columns) == ["round", "actor", "issue", "position"]
    document = result.to_dict()
    rounds = document["trajectory"]
    assert trajectory["round"].nunique() == len(rounds)
    # Round 0 holds the stated positions of the table (Bueno de Mesquita 1994).
    first = trajectory[trajectory["round"] == 0].set_index("actor")["position"]
    assert first["netherlands"] == 4 and first["france"] == 10 and first["ireland"] == 7
    assert len(trajectory) == len(rounds) * 10


def test_tables_are_frames_and_explain_adds_them():
    plain = parley.run("examples/emission/actors.csv", model="bdm", preset="scholz_table2")
    explained = parley.run("examples/emission/actors.csv", model="bdm", preset="scholz_table2",
                           explain=True)
    assert len(explained.tables) > len(plain.tables)
    for name, frame in explained.tables.items():
        assert frame.attrs["title"]
        assert len(frame.columns) > 0


def test_interval_comes_from_the_shipped_calibration():
    result = parley.run("scenarios/ukraine-2026.yaml", model="compromise")
    assert result.calibration is not None and "compromise" in result.calibration
    wide, narrow = result.interval(0.9), result.interval(0.5)
    assert list(wide.index) == result.issues
    assert (wide["lo"] <= narrow["lo"]).all() and (narrow["hi"] <= wide["hi"]).all()
    assert (narrow["lo"] < narrow["hi"]).any()
    with pytest.raises(ValueError):
        result.interval(1.5)


def test_interval_without_calibration_says_so():
    result = parley.run("examples/emission/emission.yaml", model="compromise", weight="sal",
                        calibration="none")
    assert result.calibration is None
    with pytest.raises(ValueError, match="calibration"):
        result.interval(0.8)


def test_models_lists_every_model_with_its_parameters():
    table = parley.models()
    assert {"compromise", "median", "bdm", "smp", "war"} <= set(table["model"])
    weight = table[(table["model"] == "compromise") & (table["parameter"] == "weight")]
    assert weight["default"].item() == "cap_sal"
    assert "sal" in weight["choices"].item()


def test_backtest_on_the_deu_file_scores_the_models():
    result = parley.backtest("data/deu/deu_dev.tsv", models="compromise,median", bootstrap=50)
    scores = result.scores
    assert list(scores.index) == ["compromise", "median"]
    assert (scores["n"] > 100).all()
    assert (scores["mae"] > 0).all()
    assert set(result.issues.columns) >= {"forecast", "outcome"}


def test_sensitivity_ranks_inputs_by_swing():
    frame = parley.sensitivity("scenarios/ukraine-2026.yaml", model="compromise")
    for _, bars in frame.groupby("issue"):
        swings = list(bars["swing"])
        assert swings == sorted(swings, reverse=True)
