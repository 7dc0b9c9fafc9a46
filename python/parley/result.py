"""Results of parley.run(): forecasts, trajectories, tables, headline numbers."""
import json

import numpy as np
import pandas as pd

__all__ = ["Result"]


class Result:
    """What one model run produced; returned by :func:`parley.run`.

    Attributes and methods:

    * ``forecast``: dict issue -> forecast value on the issue's scale;
    * ``status``: dict issue -> "ok" or a flag such as "no_weight";
    * ``trajectory``: long DataFrame (round, actor, issue, position);
    * ``tables``: dict name -> DataFrame (the model's explanation tables);
    * ``quantities``: dict name -> value (e.g. ``p_ceasefire_by.2026-12``);
    * ``headline``: the quantities grouped by kind, e.g.
      ``{"p_ceasefire_by": {"2026-12": 0.31}, "regime_share": {...}}``;
    * ``interval(level)``: the calibrated predictive interval per issue;
    * ``to_json()``: the document ``parley run --format json`` prints.
    """

    def __init__(self, native):
        self._native = native
        self._tables = None

    @property
    def model(self):
        return self._native.model

    @property
    def seed(self):
        return self._native.seed

    @property
    def issues(self):
        return self._native.issue_ids

    @property
    def actors(self):
        return self._native.actor_ids

    @property
    def forecast(self):
        """dict issue -> the model's forecast."""
        return dict(zip(self._native.issue_ids, self._native.forecast))

    @property
    def status(self):
        """dict issue -> "ok" or the flag of a fall-back or degenerate case."""
        return dict(zip(self._native.issue_ids, self._native.status))

    @property
    def notes(self):
        """Diagnostics for people (the model's, then the run's)."""
        return list(self._native.notes) + list(self._native.run_notes)

    @property
    def trajectory(self):
        """Long DataFrame: round, actor, issue, position (one row per stated position)."""
        rounds, positions = self._native.trajectory()
        n_rounds, n_actors, n_issues = positions.shape
        frame = pd.DataFrame({
            "round": np.repeat(rounds, n_actors * n_issues),
            "actor": np.tile(np.repeat(np.array(self.actors, dtype=object), n_issues), n_rounds),
            "issue": np.tile(np.array(self.issues, dtype=object), n_rounds * n_actors),
            "position": positions.reshape(-1),
        })
        return frame[frame["position"].notna()].reset_index(drop=True)

    @property
    def tables(self):
        """dict name -> DataFrame: the model's tables (offers, challenges, periods, ...).

        Each frame's ``attrs["title"]`` says what it holds.
        """
        if self._tables is None:
            self._tables = {}
            for table in self._native.tables():
                frame = pd.DataFrame(table["rows"], columns=table["columns"])
                frame.attrs["title"] = table["title"]
                self._tables[table["name"]] = frame
        return self._tables

    @property
    def quantities(self):
        """dict name -> value: the named numbers the run answers, in print order."""
        return {name: value for name, _, value in self._native.quantities()}

    @property
    def headline(self):
        """The quantities grouped by kind: ``{kind: {key: value}}``.

        For the war layer: ``p_ceasefire_by`` (month -> probability of a
        ceasefire by its end), ``regime_share`` (regime -> share of simulated
        wars in it at the horizon), ``p_agreed`` and ``terms_if_agreed`` (issue
        -> ...).  Empty for models without named quantities.
        """
        out = {}
        for name, _, value in self._native.quantities():
            kind, _, key = name.partition(".")
            out.setdefault(kind, {})[key] = value
        return out

    @property
    def calibration(self):
        """The calibration behind ``interval()`` (a label), or None."""
        return self._native.calibration

    def interval(self, level=0.8):
        """The central predictive interval at ``level`` per issue, from the calibration.

        Returns a DataFrame indexed by issue with columns forecast, lo, hi.
        Raises ValueError when no calibration applies to this model and its
        parameters (``run(..., calibration=FILE)`` names one).
        """
        bounds = self._native.interval(float(level))
        frame = pd.DataFrame(bounds, columns=["lo", "hi"], index=pd.Index(self.issues, name="issue"))
        frame.insert(0, "forecast", self._native.forecast)
        return frame

    def to_json(self, indent=2):
        """The result document, as ``parley run --format json`` prints it."""
        return self._native.json(indent)

    def to_dict(self):
        """The result document as a dict (docs/result-format.md)."""
        return self._native.document()

    def __repr__(self):
        shown = ", ".join("{}={:.6g}".format(k, v) for k, v in self.forecast.items())
        return "<parley.Result {}: {}>".format(self.model, shown)
