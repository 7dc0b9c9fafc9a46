"""Scenarios from pandas, written back, read again."""
import pandas as pd
import pytest

import parley


def emission_frames():
    # The table of Bueno de Mesquita (1994) as actors.csv holds it.
    table = pd.read_csv("examples/emission/actors.csv")
    actors = pd.DataFrame({"id": table.iloc[:, 0].str.lower(), "name": table.iloc[:, 0],
                           "capability": table["capability"], "position": table["position_years"],
                           "salience": table["salience_0_100"]})
    issues = pd.DataFrame({"id": ["delay"], "lo": [4], "hi": [10], "outcome": [8.833]})
    return actors, issues


def test_from_frames_round_trips_through_yaml_and_load(tmp_path):
    actors, issues = emission_frames()
    built = parley.Scenario.from_frames(actors, issues, title="emission")
    assert built.actors == list(actors["id"])
    assert built.issues == ["delay"]
    path = tmp_path / "emission.yaml"
    path.write_text(built.to_yaml())
    loaded = parley.load(path)
    assert loaded.to_yaml() == built.to_yaml()
    assert parley.Scenario.from_dict(loaded.to_dict()).to_yaml() == built.to_yaml()


def test_a_frame_built_scenario_forecasts_as_the_file():
    actors, issues = emission_frames()
    built = parley.Scenario.from_frames(actors, issues)
    # Scholz, Calbert and Smith (2011) print 7.39 for the weighted mean.
    assert parley.run(built).forecast["delay"] == pytest.approx(7.39, abs=0.005)
    from_file = parley.run("examples/emission/emission.yaml")
    assert parley.run(built).forecast == from_file.forecast


def test_missing_positions_leave_the_actor_out_of_the_issue():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "capability": [1, 1, 1],
                           "position.x": [10, 20, None], "salience.x": [50, 50, None],
                           "position.y": [1, None, 3], "salience.y": [50, None, 50]})
    scenario = parley.Scenario.from_frames(actors)
    assert scenario.issues == ["x", "y"]
    forecast = parley.run(scenario, model="compromise").forecast
    assert forecast == {"x": 15.0, "y": 2.0}


def test_bad_frame_values_raise_scenario_error():
    actors = pd.DataFrame({"id": ["a"], "capability": [1], "position": [200], "salience": [50]})
    with pytest.raises(parley.ScenarioError) as caught:
        parley.Scenario.from_frames(actors, pd.DataFrame({"id": ["x"]}))
    assert caught.value.field == "actors[0].position.x"
