#!/usr/bin/env python3
"""Write ward_daily_vectors.json: subnet-day counts and SciPy's Ward linkage of their daily vectors.

SubnetWardSciPyTests turns the same counts into daily vectors with DailyVector (square roots of
the TAP shares, then square roots of the signature shares) and compares Lantern's Ward merge
heights with SciPy's. The counts are drawn from a fixed seed as a mix of scanning patterns
(one dominant TAP cell with a signature, mixed cells, thin days), so the vectors look like
real subnet-days, including exact duplicates.

    pip install scipy numpy
    python3 Tests/LanternTriageTests/SubnetFixtures/make_ward_fixture.py
"""

import json
import pathlib

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage

OUTPUT = pathlib.Path(__file__).resolve().parent / "ward_daily_vectors.json"
SIGNATURES = ["nas-5000-scan", "smb-scan", "telnet-scan", "web-scan"]


def draw_counts(rng, count):
    patterns = [rng.dirichlet(np.full(27, 0.15)) for _ in range(8)]
    rows = []
    for _ in range(count):
        pattern = patterns[rng.integers(len(patterns))]
        windows = int(rng.choice([1, 3, 12, 80, 600]))
        cells = rng.multinomial(windows, pattern)
        signatures = {name: int(rng.binomial(windows, share)) for name, share in zip(SIGNATURES, rng.dirichlet(np.ones(5))[:4] * rng.random())}
        rows.append({"cells": cells.tolist(), "signatures": signatures, "windows": windows})
    return rows


def daily_vector(row):
    cells = np.array(row["cells"], dtype=float)
    tap = np.sqrt(cells / cells.sum()) if cells.sum() > 0 else np.zeros(27)
    shares = [min(1.0, row["signatures"].get(name, 0) / row["windows"]) for name in SIGNATURES]
    return np.concatenate([tap, np.sqrt(shares)])


def main():
    rng = np.random.default_rng(20260105)
    rows = draw_counts(rng, 400)
    vectors = np.array([daily_vector(row) for row in rows])
    result = linkage(vectors, method="ward")
    OUTPUT.write_text(json.dumps({
        "scipy": scipy.__version__,
        "signatures": SIGNATURES,
        "counts": rows,
        "linkage": result.tolist(),
    }))


if __name__ == "__main__":
    main()
