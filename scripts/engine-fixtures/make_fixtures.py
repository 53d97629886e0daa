#!/usr/bin/env python3
"""Write the reference results that Tests/LanternEngineTests compares the engine against.

The references come from scikit-learn (LinearSVC and SVC, which wrap LIBLINEAR and LIBSVM)
and SciPy (hierarchical linkage). Only the tests use the output; the build never runs this.

    pip install scikit-learn scipy
    python3 scripts/engine-fixtures/make_fixtures.py

Inputs are rounded to three decimals so that the files stay small and the Swift side reads
exactly the numbers the references were fitted on. The JSON files go to Tests/LanternEngineTests/Fixtures/ and are committed, so the Swift tests
run without Python. Every dataset is drawn from a fixed seed, so reruns give the same data;
the reference numbers can differ in the last digits between library versions.
"""

import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import linkage
from sklearn.svm import SVC, LinearSVC, OneClassSVM

OUTPUT = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "LanternEngineTests" / "Fixtures"


def blobs(rng, count, dimension, positive_share, shift):
    """Two overlapping Gaussian classes; labels are 1 (positive) or 0."""
    labels = (rng.random(count) < positive_share).astype(int)
    points = rng.normal(size=(count, dimension))
    points[labels == 1] += shift
    return np.round(points, 3), labels


def sparse_rows(rng, count, dimension, density):
    """Non-negative rows where most entries are zero, like term frequencies."""
    labels = (rng.random(count) < 0.4).astype(int)
    mask = rng.random((count, dimension)) < density
    points = np.where(mask, rng.poisson(2.0, size=(count, dimension)) + 0.5, 0.0)
    signal = np.zeros(dimension)
    signal[: dimension // 5] = 1.0
    points[labels == 1] += np.where(mask[labels == 1], signal, 0.0)
    return np.round(points, 3), labels


def linear_primal(model, x, y, loss, costs):
    """The primal objective with the bias regularised, as LIBLINEAR with -B 1 minimises it."""
    w = model.coef_.ravel()
    b = model.intercept_[0]
    signs = np.where(y == 1, 1.0, -1.0)
    margins = np.maximum(0.0, 1.0 - signs * (x @ w + b))
    per_sample_cost = np.where(y == 1, costs[1], costs[0])
    losses = margins if loss == "hinge" else margins**2
    return 0.5 * (w @ w + b * b) + float(per_sample_cost @ losses)


def linear_cases(name, x, y, test_x):
    cases = []
    for loss in ("hinge", "squared_hinge"):
        for cost, weights in ((1.0, {0: 1.0, 1: 1.0}), (0.1, {0: 1.0, 1: 3.0})):
            model = LinearSVC(
                loss=loss, C=cost, dual=True, intercept_scaling=1.0, class_weight=weights,
                tol=1e-8, max_iter=1_000_000, random_state=0,
            )
            model.fit(x, y)
            costs = {label: cost * weight for label, weight in weights.items()}
            cases.append({
                "loss": "hinge" if loss == "hinge" else "squaredHinge",
                "positiveCost": costs[1],
                "negativeCost": costs[0],
                "weights": model.coef_.ravel().tolist(),
                "intercept": float(model.intercept_[0]),
                "primalObjective": linear_primal(model, x, y, loss, costs),
                "testDecisionValues": model.decision_function(test_x).tolist(),
            })
    return {"name": name, "trainX": x.tolist(), "trainY": y.tolist(), "testX": test_x.tolist(), "cases": cases}


def rbf_dual_objective(model, x, gamma):
    """eᵀalpha − ½ alphaᵀQalpha from the support vectors, the maximisation form."""
    coefficients = model.dual_coef_.ravel()
    support = x[model.support_]
    squared = ((support[:, None, :] - support[None, :, :]) ** 2).sum(axis=2)
    kernel = np.exp(-gamma * squared)
    return float(np.abs(coefficients).sum() - 0.5 * coefficients @ kernel @ coefficients)


def rbf_cases(x, y, test_x):
    cases = []
    for cost, gamma, weights in ((1.0, 0.5, {0: 1.0, 1: 1.0}), (10.0, 2.0, {0: 1.0, 1: 2.0})):
        model = SVC(kernel="rbf", C=cost, gamma=gamma, class_weight=weights, tol=1e-6, shrinking=True)
        model.fit(x, y)
        cases.append({
            "gamma": gamma,
            "positiveCost": cost * weights[1],
            "negativeCost": cost * weights[0],
            "intercept": float(model.intercept_[0]),
            "supportVectorCount": int(len(model.support_)),
            "dualObjective": rbf_dual_objective(model, x, gamma),
            "testDecisionValues": model.decision_function(test_x).tolist(),
        })
    return {"name": "rings", "trainX": x.tolist(), "trainY": y.tolist(), "testX": test_x.tolist(), "cases": cases}


def one_class_cases(x, test_x):
    cases = []
    for nu, gamma in ((0.1, 0.5), (0.3, 2.0)):
        model = OneClassSVM(kernel="rbf", nu=nu, gamma=gamma, tol=1e-6)
        model.fit(x)
        coefficients = model.dual_coef_.ravel()
        support = x[model.support_]
        squared = ((support[:, None, :] - support[None, :, :]) ** 2).sum(axis=2)
        cases.append({
            "nu": nu,
            "gamma": gamma,
            "rho": float(-model.intercept_[0]),
            "objective": float(0.5 * coefficients @ np.exp(-gamma * squared) @ coefficients),
            "testDecisionValues": model.decision_function(test_x).tolist(),
        })
    return {"trainX": x.tolist(), "testX": test_x.tolist(), "cases": cases}


def rings(rng, count):
    """An inner disc (positive) inside a noisy ring, which no line separates."""
    radius = np.where(rng.random(count) < 0.5, rng.uniform(0, 1.0, count), rng.uniform(0.8, 2.0, count))
    angle = rng.uniform(0, 2 * np.pi, count)
    points = np.column_stack((radius * np.cos(angle), radius * np.sin(angle)))
    labels = (radius < 0.9).astype(int)
    return np.round(points, 3), labels


def linkage_cases(rng):
    centres = rng.normal(scale=4.0, size=(4, 5))
    points = np.round(np.vstack([centre + rng.normal(size=(10, 5)) for centre in centres]), 3)
    rng.shuffle(points)
    methods = {}
    for method in ("ward", "average", "complete", "single"):
        methods[method] = linkage(points, method=method, metric="euclidean").tolist()
    return {"points": points.tolist(), "linkage": methods}


def main():
    rng = np.random.default_rng(20240601)
    OUTPUT.mkdir(parents=True, exist_ok=True)

    dense_x, dense_y = blobs(rng, 240, 6, 0.3, 1.2)
    dense_test, _ = blobs(rng, 100, 6, 0.3, 1.2)
    sparse_x, sparse_y = sparse_rows(rng, 200, 40, 0.15)
    sparse_test, _ = sparse_rows(rng, 80, 40, 0.15)
    linear = [linear_cases("dense", dense_x, dense_y, dense_test),
              linear_cases("sparse", sparse_x, sparse_y, sparse_test)]

    ring_x, ring_y = rings(rng, 160)
    ring_test, _ = rings(rng, 80)

    versions = {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
    files = {
        "linear_svm.json": {"versions": versions, "datasets": linear},
        "kernel_svm.json": {"versions": versions, "dataset": rbf_cases(ring_x, ring_y, ring_test)},
        "linkage.json": {"versions": versions, **linkage_cases(rng)},
        "one_class_svm.json": {"versions": versions, "dataset": one_class_cases(ring_x, ring_test)},
    }
    for name, content in files.items():
        (OUTPUT / name).write_text(json.dumps(content, separators=(",", ":")) + "\n")
        print(f"wrote {OUTPUT / name}")


if __name__ == "__main__":
    main()
