#!/usr/bin/python3
"""Every command's `--format json` output is a valid result document.

usage: validate_results.py PARLEY SOURCE_DIR WORK_DIR

Runs each command that prints results (run under every model, mc of a static
and a dynamic model and of the war layer, mc --draw, sensitivity by both
methods and of the war layer, whatif, advise, backtest with its
distribution scores, calibrate, the war backtest and war calibration, compare,
runs, show) with --format json and validates
what it prints against docs/result.schema.json (JSON Schema 2020-12, Debian's
python3-jsonschema).  The calibration `calibrate -o FILE` writes must be the
same document, and `backtest --calibration FILE` must score with it.  Also
checks that the schema rejects documents that break it, so that a schema
accepting anything cannot pass.  Prints 'N passed, N failed'.
"""
import json
import os
import subprocess
import sys

import jsonschema

parley, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
with open(os.path.join(source, "docs", "result.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

two = os.path.join(source, "tests", "data", "two_issues.yaml")
flagship = os.path.join(source, "scenarios", "ukraine-2026.yaml")
deu = os.path.join(source, "data", "deu", "deu_dev.tsv")
wars = os.path.join(source, "cases", "wars", "outcomes.csv")
fitted = os.path.join(work, "schema-calibration.json")
store = os.path.join(work, "schema-runs.sqlite")
if os.path.exists(store):
    os.remove(store)

models = [line.split(":")[0] for line in subprocess.run(
    [parley, "models"], capture_output=True, text=True, check=True).stdout.splitlines()
    if line and not line.startswith(" ") and ":" in line]
cases = [(f"run --model {m}", ["run", flagship if os.path.exists(flagship) else two, "--model", m])
         for m in models]
cases += [
    ("run (csv input)", ["run", two, "--explain"]),
    ("mc static", ["mc", two, "--model", "compromise", "--draws", "40", "--store", store]),
    ("mc dynamic", ["mc", two, "--model", "bdm", "--draws", "20", "--no-store"]),
    ("mc --draw", ["mc", two, "--model", "median", "--draws", "10", "--draw", "3", "--no-store"]),
    ("sensitivity oat", ["sensitivity", two, "--model", "compromise", "--store", store]),
    ("sensitivity sobol", ["sensitivity", two, "--model", "compromise", "--method", "sobol",
                           "--samples", "32", "--bootstrap", "10", "--no-store"]),
    ("mc war", ["mc", flagship, "--model", "war", "--draws", "2", "--set", "ensemble_draws=20",
                "--no-store"]),
    ("sensitivity war", ["sensitivity", flagship, "--model", "war", "--set",
                         "ensemble_draws=10", "--set", "horizon=6", "--no-store"]),
    ("whatif", ["whatif", flagship, "--model", "war", "--set", "draws=40", "--set", "horizon=6",
                "--set", "ensemble_draws=20", "--draws", "2"]),
    ("whatif (no events)", ["whatif", two, "--model", "compromise"]),
    ("advise", ["advise", two, "--model", "compromise", "--actor", "a"]),
    ("backtest", ["backtest", two, "--outcome", "land=60", "--outcome", "money=0",
                  "--bootstrap", "50"]),
    ("backtest (calibrated)", ["backtest", deu, "--models", "compromise,median",
                               "--bootstrap", "50"]),
    ("calibrate", ["calibrate", deu, "--model", "compromise", "--folds", "2", "-q"]),
    ("backtest --calibration FILE", ["backtest", deu, "--models", "compromise", "--bootstrap",
                                     "0", "--calibration", fitted]),
    ("war backtest", ["backtest", wars, "--set", "draws=20", "--bootstrap", "20"]),
    ("war calibrate", ["calibrate", wars, "--model", "war", "--fit", "accommodation=0.32",
                       "--fit", "a_b=-5.5", "--draws", "10", "--score-draws", "10",
                       "--bootstrap", "0", "-q"]),
    ("compare", ["compare", two, "--models", "compromise,median,bdm,war", "--set", "draws=50"]),
    ("compare --calibration none", ["compare", two, "--models", "compromise,nbs",
                                    "--calibration", "none"]),
    ("runs", ["runs", "--store", store]),
    ("show mc", ["show", "1", "--store", store]),
    ("show sensitivity", ["show", "2", "--store", store]),
]

passed = failed = 0
documents = {}  # case name -> the document it printed


def record(name, problems):
    global passed, failed
    if problems:
        failed += 1
        print(f"FAIL {name}")
        for p in problems:
            print(f"  {p}")
    else:
        passed += 1
        print(f"ok   {name}")


# The calibration file that the `backtest --calibration FILE` case reads.
subprocess.run([parley, "calibrate", deu, "--model", "compromise", "--folds", "2", "-q",
                "--format", "json", "-o", fitted], check=True)
for name, args in cases:
    done = subprocess.run([parley] + args + ["--format", "json"], capture_output=True, text=True)
    problems = []
    if done.returncode != 0:
        problems.append(f"exit {done.returncode}: {done.stderr.strip()}")
    else:
        try:
            document = json.loads(done.stdout)
            documents[name] = document
            problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                        for e in validator.iter_errors(document)][:5]
        except json.JSONDecodeError as e:
            problems.append(f"not JSON: {e}")
    record(name, problems)

# The schema must reject what breaks it.
broken = {}
for document in documents.values():
    if document.get("kind") == "mc":
        bad = json.loads(json.dumps(document))
        bad["issues"][0]["quantiles"] = {"q05": 1.0}  # the one spelling is [{p, value}]
        broken["mc with q05 keys"] = bad
    if document.get("kind") == "backtest":
        bad = json.loads(json.dumps(document))
        del bad["models"][0]["all"]["crps"]  # a scored distribution has every score
        broken["backtest distribution without crps"] = bad
    if document.get("kind") == "calibration":
        bad = json.loads(json.dumps(document))
        bad["fitted"]["atom_share"] = 1.5
        broken["calibration with a share above 1"] = bad
    if document.get("kind") == "war_backtest":
        bad = json.loads(json.dumps(document))
        del bad["models"][0]["nll"]  # every scored model has its nll
        broken["war backtest model without nll"] = bad
    if document.get("kind") == "war_calibration":
        bad = json.loads(json.dumps(document))
        bad["pooling"]["weight"] = 1.5
        broken["war calibration with a pooling weight above 1"] = bad
    if document.get("kind") == "compare":
        bad = json.loads(json.dumps(document))
        bad["models"][0]["interval"][bad["issues"][0]["issue"]] = [1.0]  # [low, high] or null
        broken["compare with a one-ended interval"] = bad
    if document.get("kind") == "run":
        bad = dict(document)
        del bad["forecast"]
        broken["run without forecast"] = bad
# What `calibrate -o` wrote is the document `calibrate` prints, and backtest
# scored the calibrated model with it.
with open(fitted, encoding="utf-8") as f:
    written = json.load(f)
record("calibrate -o writes the calibration document",
       [] if documents.get("calibrate") == written else ["not the document calibrate prints"])
scored = documents.get("backtest --calibration FILE", {"models": [{}]})["models"][0]
scores = scored.get("all", {})
calibrated = scored.get("distribution", "point") != "point"
record("backtest scores with the file",
       [] if calibrated and (scores.get("crps") or 1e9) < (scores.get("mae") or 0)
       else [f"distribution {scored.get('distribution')}, scores {scores}"])
broken["unknown kind"] = {"kind": "oracle", "parley_version": "0"}
broken["no envelope"] = {"model": "compromise"}
for name, document in broken.items():
    record(f"the schema rejects: {name}", ["accepted"] if validator.is_valid(document) else [])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
