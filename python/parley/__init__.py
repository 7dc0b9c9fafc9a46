"""parley: forecasts of multi-party negotiations, from Python.

>>> import parley
>>> scenario = parley.load("examples/emission/emission.yaml")
>>> parley.run(scenario, model="compromise").forecast
{'delay': 7.389956...}

The numbers are the command line's, bit for bit: the same scenario, model,
parameters and seed give the same result through ``parley run`` and
``parley.run``.  See docs/python.md.
"""
from ._parley import ScenarioError, __version__
from .scenario import Scenario, load
from .result import Result
from .api import (run, mc, sensitivity, backtest, compare, whatif, advise, models,
                  McResult)

__all__ = [
    "ScenarioError", "Scenario", "Result", "McResult", "load", "run", "mc", "sensitivity",
    "backtest", "compare", "whatif", "advise", "models", "__version__",
]
