"""Short "what am I seeing?" texts for the microscope's views, and a guided tour of chapter 2.

Every text goes through Qt's translation (context "MicroscopeHelp"); equations are not words and
are written in the book's notation with HTML sub- and superscripts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


# the four equations, typeset in the book's notation (not translated: they are maths)
BP1 = "δ<sup>L</sup> = ∇<sub>a</sub>C ⊙ σ′(z<sup>L</sup>)"
BP2 = "δ<sup>l</sup> = ((w<sup>l+1</sup>)<sup>T</sup> δ<sup>l+1</sup>) ⊙ σ′(z<sup>l</sup>)"
BP3 = "∂C/∂b<sup>l</sup><sub>j</sub> = δ<sup>l</sup><sub>j</sub>"
BP4 = "∂C/∂w<sup>l</sup><sub>jk</sub> = a<sup>l−1</sup><sub>k</sub> δ<sup>l</sup><sub>j</sub>"


def view_help(name):
    """The rich-text help of one view: "layers", "tiles", "saliency", "readout", "nudge" or
    "gradcheck"."""
    texts = {
        "layers": QCoreApplication.translate("MicroscopeHelp", 
            "<b>One backward pass, layer by layer.</b> Each row is a layer of the network "
            "(the book numbers the input layer 1; the output layer L is at the top, because "
            "backpropagation starts there). Each small square is one neuron; blue is negative, "
            "red positive, white zero, and each column shares one colour scale (its bar is under "
            "the column), so a layer whose error is a thousand times smaller looks pale.<br>"
            "<b>z</b>: the weighted input. <b>a</b>: the activation. <b>σ′(z)</b>: the slope of "
            "the activation; near 0 the neuron is <i>saturated</i> and passes almost no error "
            "back. <b>incoming</b>: at the output the cost's gradient ∇<sub>a</sub>C, at a hidden "
            "layer the error carried back through the weights, (w<sup>l+1</sup>)<sup>T</sup>"
            "δ<sup>l+1</sup>. <b>δ</b>: their product, which is also ∂C/∂b (BP3).<br>"
            "Look for: switch the cost from quadratic to cross-entropy and watch BP1: the σ′ "
            "factor cancels and δ<sup>L</sup> becomes simply a − y."),
        "tiles": QCoreApplication.translate("MicroscopeHelp", 
            "<b>∂C/∂w of the first weight layer (BP4).</b> A neuron of layer 2 has one weight "
            "per pixel, so its 784 derivatives are drawn as a 28×28 tile. Since ∂C/∂w<sub>jk</sub>"
            " = a<sub>k</sub> δ<sub>j</sub> and a<sub>k</sub> is pixel k of the input, every tile "
            "is the drawing itself, multiplied by that neuron's error δ<sub>j</sub>: red where "
            "gradient descent would lower the weight, blue where it would raise it. The page shows "
            "the neurons with the largest gradient first. Hover for the exact value; click a "
            "pixel to pick that weight for the read-out and the global view."),
        "saliency": QCoreApplication.translate("MicroscopeHelp", 
            "<b>What the network looks at: ∂C/∂x.</b> BP2 carried one step further, down to "
            "the 784 input pixels: (w<sup>2</sup>)<sup>T</sup>δ<sup>2</sup>. Red pixels would "
            "raise the cost if they were darker (they speak against the target digit), blue ones "
            "would lower it (they speak for it)."),
        "readout": QCoreApplication.translate("MicroscopeHelp", 
            "<b>One weight, read out.</b> BP4 says ∂C/∂w<sup>l</sup><sub>jk</sub> = "
            "a<sup>l−1</sup><sub>k</sub> δ<sup>l</sup><sub>j</sub>: the activation feeding the "
            "weight times the error of the neuron it feeds. Beside it the same derivative by "
            "finite differences, (C(w+ε) − C(w−ε)) / 2ε: two extra forward passes for this one "
            "weight, where backprop got all of them at once."),
        "nudge": QCoreApplication.translate("MicroscopeHelp", 
            "<b>The global view (the end of chapter 2).</b> Nudge the chosen weight by Δw and "
            "follow the change: it moves z<sup>l</sup><sub>j</sub>, then every neuron of the "
            "next layer, layer after layer, up to the cost. The measured ΔC is compared with "
            "∂C/∂w · Δw; the two agree better and better as Δw shrinks. ∂C/∂w is the sum over "
            "every path from the weight to C of the product of the rates along it; for a small "
            "network the paths are listed, and their sum equals what backprop computed."),
        "gradcheck": QCoreApplication.translate("MicroscopeHelp", 
            "<b>Why backprop is fast.</b> Every derivative is computed twice: by backprop, and "
            "by finite differences (two forward passes per weight). The relative error "
            "‖numeric − backprop‖ / (‖numeric‖ + ‖backprop‖) of each layer should be far below "
            "10<sup>−7</sup> in float64. The bars compare one backward pass with what finite "
            "differences need for every weight — measured, or for a large network extrapolated "
            "from a timed random sample."),
    }
    return texts[name]


def chapter_two_tour():
    """A short guided tour of chapter 2's lessons through the app, as HTML (for the Help
    menu)."""
    steps = [
        (QCoreApplication.translate("MicroscopeHelp", "1. The four equations"),
         QCoreApplication.translate(
             "MicroscopeHelp",
             "Draw a digit and open the Microscope. The top row is BP1: the output error "
             "{bp1}. Each row below is BP2, {bp2}: the error carried back one layer. The δ "
             "column is also BP3, {bp3}, and the tiles are BP4, {bp4}.").format(
             bp1=BP1, bp2=BP2, bp3=BP3, bp4=BP4)),
        (QCoreApplication.translate("MicroscopeHelp", "2. Saturation"),
         QCoreApplication.translate(
             "MicroscopeHelp",
             "Look at the σ′(z) column. Where it is white, σ′(z) ≈ 0: the neuron is saturated, "
             "and whatever error reaches it is multiplied by almost nothing. Its δ is pale, and so "
             "are its weights' gradients: a saturated neuron learns slowly.")),
        (QCoreApplication.translate("MicroscopeHelp", "3. Slow learning and the cost"),
         QCoreApplication.translate(
             "MicroscopeHelp",
             "Pick a target the network gets badly wrong and switch the cost to quadratic: δ<sup>L"
             "</sup> = (a − y) ⊙ σ′(z<sup>L</sup>) is tiny when the wrong output is saturated near "
             "1. Switch to cross-entropy: σ′ cancels, δ<sup>L</sup> = a − y, and the error is "
             "large exactly when the output is most wrong (chapter 3's cure).")),
        (QCoreApplication.translate("MicroscopeHelp", "4. The change travels to C"),
         QCoreApplication.translate(
             "MicroscopeHelp",
             "Click a weight and open the global view. Move the slider: Δw changes one neuron's "
             "z, then all the next layer's, up to the cost. ΔC ≈ ∂C/∂w · Δw, better and better "
             "as Δw shrinks; on a small network the sum over all paths equals backprop's "
             "∂C/∂w.")),
        (QCoreApplication.translate("MicroscopeHelp", "5. Finite differences"),
         QCoreApplication.translate(
             "MicroscopeHelp",
             "Run the gradient check. Both methods agree to about 10<sup>−9</sup>, but finite "
             "differences need two forward passes per weight: for the book's 784-30-10 network "
             "about 48,000 forward passes against one backward pass. That ratio is why "
             "backpropagation made training neural networks practical.")),
    ]
    body = "".join(f"<h3>{title}</h3><p>{text}</p>" for title, text in steps)
    heading = QCoreApplication.translate("MicroscopeHelp",
                                         "A tour of chapter 2: how backpropagation works")
    return f"<h2>{heading}</h2>{body}"
