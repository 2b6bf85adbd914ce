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
