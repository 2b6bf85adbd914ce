<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>EvaluationView</name>
    <message numerus="yes">
        <source>%n image(s) of the digit %1 read correctly, the most confident first.</source>
        <translation>
            <numerusform>%n image of the digit %1 read correctly, the most confident first.</numerusform>
            <numerusform>%n images of the digit %1 read correctly, the most confident first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of the digit %1 read as %2, the most confident mistakes first.</source>
        <translation>
            <numerusform>%n image of the digit %1 read as %2, the most confident mistakes first.</numerusform>
            <numerusform>%n images of the digit %1 read as %2, the most confident mistakes first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GradientHeatmaps</name>
    <message numerus="yes">
        <source>the %n largest</source>
        <translation>
            <numerusform>the %n largest</numerusform>
            <numerusform>the %n largest</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Layer 2 has %n neurons: its tiles are shown a page at a time, either the ones with the largest values now or by number. Point at a tile to read it.</source>
        <translation>
            <numerusform>Layer 2 has %n neuron: its tiles are shown a page at a time, either the ones with the largest values now or by number. Point at a tile to read it.</numerusform>
            <numerusform>Layer 2 has %n neurons: its tiles are shown a page at a time, either the ones with the largest values now or by number. Point at a tile to read it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelDescriber</name>
    <message numerus="yes">
        <source>%n epoch(s), {0:.0f} s of training.</source>
        <translation>
            <numerusform>%n epoch, {0:.0f} s of training.</numerusform>
            <numerusform>%n epochs, {0:.0f} s of training.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), {0:.0f} s of training. Last finished epoch: {1}.</source>
        <translation>
            <numerusform>%n epoch, {0:.0f} s of training. Last finished epoch: {1}.</numerusform>
            <numerusform>%n epochs, {0:.0f} s of training. Last finished epoch: {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n full epoch(s) and part of epoch {0} ({1} of {2} mini-batches), {3:.0f} s of training.</source>
        <translation>
            <numerusform>%n full epoch and part of epoch {0} ({1} of {2} mini-batches), {3:.0f} s of training.</numerusform>
            <numerusform>%n full epochs and part of epoch {0} ({1} of {2} mini-batches), {3:.0f} s of training.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NudgePanel</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n path(s)&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}; largest products first):</source>
        <translation>
            <numerusform>&lt;b&gt;%n path&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}):</numerusform>
            <numerusform>&lt;b&gt;%n paths&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}; largest products first):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n paths&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}); the {shown} with the largest products:</source>
        <translation>
            <numerusform>&lt;b&gt;%n paths&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}); the {shown} with the largest products:</numerusform>
            <numerusform>&lt;b&gt;%n paths&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}); the {shown} with the largest products:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonalSetView</name>
    <message numerus="yes">
        <source>%n drawing(s) exported to {0}.</source>
        <translation>
            <numerusform>%n drawing exported to {0}.</numerusform>
            <numerusform>%n drawings exported to {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n drawing(s) imported.</source>
        <translation>
            <numerusform>%n drawing imported.</numerusform>
            <numerusform>%n drawings imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped:</source>
        <translation>
            <numerusform>%n file skipped:</numerusform>
            <numerusform>%n files skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your handwriting: %n drawing(s) in {0}</source>
        <translation>
            <numerusform>Your handwriting: %n drawing in {0}</numerusform>
            <numerusform>Your handwriting: %n drawings in {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message numerus="yes">
        <source>Save the network trained here: {0}, %n epoch(s)</source>
        <translation>
            <numerusform>Save the network trained here: {0}, %n epoch</numerusform>
            <numerusform>Save the network trained here: {0}, %n epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s).</source>
        <translation>
            <numerusform>Trained %n epoch.</numerusform>
            <numerusform>Trained %n epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s) kept. {capacity:,} epochs of {arch} ({each} each) fit in {budget:.0f} MB; past that, every k-th epoch and the latest are kept</source>
        <translation>
            <numerusform>%n epoch kept. {capacity:,} epochs of {arch} ({each} each) fit in {budget:.0f} MB; past that, every k-th epoch and the latest are kept</numerusform>
            <numerusform>%n epochs kept. {capacity:,} epochs of {arch} ({each} each) fit in {budget:.0f} MB; past that, every k-th epoch and the latest are kept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message numerus="yes">
        <source>∂C/∂w is exactly 0 in layer(s) {layers}
from where its line ends (a log axis
has no 0): saturated neurons pass
no error back</source>
        <translation>
            <numerusform>∂C/∂w is exactly 0 in layer {layers}
from where its line ends (a log axis
has no 0): saturated neurons pass
no error back</numerusform>
            <numerusform>∂C/∂w is exactly 0 in layers {layers}
from where its line ends (a log axis
has no 0): saturated neurons pass
no error back</numerusform>
        </translation>
    </message>
</context>
</TS>
