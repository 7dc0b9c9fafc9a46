"""Scenarios: parley.load(), Scenario.from_dict(), Scenario.from_frames()."""
import datetime
import json
import math
import os

from . import _parley

__all__ = ["Scenario", "load"]


class Scenario:
    """A validated negotiation scenario: actors, issues and their positions.

    Make one with :func:`parley.load` (any format the command line reads),
    :meth:`from_dict` or :meth:`from_frames`.  Scenarios are immutable; every
    way of making one applies the checks and messages of ``parley validate``
    and raises :class:`parley.ScenarioError` naming the line and field.
    """

    def __init__(self, native):
        self._native = native

    @classmethod
    def from_dict(cls, data, name="<dict>"):
        """Build a scenario from a dict of the native format (docs/scenario-format.md).

        ``{"parley": 1, "issues": [...], "actors": [...]}``, exactly as the YAML
        file would hold it.  Errors name ``name`` and the line of the dict
        written as indented JSON, and the field path.
        """
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False, default=_plain)
        return cls(_parley.loads(text, name, "json"))

    @classmethod
    def from_frames(cls, actors, issues=None, *, title="", model=None, name="<frames>"):
        """Build a scenario from pandas DataFrames.

        ``actors``: one row per actor with ``id`` and optionally ``name``,
        ``capability``, ``role``, ``bias``, ``note``, ``source``, and per issue
        ``position.ISSUE`` and ``salience.ISSUE`` columns (with a single issue,
        plain ``position`` and ``salience`` do); ``capability.ISSUE`` columns
        instead of ``capability`` give a capability per issue.
        A missing (NaN) position means the actor takes no part in that issue.

        ``issues``: one row per issue with ``id`` and optionally ``name``,
        ``lo`` and ``hi`` (the scale, default 0 and 100), ``status_quo``,
        ``outcome``, ``note``, ``source``.  Without it the issues are the
        ``position.ISSUE`` columns, on the default scale.

        ``model``: an optional model section, e.g. ``{"name": "bdm"}``.
        """
        issue_rows = _issue_rows(actors, issues)
        data = {"parley": 1}
        if title:
            data["title"] = title
        data["issues"] = issue_rows
        data["actors"] = _actor_rows(actors, [i["id"] for i in issue_rows])
        if model is not None:
            data["model"] = model
        return cls.from_dict(data, name=name)

    def to_yaml(self):
        """The scenario in the native YAML form; :func:`load` reads it back equal."""
        return self._native.to_yaml()

    def to_json(self):
        """The scenario in the native JSON form."""
        return self._native.to_json()

    def to_dict(self):
        """The scenario as a dict of the native format (what from_dict takes)."""
        return self._native.to_dict()

    @property
    def title(self):
        return self._native.title

    @property
    def origin(self):
        """The file (or name) the scenario was read from."""
        return self._native.origin

    @property
    def issues(self):
        """The issue ids, in order."""
        return self._native.issue_ids

    @property
    def actors(self):
        """The actor ids, in order."""
        return self._native.actor_ids

    @property
    def model(self):
        """The scenario's ``model:`` section as {name, params}, or None."""
        return self._native.model

    @property
    def warnings(self):
        """What the importer repaired or ignored in the file."""
        return self._native.warnings

    def __repr__(self):
        return "<parley.Scenario {!r}: {} actors, {} issues>".format(
            self.title or self.origin, len(self.actors), len(self.issues))


def load(path, format="auto"):
    """Read a scenario from ``path`` in any format the command line reads.

    ``format``: "auto" (detected from the content) or one of yaml, json,
    bdm, ktab-csv, ktab-xml, deu, decide, long (as ``--from``).  Raises
    :class:`parley.ScenarioError` with the file, line, column and field of a
    problem, with the command line's message.
    """
    return Scenario(_parley.load(os.fspath(path), format))


def _plain(value):
    """JSON for the scalar types of NumPy and pandas, and dates."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    raise TypeError("cannot put a {} into a scenario".format(type(value).__name__))


def _missing(value):
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return False


def _present(row, column):
    return column in row and not _missing(row[column])


def _issue_rows(actors, issues):
    if issues is None:
        ids = [c[len("position."):] for c in actors.columns if str(c).startswith("position.")]
        if not ids:
            raise ValueError("from_frames: give issues=, or position.ISSUE columns in actors")
        return [{"id": i} for i in ids]
    if "id" not in issues.columns:
        raise ValueError("from_frames: the issues frame needs an 'id' column")
    out = []
    for _, row in issues.iterrows():
        issue = {"id": str(row["id"])}
        for column in ("name", "note", "source"):
            if _present(row, column):
                issue[column] = str(row[column])
        if _present(row, "lo") or _present(row, "hi"):
            issue["scale"] = [row.get("lo", 0), row.get("hi", 100)]
        for column in ("status_quo", "outcome"):
            if _present(row, column):
                issue[column] = row[column]
        out.append(issue)
    return out


def _actor_rows(actors, issue_ids):
    if "id" not in actors.columns:
        raise ValueError("from_frames: the actors frame needs an 'id' column")
    single = len(issue_ids) == 1
    out = []
    for _, row in actors.iterrows():
        actor = {"id": str(row["id"])}
        for column in ("name", "role", "note", "source"):
            if _present(row, column):
                actor[column] = str(row[column])
        for column in ("capability", "bias"):
            if _present(row, column):
                actor[column] = row[column]
        for field in ("position", "salience"):
            values = {}
            for issue in issue_ids:
                column = field + "." + issue
                if not _present(row, column) and single:
                    column = field
                if _present(row, column):
                    values[issue] = row[column]
            if values:
                actor[field] = values
        by_issue = {i: row["capability." + i] for i in issue_ids if _present(row, "capability." + i)}
        if by_issue:
            actor["capability"] = by_issue
        out.append(actor)
    return out
