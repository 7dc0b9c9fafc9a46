"""parley.run(), mc(), sensitivity(), backtest(), models(): the commands, from Python."""
import os

import numpy as np
import pandas as pd

from . import _parley
from .result import Result
from .scenario import Scenario, load

__all__ = ["run", "mc", "sensitivity", "backtest", "compare", "whatif", "advise", "models",
           "McResult", "BacktestResult"]


def _scenario(scenario):
    """A Scenario, loading it when given a path."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        return load(scenario)
    raise TypeError("expected a parley.Scenario or a path, found " + type(scenario).__name__)


def _calibration_files(calibration):
    """``--calibration`` as a list: [] (the shipped ones) for None, else the file(s) or "none"."""
    if calibration is None:
        return []
    if isinstance(calibration, (str, os.PathLike)):
        return [os.fspath(calibration)]
    return [os.fspath(c) for c in calibration]


def run(scenario, model=None, seed=1, *, threads=0, explain=False, calibration="default",
        **params):
    """Run one model on a scenario; the Python form of ``parley run``.

    scenario     a :class:`parley.Scenario` or a path (read by :func:`parley.load`)
    model        a model name (see :func:`parley.models`); default: the
                 scenario's ``model:`` section, else "compromise"
    seed         the master seed (unsigned 64-bit), as ``--seed``
    threads      worker threads of models that run their own (0 = every
                 hardware thread); results do not depend on it
    explain      fill the models' explanation tables, as ``--explain``
    calibration  "default" (the shipped calibration that applies to this
                 model and parameters, if any), "none", or a file written by
                 ``parley calibrate``: what ``Result.interval()`` uses
    **params     model parameters, as ``--set name=value`` (numbers or text),
                 over the scenario's own

    Returns a :class:`parley.Result`, bit-identical to what
    ``parley run --format json`` prints for the same inputs.  Raises
    ValueError naming the allowed values for an unknown model or parameter,
    and :class:`parley.ScenarioError` for a scenario the model cannot use.
    The GIL is released while the model runs.

    >>> parley.run("examples/emission/emission.yaml", model="bdm", preset="scholz_table2")
    """
    s = _scenario(scenario)
    native = _parley.run(s._native, model or "", int(seed), params, int(threads), bool(explain),
                         os.fspath(calibration))
    return Result(native)


class McResult:
    """A Monte Carlo ensemble; returned by :func:`parley.mc`.

    * ``forecasts``: NumPy array (draws x issues) of every draw's forecast;
    * ``draws``: the draw indices (rows of ``forecasts``); ``rounds``: rounds per draw;
    * ``summary``: DataFrame per issue (n, mean, sd, min, q05 .. q95, max);
    * ``regions``: DataFrame (issue, region, lo, hi, probability);
    * ``fan``: DataFrame (issue, series, round, q05 .. q95) for dynamic models;
    * ``run_id``: the run's id in the store (0 when not stored);
    * ``to_dict()`` / ``to_json()``: the document ``parley mc --format json`` prints.
    """

    def __init__(self, document, draws, forecasts, rounds, run_id):
        self._document = document
        self.draws = draws
        self.forecasts = forecasts
        self.rounds = rounds
        self.run_id = run_id

    @property
    def issues(self):
        return [i["issue"] for i in self._document["issues"]]

    @property
    def summary(self):
        rows = []
        for i in self._document["issues"]:
            row = {"issue": i["issue"], "n": i["n"], "mean": i["mean"], "sd": i["sd"],
                   "min": i["min"]}
            for q in i["quantiles"]:
                row["q{:02.0f}".format(q["p"] * 100)] = q["value"]
            row["max"] = i["max"]
            rows.append(row)
        return pd.DataFrame(rows).set_index("issue")

    @property
    def regions(self):
        rows = [dict(issue=i["issue"], region=r["name"], lo=r["lo"], hi=r["hi"],
                     probability=r["probability"])
                for i in self._document["issues"] for r in i.get("regions", [])]
        return pd.DataFrame(rows, columns=["issue", "region", "lo", "hi", "probability"])

    @property
    def fan(self):
        rows = []
        for i in self._document["issues"]:
            for series, points in i.get("fan", {}).items():
                for point in points:
                    row = {"issue": i["issue"], "series": series, "round": point["round"]}
                    for q in point["quantiles"]:
                        row["q{:02.0f}".format(q["p"] * 100)] = q["value"]
                    rows.append(row)
        return pd.DataFrame(rows)

    def to_dict(self):
        return self._document

    def to_json(self, indent=2):
        import json
        return json.dumps(self._document, indent=indent, ensure_ascii=False) + "\n"

    def __repr__(self):
        return "<parley.McResult {} draws of {}>".format(len(self.draws), self._document["model"])


def mc(scenario=None, model=None, draws=1000, seed=1, *, noise=0.0, regions=(), bins=0,
       threads=0, store=None, resume=None, batch=0, progress=None, **params):
    """Monte Carlo ensemble over the scenario's uncertain inputs; ``parley mc``.

    draws, seed, noise, regions ("name=lo:hi" or "issue.name=lo:hi"), bins
    (0: chosen from the draws), threads and batch mean what the command's
    options do.  ``store``: a run
    store file to record the run in (default: none, unlike the command, which
    writes parley-runs.sqlite); ``resume``: the id of an unfinished run of
    ``store`` to complete (the scenario may then be omitted).
    ``progress(done, total)`` is called between batches.

    The GIL is released while draws run.  Ctrl-C (KeyboardInterrupt) stops
    the run between batches; every batch before it is stored whole, and
    ``parley mc --resume ID`` or ``mc(store=..., resume=ID)`` completes it to
    the uninterrupted result.
    """
    native = None if scenario is None else _scenario(scenario)._native
    document, draw_ids, forecasts, rounds, run_id = _parley.mc(
        native, model or "", params, int(seed), int(draws), float(noise), list(regions),
        int(bins), int(threads), os.fspath(store) if store else "", int(resume or 0), int(batch),
        progress)
    return McResult(document, draw_ids, forecasts, rounds, run_id)


def sensitivity(scenario, model=None, method="oat", *, samples=1000, bootstrap=200,
                confidence=0.95, seed=1, noise=0.0, threads=0, **params):
    """Which inputs move the forecast; ``parley sensitivity``.

    method "oat" (one at a time: a tornado) or "sobol" (Sobol indices with
    ``samples``, ``bootstrap`` and ``confidence``).  Returns a DataFrame, one
    row per issue and input (bars for oat, indices for sobol; the input's own
    issue is ``input_issue``), with the whole document in ``attrs["document"]``.
    """
    s = _scenario(scenario)
    document = _parley.sensitivity(s._native, model or "", params, method, int(samples),
                                   int(bootstrap), float(confidence), int(seed), float(noise),
                                   int(threads))
    key = "bars" if method == "oat" else "indices"
    # Each row: the issue whose forecast moves, then the input (whose own
    # issue, when it has one, is `input_issue`).
    rows = [dict({"issue": i["issue"]},
                 **{("input_issue" if k == "issue" else k): v for k, v in row.items()})
            for i in document["issues"] for row in i[key]]
    frame = pd.DataFrame(rows)
    frame.attrs["document"] = document
    return frame


class BacktestResult:
    """Models scored against known outcomes; returned by :func:`parley.backtest`.

    * ``scores``: DataFrame per model (label, model, n, mae, median_ae, rmse,
      hit5, hit10, hit20 and, with a distribution, crps and coverage);
    * ``issues``: DataFrame per model and issue (forecast, outcome, error);
    * ``to_dict()`` / ``to_json()``: the document ``parley backtest --format json`` prints.
    """

    def __init__(self, document, per_issue_csv):
        import io
        self._document = document
        self.issues = pd.read_csv(io.StringIO(per_issue_csv))

    @property
    def scores(self):
        rows = []
        for m in self._document["models"]:
            row = {"label": m["label"], "model": m["model"], "distribution": m.get("distribution")}
            row.update({k: v for k, v in m["all"].items() if not isinstance(v, (list, dict))})
            rows.append(row)
        return pd.DataFrame(rows).set_index("label")

    def to_dict(self):
        return self._document

    def to_json(self, indent=2):
        import json
        return json.dumps(self._document, indent=indent, ensure_ascii=False) + "\n"


def backtest(data, models="", *, capabilities="treaty", capability_table=None, folds=10,
             bootstrap=2000, baseline="compromise", seed=20260101, calibration=None):
    """Score models' forecasts against real outcomes; ``parley backtest``.

    data              a path (DEU table, long CSV, any scenario with outcomes)
                      or a :class:`parley.Scenario` with outcomes
    models            comma-separated specs as ``--models`` ("" = the default line-up)
    capabilities      treaty, gdp, ... as ``--capabilities``
    capability_table  a DEU Council-weights table, as ``--capability-table``
    calibration       None (the shipped calibrations), "none", or a list of
                      calibration files, as ``--calibration``
    """
    if isinstance(data, Scenario):
        scenario, label = data, data.origin
    else:
        label = os.fspath(data)
        native = (_parley.load_with_capability_table(label, os.fspath(capability_table))
                  if capability_table else _parley.load(label, "auto"))
        scenario = Scenario(native)
    files = _calibration_files(calibration)
    document, per_issue = _parley.backtest(scenario._native, label, models, capabilities,
                                           int(folds), int(bootstrap), baseline, int(seed), files)
    return BacktestResult(document, per_issue)


def _settings(params):
    """Model parameters as ``--set name=value`` strings, in the order given."""
    out = []
    for name, value in params.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError("parameter " + name + ": expected a number or text, found "
                             + type(value).__name__)
        out.append(name + "=" + (repr(value) if isinstance(value, float) else str(value)))
    return out


def compare(scenario, models="all", seed=1, *, calibration=None, **params):
    """Every model (or those named) on one scenario; ``parley compare``.

    models       "all", or comma-separated specs as ``--models``
                 (``"compromise,bdm:preset=scholz_table2"``)
    calibration  None (the shipped calibrations), "none", or a list of
                 calibration files, as ``--calibration``
    **params     parameters for every compared model that has them, as ``--set``

    Returns the result document (a dict of kind ``compare``) that ``parley
    compare --format json`` prints for the same inputs: per-issue forecasts and
    intervals by model, track records, the skill-weighted consensus and its
    weights, and the spread across models (docs/compare.md).
    """
    s = _scenario(scenario)
    files = _calibration_files(calibration)
    return _parley.compare(s._native, models, _settings(params), int(seed), files)


def whatif(scenario, model=None, seed=1, *, events="all", pairs=False, draws=20, threads=0,
           **params):
    """The scenario's optional events, alone (and with ``pairs`` in pairs), against
    the baseline; ``parley whatif``.  Returns its result document (kind ``whatif``)
    as a dict, equal to ``parley whatif --format json``'s (docs/ensembles.md).
    """
    s = _scenario(scenario)
    return _parley.whatif(s._native, model or "", _settings(params), int(seed), int(threads),
                          events, bool(pairs), int(draws))


def advise(scenario, actor, model=None, seed=1, *, levers="position,salience,capability,events",
           goal="", draws=0, reach=0.25, steps=5, salience_step=0.1, capability_reach=0.25,
           max_moves=4, threads=0, **params):
    """An actor's moves ranked by its expected utility; ``parley advise``.  The
    keyword arguments are the command's options (``--levers``, ``--goal``, ...).
    Returns its result document (kind ``advice``) as a dict, equal to
    ``parley advise --format json``'s (docs/ensembles.md).
    """
    s = _scenario(scenario)
    return _parley.advise(s._native, actor, model or "", _settings(params), int(seed),
                          int(threads), levers, goal, int(draws), float(reach), int(steps),
                          float(salience_step), float(capability_reach), int(max_moves))


def models():
    """A DataFrame of the models and their parameters: one row per (model, parameter)
    with kind, default, min, max, choices, aliases and doc (as ``parley models``)."""
    return pd.DataFrame(_parley.models())
