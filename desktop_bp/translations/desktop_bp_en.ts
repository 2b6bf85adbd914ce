<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
        <source>%n epoch(s), {0:.0f} s of training. Last epoch: {1}.</source>
        <translation>
            <numerusform>%n epoch, {0:.0f} s of training. Last epoch: {1}.</numerusform>
            <numerusform>%n epochs, {0:.0f} s of training. Last epoch: {1}.</numerusform>
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
</context>
<context>
    <name>TrainingPlots</name>
    <message numerus="yes">
        <source>∂C/∂w is exactly 0
in layer(s) {layers} now:
saturated neurons pass
no error back</source>
        <translation>
            <numerusform>∂C/∂w is exactly 0
in layer {layers} now:
saturated neurons pass
no error back</numerusform>
            <numerusform>∂C/∂w is exactly 0
in layers {layers} now:
saturated neurons pass
no error back</numerusform>
        </translation>
    </message>
</context>
</TS>
