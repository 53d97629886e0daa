#!/usr/bin/env python3
"""Write the L1-regularised linear SVM reference that Tests/LanternEngineTests compares against.

The reference is scikit-learn's LinearSVC(penalty="l1", loss="squared_hinge", dual=False),
which wraps LIBLINEAR's -s 5 and regularises the bias like a weight (intercept_scaling 1).
It lives beside make_fixtures.py and reuses its sparse data generator, so rerunning this
script leaves the older fixtures untouched.

    pip install scikit-learn scipy
    python3 scripts/engine-fixtures/make_l1_fixture.py
"""

import json

import numpy as np
import scipy
import sklearn
from sklearn.svm import LinearSVC

from make_fixtures import OUTPUT, sparse_rows


def l1_objective(model, x, y, cost):
    """‖w‖₁ + |b| + C Σ max(0, 1 − y (wᵀx + b))², the objective LIBLINEAR -s 5 minimises."""
    w = model.coef_.ravel()
    b = model.intercept_[0]
    signs = np.where(y == 1, 1.0, -1.0)
    margins = np.maximum(0.0, 1.0 - signs * (x @ w + b))
    return float(np.abs(w).sum() + abs(b) + cost * (margins**2).sum())


def main():
    rng = np.random.default_rng(20260601)
    x, y = sparse_rows(rng, 200, 40, 0.15)
    test_x, _ = sparse_rows(rng, 80, 40, 0.15)
    cases = []
    for cost in (0.05, 1.0):
        model = LinearSVC(penalty="l1", loss="squared_hinge", dual=False, C=cost,
                          intercept_scaling=1.0, tol=1e-8, max_iter=1_000_000)
        model.fit(x, y)
        cases.append({
            "cost": cost,
            "weights": model.coef_.ravel().tolist(),
            "intercept": float(model.intercept_[0]),
            "objective": l1_objective(model, x, y, cost),
            "testDecisionValues": model.decision_function(test_x).tolist(),
        })
    versions = {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
    content = {"versions": versions, "trainX": x.tolist(), "trainY": y.tolist(), "testX": test_x.tolist(),
               "cases": cases}
    path = OUTPUT / "l1_linear_svm.json"
    path.write_text(json.dumps(content, separators=(",", ":")) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
