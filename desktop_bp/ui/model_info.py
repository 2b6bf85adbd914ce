"""What the window says about the model in use: the Model page, and the line under the prediction
that says how good the network is (a network at chance level can still be "100% sure")."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QCoreApplication

from desktop_bp.core.run_config import describe_hyperparameters


def tr(text):
    return QCoreApplication.translate("ModelInfo", text)


_ORIGINS = {"bundled": "comes with the app", "file": "opened from a file",
            "run": "trained here, not saved", "recovered": "restored after a crash, not saved"}


def quality_text(model):
    """``(text, warn)`` for the line under the prediction."""
    net = model.network
    if net is None:
        return "", False
    meta = net.metadata or {}
    for key, where in (("test_accuracy", tr("test")), ("validation_accuracy", tr("validation"))):
        accuracy = meta.get(key)
        if isinstance(accuracy, (int, float)) and np.isfinite(accuracy):
            if not model.measured:
                history = meta.get("history") or []
                return (tr("These paused weights are not measured yet; after epoch {0}: "
                           "{1:.1f}% on the {2} set").format(len(history), 100 * accuracy, where),
                        False)
            text = tr("This network: {0:.1f}% right on the {1} set").format(100 * accuracy,
                                                                          where)
            if accuracy < 0.5:     # short: more lines would crowd the bars above
                text += tr(" (guessing: 10%)")
            return text, accuracy < 0.5
    return tr("This network: accuracy unknown"), False


def model_html(model):
    """A short HTML description of the model in use for the Model page."""
    net = model.network
    if net is None:
        return ("<p>" + tr("No model is loaded. Open one (Ctrl+O), drop a model file on the "
                           "window, or train one on the Train page.") + "</p>")
    meta = dict(net.metadata or {})
    rows = [(tr("Architecture"), net.describe()),
            (tr("Layers"), " → ".join(str(s) for s in net.sizes)),
            (tr("Parameters"), f"{net.num_parameters:,} ({np.dtype(net.dtype).name})"),
            (tr("Where from"), tr(_ORIGINS.get(model.origin, model.origin))),
            (tr("File"), str(model.path) if model.path else "—")]
    for key, label in (("test_accuracy", tr("Test accuracy")),
                       ("validation_accuracy", tr("Validation accuracy"))):
        value = meta.get(key)
        if isinstance(value, (int, float)):
            rows.append((label, f"{100 * value:.2f}%"))
    if "created" in meta:
        rows.append((tr("Created"), str(meta["created"]).replace("T", " ")[:19]))
    if "app_version" in meta:
        rows.append((tr("Saved by"), f"desktop-bp {meta['app_version']}"))
    history = meta.get("history")
    if isinstance(history, dict):       # older files: one list per quantity
        lists = [v for v in history.values() if isinstance(v, list)]
        history = [{} for _ in range(max(map(len, lists), default=0))]
    history = history if isinstance(history, list) else []
    html = ["<table cellspacing='4'>"]
    html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
    html.append("</table>")
    hyper = describe_hyperparameters(meta.get("hyperparameters"), history)
    if hyper:
        html.append("<h4>" + escape(tr("How it was trained")) + "</h4><table cellspacing='4'>")
        html += [f"<tr><td>{escape(tr(k))}</td><td>{escape(v)}</td></tr>" for k, v in hyper]
        html.append("</table>")
    if history:
        seconds = sum(r.get("seconds") or 0 for r in history if isinstance(r, dict))
        html.append("<h4>" + escape(tr("Training history")) + "</h4><p>")
        html.append(escape(tr("{0} epochs, {1:.0f} s of training.").format(len(history),
                                                                            seconds)))
        last = history[-1] if isinstance(history[-1], dict) else {}
        parts = []
        for key, label in (("training_cost", tr("cost")),
                           ("validation_accuracy", tr("validation")),
                           ("test_accuracy", tr("test"))):
            value = last.get(key)
            if isinstance(value, (int, float)):
                parts.append(f"{label} {100 * value:.2f}%" if "accuracy" in key
                             else f"{label} {value:.4g}")
        if parts:
            html.append(" " + escape(tr("Last epoch: {0}.").format(", ".join(parts))))
        html.append("</p>")
    return "".join(html)
