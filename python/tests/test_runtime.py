"""Threads, interrupts and memory."""
import os
import signal
import threading
import time

import pytest

import parley
from conftest import cli, cli_json

FLAGSHIP = "scenarios/ukraine-2026.yaml"


def test_interrupted_mc_leaves_a_store_that_resume_completes(tmp_path):
    store = tmp_path / "runs.sqlite"
    seen = []

    def interrupt(done, total):
        seen.append(done)
        os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C does

    with pytest.raises(KeyboardInterrupt):
        parley.mc(FLAGSHIP, model="compromise", draws=400, seed=5, batch=50, store=store,
                  progress=interrupt)
    assert seen == [50]
    _, listing, _ = cli("runs", "--store", store)
    assert "running" in listing
    resumed = cli_json("mc", "--resume", 1, "--store", store, "--no-store")
    clean = cli_json("mc", FLAGSHIP, "--model", "compromise", "--draws", 400, "--seed", 5,
                     "--no-store")
    assert resumed == clean
    # And from Python: the finished run reads back as it is.
    again = parley.mc(store=store, resume=1)
    assert again.to_dict() == clean and again.forecasts.shape[0] == 400


def test_runs_release_the_gil():
    ticks = []
    done = threading.Event()

    def work():
        parley.mc(FLAGSHIP, model="compromise", draws=3000, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    # The main thread kept running while the ensemble ran.
    assert len(ticks) > 5


def resident_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_a_thousand_runs_do_not_grow_memory():
    scenario = parley.load("examples/emission/emission.yaml")
    for _ in range(100):
        parley.run(scenario, model="bdm").to_json()
    before = resident_kib()
    for k in range(1000):
        result = parley.run(scenario, model="bdm")
        result.forecast, result.to_json(), result.quantities
        if k % 100 == 0:
            result.trajectory, result.tables
    assert resident_kib() - before < 4096
