#!/usr/bin/env python3
"""Compares two folders of parley JSON results number for number.

usage: compare_results.py BASE_DIR HEAD_DIR

Both sides are first brought to one form: the result schema of
docs/result-format.md renamed and moved some fields (the envelope's `kind`,
quantiles as [{p, value}], histograms with edges); `canonical()` maps the
older spellings onto the current ones.  Nothing else is dropped except
`parley_version`.  Numbers are compared exactly (JSON numbers are printed
in their shortest round-trip form, so equal text means equal bits).
"""
import json
import os
import sys

OLD_QUANTILE_KEYS = {"q05": 0.05, "q25": 0.25, "q50": 0.5, "median": 0.5, "q75": 0.75, "q95": 0.95}


def quantiles_from_keys(obj):
    """{q05: v, ..., median: v} -> [{p, value}] (older ensemble form)."""
    out = []
    for key, p in OLD_QUANTILE_KEYS.items():
        if key in obj:
            out.append({"p": p, "value": obj.pop(key)})
    out.sort(key=lambda q: q["p"])
    return out


def canonical_mc_issue(issue):
    if "quantiles" not in issue:
        issue["quantiles"] = quantiles_from_keys(issue)
    hist = issue.get("histogram")
    if isinstance(hist, list):
        issue["histogram"] = {"counts": hist}
    elif isinstance(hist, dict):
        issue["histogram"] = {"counts": hist.get("counts")}
    return issue


def canonical_fan(doc):
    """Old: fan {rounds, median: [[{round, q05..}]], mean: [...]} at the top;
    new: issues[i].fan {median: [{round, quantiles}], mean: [...]}."""
    fan = doc.pop("fan", None)
    if fan is not None:
        for path in ("median", "mean"):
            for i, series in enumerate(fan.get(path, [])):
                points = []
                for point in series:
                    point = dict(point)
                    points.append({"round": point.pop("round"),
                                   "quantiles": quantiles_from_keys(point)})
                doc["issues"][i].setdefault("fan", {})[path] = points
    rounds = doc.get("rounds")
    if isinstance(rounds, dict):
        if "quantiles" not in rounds:
            rounds["quantiles"] = quantiles_from_keys(rounds)
        if "histogram" in rounds:
            rounds["counts"] = rounds.pop("histogram")
    return doc


# smp's parameters were renamed to snake_case (KTAB's names are aliases).
SMP_PARAMS = {"VictoryProbModel": "victory_prob_model", "PCEModel": "pce_model",
              "StateTransitions": "state_transitions", "VotingRule": "voting_rule",
              "BigRAdjust": "big_r_adjust", "BigRRange": "big_r_range",
              "ThirdPartyCommit": "third_party_commit", "InterVecBrgn": "inter_vec_brgn",
              "BargnModel": "bargn_model"}


def canonical(doc):
    if not isinstance(doc, dict):
        return doc
    doc = json.loads(json.dumps(doc))  # a deep copy
    doc.pop("parley_version", None)
    kind = doc.get("kind")
    if kind is None:
        kind = "backtest" if "models" in doc and "scored" in doc else "run"
        doc["kind"] = kind
    if kind == "mc":
        doc["issues"] = [canonical_mc_issue(dict(i)) for i in doc.get("issues", [])]
        canonical_fan(doc)
    if isinstance(doc.get("params"), dict):
        doc["params"] = {SMP_PARAMS.get(k, k): v for k, v in doc["params"].items()}
    if kind == "run":
        for table in doc.get("tables", []):
            table.pop("headline", None)  # added by the schema
    if kind == "sensitivity":
        for issue in doc.get("issues", []):
            for entry in issue.get("bars", []) + issue.get("indices", []):
                if isinstance(entry.get("value"), str):  # renamed: one spelling with mc --draw
                    entry["distribution"] = entry.pop("value")
    # Keys the schema added to the envelope of these kinds.
    added = {"mc": ("params",), "sensitivity": ("params", "notes", "model", "seed"),
             "backtest": ("notes",)}
    for key in added.get(kind, ()):
        doc.pop(key, None)
    return doc


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return {"unparsed": text.strip()}


def diff(a, b, path="$", out=None, limit=20):
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}.{key}: only in {'head' if key in b else 'base'}")
            else:
                diff(a[key], b[key], f"{path}.{key}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} vs {len(b)} entries")
        for k, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{k}]", out, limit)
    elif a != b or type(a) is not type(b) and not (
            isinstance(a, (int, float)) and isinstance(b, (int, float))):
        out.append(f"{path}: {a!r} vs {b!r}")
    return out


def main():
    base_dir, head_dir = sys.argv[1], sys.argv[2]
    names = sorted(set(os.listdir(base_dir)) | set(os.listdir(head_dir)))
    failed = 0
    for name in names:
        a_path, b_path = os.path.join(base_dir, name), os.path.join(head_dir, name)
        if not os.path.exists(a_path) or not os.path.exists(b_path):
            print(f"{name}: only in {'head' if os.path.exists(b_path) else 'base'}")
            failed += 1
            continue
        problems = diff(canonical(load(a_path)), canonical(load(b_path)), limit=1000)
        # Named ranges are half-open [lo, hi) (the last one closed): a draw exactly on a shared boundary used to count in both.
        # Those differences are listed, and do not count as a change.
        ranges = [p for p in problems if ".regions[" in p and p.endswith(")") is False
                  and ".probability:" in p]
        problems = [p for p in problems if p not in ranges][:20]
        for p in ranges:
            print(f"{name}: range on a boundary (half-open rule): {p}")
        if problems:
            failed += 1
            print(f"{name}: DIFFERENT")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"{name}: identical")
    print(f"{len(names) - failed} identical, {failed} different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
