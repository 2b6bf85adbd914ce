"""The engine's names in the window's language: activations, costs, and a network's one-line
description ("784-30-10 sigmoid, quadratic"; in Chinese "784-30-10 S 型 sigmoid，二次代价函数").

The engine's own :meth:`~desktop_bp.core.network.Network.describe` stays English (the command
line and the files speak it); everything the window shows goes through here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def function_names():
    """{engine name: name in the window's language} of the activations and costs."""
    translate = QCoreApplication.translate
    return {"sigmoid": translate("Words", "sigmoid"), "tanh": translate("Words", "tanh"),
            "relu": translate("Words", "relu"), "softmax": translate("Words", "softmax"),
            "quadratic": translate("Words", "quadratic"),
            "cross-entropy": translate("Words", "cross-entropy"),
            "log-likelihood": translate("Words", "log-likelihood")}


def function_name(name):
    """One activation's or cost's name in the window's language (unknown names as they are)."""
    return function_names().get(name, name)


def describe_network(net):
    """``net``'s layer sizes, activation (and output layer, when not the same kind) and cost,
    in the window's language."""
    names = function_names()
    values = {"sizes": "-".join(str(n) for n in net.sizes),
              "activation": names.get(net.activation, net.activation),
              "output": names.get(net.output, net.output),
              "cost": names.get(net.cost_name, net.cost_name)}
    if net.output == "sigmoid":
        return QCoreApplication.translate("Words", "{sizes} {activation}, {cost}").format(**values)
    return QCoreApplication.translate("Words",
                                      "{sizes} {activation}/{output}, {cost}").format(**values)


def model_file_problem(exc):
    """One sentence in the window's language on what is wrong with a model file: ``exc`` is a
    :class:`~desktop_bp.core.persistence.ModelFileError` (its ``kind``) or an ``OSError``. The
    exception's own English text, shown after it, gives the details."""
    translate = QCoreApplication.translate
    kind = getattr(exc, "kind", "unreadable")
    texts = {
        "missing": translate("Words", "The file does not exist (any more)."),
        "folder": translate("Words", "This is a folder, not a model file."),
        "permission": translate("Words", "You are not allowed to read this file."),
        "unreadable": translate("Words", "The file cannot be read from the disk."),
        "empty": translate("Words", "The file is empty."),
        "not_model": translate("Words", "This is not a desktop-bp model file, nor a "
                                        "network2.py JSON file."),
        "damaged": translate("Words", "The file is damaged or incomplete (perhaps a download "
                                      "or a copy was cut short)."),
        "newer": translate("Words", "The file was made by a newer version of desktop-bp: "
                                    "update the app to open it."),
        "unsafe": translate("Words", "The file holds pickled Python objects, which are never "
                                     "loaded: opening them could run any code."),
        "too_large": translate("Words", "The file is far too large to be a model file."),
        "invalid": translate("Words", "The file's contents do not make a usable network."),
    }
    return texts.get(kind, texts["invalid"])


def dataset_problem(exc):
    """One sentence in the window's language on what is wrong with the MNIST data: ``exc`` is
    a :class:`~desktop_bp.core.idx.DatasetError` (its ``kind``). Its own English text, shown
    after it, names the file and the fix."""
    translate = QCoreApplication.translate
    kind = getattr(exc, "kind", "damaged")
    texts = {
        "missing": translate("Words", "The MNIST files are not there."),
        "unreadable": translate("Words", "An MNIST file cannot be read from the disk."),
        "damaged": translate("Words", "An MNIST file is damaged or incomplete: download it "
                                      "again."),
        "cannot_write": translate("Words", "The MNIST files cannot be written into that "
                                           "folder."),
        "download_failed": translate("Words", "MNIST could not be downloaded from any of its "
                                              "mirrors."),
        "cancelled": translate("Words", "The download was cancelled."),
    }
    return texts.get(kind, texts["damaged"])


def explain_dataset_error(exc):
    """What is wrong with the MNIST data in the window's words, then the engine's details."""
    return f"{dataset_problem(exc)}\n\n{str(exc) or type(exc).__name__}"
