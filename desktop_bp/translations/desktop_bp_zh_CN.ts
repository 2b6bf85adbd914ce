<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit. Ctrl+Z undoes the last stroke, Esc clears.</source>
        <translation>在这里写一个数字。Ctrl+Z 撤销上一笔，Esc 清空。</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
    <message>
        <source>bounding box</source>
        <translation>边界框</translation>
    </message>
    <message>
        <source>centre of mass</source>
        <translation>质心</translation>
    </message>
</context>
<context>
    <name>GradientHeatmaps</name>
    <message>
        <source>Layer {layer} {what}: {n_in} → {n_out}</source>
        <translation>第 {layer} 层 {what}：{n_in} → {n_out}</translation>
    </message>
    <message>
        <source>pixel x (one 28×28 tile per neuron)</source>
        <translation>像素 x（每个神经元一块 28×28）</translation>
    </message>
    <message>
        <source>pixel y (28 px per tile)</source>
        <translation>像素 y（每块 28 像素）</translation>
    </message>
    <message>
        <source>input k (layer {layer})</source>
        <translation>输入 k（第 {layer} 层）</translation>
    </message>
    <message>
        <source>neuron j (layer {layer})</source>
        <translation>神经元 j（第 {layer} 层）</translation>
    </message>
    <message>
        <source>{what}: all 0</source>
        <translation>{what}：全为 0</translation>
    </message>
    <message>
        <source>The gradient of the latest mini-batch (BP4)</source>
        <translation>最近一个小批量的梯度（BP4）</translation>
    </message>
    <message>
        <source>weights w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>The weights as they are now</source>
        <translation>当前的权重</translation>
    </message>
    <message>
        <source>blue &lt; 0 &lt; red, one scale per layer</source>
        <translation>蓝 &lt; 0 &lt; 红，每层各用一个色标</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>InputView</name>
    <message>
        <source>The 28×28 input the network receives: the drawing cropped, scaled to 20 pixels and centred by its centre of mass, as MNIST was made.</source>
        <translation>网络收到的 28×28 输入：和制作 MNIST 时一样，把写下的数字裁剪、缩放到 20 像素，再按质心居中。</translation>
    </message>
    <message>
        <source>28 × 28 input</source>
        <translation>28 × 28 输入</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言 Language(&amp;L)</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>{percent}% sure</source>
        <translation>置信度 {percent}%</translation>
    </message>
    <message>
        <source>not sure — maybe {digit} ({percent}%)</source>
        <translation>不确定
可能是 {digit}（{percent}%）</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>epochs trained</source>
        <translation>已训练的迭代期</translation>
    </message>
    <message>
        <source>cost C per sample</source>
        <translation>每个样本的代价 C</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>% with f&apos;(z) &amp;lt; {threshold}</source>
        <translation>f&apos;(z) &amp;lt; {threshold} 的比例（%）</translation>
    </message>
    <message>
        <source>mini-batch mean |∂C/∂w|</source>
        <translation>小批量平均 |∂C/∂w|</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>valid.</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>book</source>
        <translation>原书</translation>
    </message>
    <message numerus="yes">
        <source>∂C/∂w is exactly 0
in layer(s) {layers} now:
saturated neurons pass
no error back</source>
        <translation>
            <numerusform>第 {layers} 层的 ∂C/∂w
此刻恰好为 0：
饱和的神经元
不再向后传递误差</numerusform>
        </translation>
    </message>
    <message>
        <source>┆ diverged</source>
        <translation>┆ 发散</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>┈ batch</source>
        <translation>┈ 小批量</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source>appears while training</source>
        <translation>训练时显示</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>饱和神经元</translation>
    </message>
    <message>
        <source>Gradient size</source>
        <translation>梯度大小</translation>
    </message>
    <message>
        <source>{title}: {keys}</source>
        <translation>{title}：{keys}</translation>
    </message>
</context>
</TS>
