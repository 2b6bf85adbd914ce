"""What the window says about the model in use: the Model page, and the line under the prediction
that says how good the network is (a network at chance level can still be "100% sure")."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QObject

from desktop_bp.core.run_config import PARTIAL_EPOCH, format_eta
from desktop_bp.ui.words import describe_network


class ModelDescriber(QObject):
    """Texts about a :class:`~desktop_bp.ui.state.ModelInUse`, in the window's language."""

    def origin(self, origin):
        return {"bundled": self.tr("comes with the app"),
                "file": self.tr("opened from a file"),
                "run": self.tr("trained here, not saved"),
                "recovered": self.tr("restored after a crash, not saved")}.get(origin, origin)

    def quality(self, model):
        """``(text, warn)`` for the line under the prediction."""
        net = model.network
        if net is None:
            return "", False
        meta = net.metadata or {}
        for key, where in (("test_accuracy", self.tr("test")),
                           ("validation_accuracy", self.tr("validation"))):
            accuracy = meta.get(key)
            if isinstance(accuracy, (int, float)) and np.isfinite(accuracy):
                if not model.measured:
                    epochs = len(meta.get("history") or [])
                    return (self.tr("Not measured since epoch {0} ({1:.1f}% on the {2} "
                                    "set)").format(epochs, 100 * accuracy, where), False)
                text = self.tr("This network: {0:.1f}% right on the {1} set").format(
                    100 * accuracy, where)
                if accuracy < 0.5:     # short: more lines would crowd the bars above
                    text = self.tr("{0} (guessing: 10%)").format(text)
                return text, accuracy < 0.5
        return self.tr("This network: accuracy unknown"), False

    def preset_label(self, name):
        """A preset's name (the core's, e.g. "book"), translated; a name it does not know as
        it is."""
        return {"book": self.tr("book"), "book-100": self.tr("book-100"),
                "improved": self.tr("improved"), "best": self.tr("best"),
                "slow-eta": self.tr("slow-eta"),
                "diverging-eta": self.tr("diverging-eta")}.get(name, name)

    def hyperparameters(self, hyper, history=()):
        """``[(label, value)]``: a model's stored settings as a person reads them; the η
        actually used per epoch comes from ``history`` when it records one."""
        hyper = hyper if isinstance(hyper, dict) else {}
        number = (int, float)
        rows = []
        if hyper.get("preset"):
            preset = str(hyper["preset"])
            rows.append((self.tr("Preset"), self.tr("custom") if preset == "custom"
                         else self.preset_label(preset)))
        if isinstance(hyper.get("eta"), number):
            text = format_eta(hyper["eta"])
            used = [r.get("eta") for r in history
                    if isinstance(r, dict) and isinstance(r.get("eta"), number)]
            if used and any(abs(e - hyper["eta"]) > 1e-12 * abs(hyper["eta"]) for e in used):
                text = self.tr("{0} at the start, {1} in the last epoch").format(
                    text, format_eta(used[-1]))
            rows.append((self.tr("Learning rate η"), text))
        if isinstance(hyper.get("batch_size"), number):
            rows.append((self.tr("Mini-batch"),
                         self.tr("{0} images").format(int(hyper["batch_size"]))))
        if isinstance(hyper.get("epochs"), number):
            rows.append((self.tr("Epochs planned"), str(int(hyper["epochs"]))))
        if isinstance(hyper.get("lmbda"), number):
            rows.append((self.tr("L2 regularisation λ"),
                         f"{hyper['lmbda']:g}" if hyper["lmbda"] else self.tr("none")))
        if isinstance(hyper.get("momentum"), number):
            rows.append((self.tr("Momentum μ"), f"{hyper['momentum']:g}"
                         if hyper["momentum"] else self.tr("none (plain SGD)")))
        if isinstance(hyper.get("eta_decay"), number):
            decay = hyper["eta_decay"]
            rows.append((self.tr("η decay"), self.tr("× {0:g} per epoch").format(decay)
                         if decay != 1 else self.tr("none (constant η)")))
        if "augment" in hyper:
            rows.append((self.tr("Augmentation"), self.tr("random distortions")
                         if hyper["augment"] else self.tr("none")))
        if isinstance(hyper.get("training_size"), number):
            rows.append((self.tr("Training images"), f"{int(hyper['training_size']):,}"))
        if "seed" in hyper:
            rows.append((self.tr("Seed"), self.tr("random") if hyper["seed"] is None
                         else str(hyper["seed"])))
        return rows

    def html(self, model):
        """A short HTML description of the model in use for the Model page."""
        net = model.network
        if net is None:
            return "<p>" + escape(self.tr(
                "No model is loaded. Open one (Ctrl+O), drop a model file on the window, or "
                "train one on the Train page.")) + "</p>"
        meta = dict(net.metadata or {})
        rows = [(self.tr("Architecture"), describe_network(net)),
                (self.tr("Layers"), " → ".join(str(s) for s in net.sizes)),
                (self.tr("Parameters"), f"{net.num_parameters:,} ({np.dtype(net.dtype).name})"),
                (self.tr("Where from"), self.origin(model.origin)),
                (self.tr("File"), str(model.path) if model.path else "—")]
        history = meta.get("history")
        if isinstance(history, dict):       # older files: one list per quantity
            lists = [v for v in history.values() if isinstance(v, list)]
            history = [{} for _ in range(max(map(len, lists), default=0))]
        history = history if isinstance(history, list) else []
        partial = meta.get(PARTIAL_EPOCH)
        partial = partial if isinstance(partial, dict) and history else None
        for key, label in (("test_accuracy", self.tr("Test accuracy")),
                           ("validation_accuracy", self.tr("Validation accuracy"))):
            value = meta.get(key)
            if isinstance(value, (int, float)):
                if partial is not None:     # whose accuracy: a run stopped within an epoch
                    label = (self.tr("{0} (of the final weights)").format(label)
                             if partial.get("measured") else
                             self.tr("{0} (after epoch {1})").format(label, len(history)))
                rows.append((label, f"{100 * value:.2f}%"))
        if "created" in meta:
            rows.append((self.tr("Created"), str(meta["created"]).replace("T", " ")[:19]))
        if "app_version" in meta:
            rows.append((self.tr("Saved by"), f"desktop-bp {meta['app_version']}"))
        html = ["<table cellspacing='4'>"]
        html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
        html.append("</table>")
        hyper = self.hyperparameters(meta.get("hyperparameters"), history)
        if hyper:
            title = self.tr("How it was trained")
            html.append(f"<h4>{escape(title)}</h4><table cellspacing='4'>")
            html += [f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in hyper]
            html.append("</table>")
        if history:
            seconds = sum(r.get("seconds") or 0 for r in history if isinstance(r, dict))
            text = self.tr("%n epoch(s), {0:.0f} s of training.", "", len(history)).format(
                seconds)
            last = history[-1] if isinstance(history[-1], dict) else {}
            parts = []
            for key, label in (("validation_accuracy", self.tr("validation")),
                               ("test_accuracy", self.tr("test"))):
                if isinstance(last.get(key), (int, float)):
                    parts.append(f"{label} {100 * last[key]:.2f}%")
            if parts:
                text = self.tr("%n epoch(s), {0:.0f} s of training. Last finished epoch: {1}.", "",
                               len(history)).format(seconds, self.tr(", ").join(parts))
            if partial is not None:     # stopped within the next epoch: its weights say more
                text = self.tr("%n full epoch(s) and part of epoch {0} ({1} of {2} mini-batches), "
                               "{3:.0f} s of training.", "", len(history)).format(
                    len(history) + 1, partial.get("batches_done", "?"),
                    partial.get("batches", "?"), seconds)
                if parts:
                    text += " " + self.tr("Last full epoch: {0}.").format(self.tr(", ").join(parts))
            title = self.tr("Training history")
            html.append(f"<h4>{escape(title)}</h4><p>{escape(text)}</p>")
        return "".join(html)
