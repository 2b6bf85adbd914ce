<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConfusionHeatmap</name>
    <message>
        <source>Confusion matrix (click a cell)</source>
        <translation>混淆矩阵（点击一格）</translation>
    </message>
    <message>
        <source>predicted digit</source>
        <translation>预测的数字</translation>
    </message>
    <message>
        <source>true digit</source>
        <translation>真实的数字</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit. Ctrl+Z undoes the last stroke (or clear), Esc clears.</source>
        <translation>在这里写一个数字。Ctrl+Z 撤销上一笔（或撤销清空），Esc 清空。</translation>
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
    <name>EvaluationLink</name>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Your drawing is a</source>
        <translation>你写的是</translation>
    </message>
    <message>
        <source>Keep it in my handwriting</source>
        <translation>存入我的手写集</translation>
    </message>
    <message>
        <source>Add the drawing on the canvas, labelled with the digit it really is, to your own handwriting set (PNG files and a labels file in the app&apos;s data folder)</source>
        <translation>把画布上的字连同它真正的数字加入你自己的手写集（PNG 文件和一个标签文件，存放在应用的数据文件夹中）</translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation>请先写一个数字。</translation>
    </message>
    <message>
        <source>Kept as a {0} in your handwriting ({1} drawings).</source>
        <translation>已作为 {0} 存入你的手写集（共 {1} 个）。</translation>
    </message>
    <message>
        <source>your handwriting: {0:.0f}% of {1}</source>
        <translation>你的手写：{1} 个中认对 {0:.0f}%</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Run the model in use on every image of the chosen set</source>
        <translation>用当前模型识别所选数据集的每一张图像</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Evaluate the model to see where it fails.</source>
        <translation>评估模型，看看它错在哪里。</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Precision: of the images called this digit, the share that are it. Recall: of the images of this digit, the share called it.</source>
        <translation>精确率：被认作这个数字的图像中，确实是它的比例。召回率：这个数字的图像中，被认出来的比例。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的一格，查看其中的图像。</translation>
    </message>
    <message>
        <source>No data to evaluate on: download MNIST first.</source>
        <translation>没有可评估的数据：请先下载 MNIST。</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>The evaluation failed: {0}</source>
        <translation>评估失败：{0}</translation>
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <source>Evaluate the model to list the images of this cell.</source>
        <translation>评估模型后才能列出这一格的图像。</translation>
    </message>
    <message>
        <source>#{0}: {1} → {2}
p = {3:.2f}</source>
        <translation>#{0}: {1} → {2}
p = {3:.2f}</translation>
    </message>
    <message>
        <source>#{0}: {1} → {2}
a = {3:.2f}</source>
        <translation>#{0}: {1} → {2}
a = {3:.2f}</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of the digit %1 read correctly, the most confident first.</source>
        <translation>
            <numerusform>数字 %1 的 %n 张图像被认对，最有把握的排在前面。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of the digit %1 read as %2, the most confident mistakes first.</source>
        <translation>
            <numerusform>数字 %1 的 %n 张图像被认成 %2，最有把握的错误排在前面。</numerusform>
        </translation>
    </message>
    <message>
        <source>(the first {0} shown)</source>
        <translation>（显示前 {0} 张）</translation>
    </message>
    <message>
        <source>Accuracy unknown: evaluate the model.</source>
        <translation>准确率未知：请评估模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test accuracy {0:.2f}%&lt;/b&gt; (measured when it was trained); evaluate again to see the details.</source>
        <translation>&lt;b&gt;测试集准确率 {0:.2f}%&lt;/b&gt;（训练时测得）；再评估一次即可查看详情。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Validation accuracy {0:.2f}%&lt;/b&gt; (measured when it was trained); evaluate again to see the details.</source>
        <translation>&lt;b&gt;验证集准确率 {0:.2f}%&lt;/b&gt;（训练时测得）；再评估一次即可查看详情。</translation>
    </message>
    <message>
        <source>test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accuracy {0:.2f}%&lt;/b&gt; on the {1} ({2:,} images, {3:,} wrong); mean cost {4}</source>
        <translation>{1}&lt;b&gt;准确率 {0:.2f}%&lt;/b&gt;（{2:,} 张图像，错 {3:,} 张）；平均代价 {4}</translation>
    </message>
    <message>
        <source>Stored with the model: evaluate again to list the images.</source>
        <translation>这是随模型保存的结果：重新评估才能列出图像。</translation>
    </message>
    <message>
        <source>Evaluation done.</source>
        <translation>评估完成。</translation>
    </message>
</context>
<context>
    <name>GradientCheckView</name>
    <message>
        <source>Run the gradient check</source>
        <translation>运行梯度检验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>What am I seeing?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>Backprop against finite differences, in float64.</source>
        <translation>反向传播对比有限差分，float64 精度。</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重数</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>error in w</source>
        <translation>w 的误差</translation>
    </message>
    <message>
        <source>error in b</source>
        <translation>b 的误差</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>time (log scale)</source>
        <translation>时间（对数刻度）</translation>
    </message>
    <message>
        <source>one backward pass</source>
        <translation>一次反向传播</translation>
    </message>
    <message>
        <source>finite differences, all weights</source>
        <translation>有限差分，全部权重</translation>
    </message>
    <message>
        <source>every one of the {n:,} weights and biases</source>
        <translation>全部 {n:,} 个权重和偏置</translation>
    </message>
    <message>
        <source>a random sample of {s} entries of each weight matrix and bias vector (of {n:,} parameters); the time for all is extrapolated</source>
        <translation>每个权重矩阵和偏置向量随机抽取 {s} 项（共 {n:,} 个参数）；全部所需的时间由此推算</translation>
    </message>
    <message>
        <source>Checking {how} of {arch}…</source>
        <translation>正在检验 {arch} 的{how}…</translation>
    </message>
    <message>
        <source>The gradient check failed: {message}</source>
        <translation>梯度检验出错：{message}</translation>
    </message>
    <message>
        <source>pass (&lt; 1e-7)</source>
        <translation>通过（&lt; 1e-7）</translation>
    </message>
    <message>
        <source>pass (&lt; 1e-4)</source>
        <translation>通过（&lt; 1e-4）</translation>
    </message>
    <message>
        <source>FAIL (≥ 1e-4)</source>
        <translation>未通过（≥ 1e-4）</translation>
    </message>
    <message>
        <source>Cancelled after {n:,} of the entries.</source>
        <translation>已在检验 {n:,} 项后取消。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Passed&lt;/b&gt;: the largest relative error is {e:.1e}.</source>
        <translation>&lt;b&gt;通过&lt;/b&gt;：最大相对误差为 {e:.1e}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Passed&lt;/b&gt;: the largest relative error is {e:.1e}, below 1e-4 (a mistake in backprop gives 1e-2 or more). Above 1e-7 the finite differences themselves are off: the gradients are tiny (saturated neurons) or pass a ReLU kink.</source>
        <translation>&lt;b&gt;通过&lt;/b&gt;：最大相对误差为 {e:.1e}，低于 1e-4（反向传播若有错误，误差会达到 1e-2 或更大）。高于 1e-7 时，是有限差分本身不准：梯度极小（神经元饱和），或经过了 ReLU 的折点。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Failed&lt;/b&gt;: the largest relative error is {e:.1e}.</source>
        <translation>&lt;b&gt;未通过&lt;/b&gt;：最大相对误差为 {e:.1e}。</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>extrapolated from {n:,} checked entries</source>
        <translation>由已检验的 {n:,} 项推算</translation>
    </message>
    <message>
        <source>{head} One backward pass: {bp}. One forward pass: {fw}. Finite differences for all {n:,} parameters: {fd} ({how}), {ratio:,.0f} times one backward pass.</source>
        <translation>{head}一次反向传播：{bp}。一次前向传播：{fw}。对全部 {n:,} 个参数做有限差分：{fd}（{how}），是一次反向传播的 {ratio:,.0f} 倍。</translation>
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
        <source>blue &lt; 0 &lt; red</source>
        <translation>蓝 &lt; 0 &lt; 红</translation>
    </message>
    <message>
        <source>scale: whole run</source>
        <translation>色标：整次训练</translation>
    </message>
    <message>
        <source>scale: each update</source>
        <translation>色标：每次更新</translation>
    </message>
    <message>
        <source>Held: one colour scale per layer, the largest value of the run so far, so that gradients that vanish fade and gradients that explode stand out. Each update: the scale follows the latest values (any gradient looks vivid).</source>
        <translation>保持：每层一个色标，取本次训练至今的最大值，于是消失的梯度逐渐变淡，爆炸的梯度格外醒目。每次更新：色标跟随最新的值（任何梯度看起来都很鲜明）。</translation>
    </message>
    <message numerus="yes">
        <source>the %n largest</source>
        <translation>
            <numerusform>最大的 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>neurons {0}–{1}</source>
        <translation>神经元 {0}–{1}</translation>
    </message>
    <message numerus="yes">
        <source>Layer 2 has %n neurons: its tiles are shown a page at a time, either the ones with the largest values now or by number. Point at a tile to read it.</source>
        <translation>
            <numerusform>第 2 层有 %n 个神经元：它们的图块一页一页地显示，可按当前数值最大排列，也可按编号排列。指向一个图块即可读出数值。</numerusform>
        </translation>
    </message>
    <message>
        <source>neuron {0}, pixel ({1}, {2})</source>
        <translation>神经元 {0}，像素（{1}, {2}）</translation>
    </message>
    <message>
        <source>neuron {0}, input {1}</source>
        <translation>神经元 {0}，输入 {1}</translation>
    </message>
    <message>
        <source>layer {0}: {1}: {2:.3g}</source>
        <translation>第 {0} 层：{1}：{2:.3g}</translation>
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
    <name>LayerGrid</name>
    <message>
        <source>incoming</source>
        <translation>传入</translation>
    </message>
    <message>
        <source>layer {l}, neuron {j}: z = {z:.4g}, a = {a:.4g}, σ′(z) = {fp:.4g}, incoming = {inc:.4g}, δ = ∂C/∂b = {d:.4g}</source>
        <translation>第 {l} 层，神经元 {j}：z = {z:.4g}，a = {a:.4g}，σ′(z) = {fp:.4g}，传入 = {inc:.4g}，δ = ∂C/∂b = {d:.4g}</translation>
    </message>
    <message>
        <source>own scale</source>
        <translation>独立色标</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pen</source>
        <translation>笔</translation>
    </message>
    <message>
        <source>Pen width (pixels on a 280-pixel canvas)</source>
        <translation>笔宽（以 280 像素宽的画布计，单位 px）</translation>
    </message>
    <message>
        <source>Show preprocessing</source>
        <translation>显示预处理</translation>
    </message>
    <message>
        <source>Show the bounding box and the centre of mass the preprocessing finds (Ctrl+B)</source>
        <translation>显示预处理找到的边界框和质心（Ctrl+B）</translation>
    </message>
    <message>
        <source>Network input, 28 × 28</source>
        <translation>网络输入，28 × 28</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Training will appear here: set up a network, press Start and watch the cost fall and the gradients change, epoch by epoch.</source>
        <translation>训练将显示在这里：设置好网络，按“开始”，看代价下降、梯度变化，一个迭代期接一个迭代期。</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型…(&amp;O)</translation>
    </message>
    <message>
        <source>Open a model file (.npz, or network2.py JSON)</source>
        <translation>打开模型文件（.npz 或 network2.py 的 JSON）</translation>
    </message>
    <message>
        <source>Open &amp;bundled model</source>
        <translation>打开自带模型(&amp;B)</translation>
    </message>
    <message>
        <source>Go back to the model that comes with the app</source>
        <translation>换回应用自带的模型</translation>
    </message>
    <message>
        <source>&amp;Save model</source>
        <translation>保存模型(&amp;S)</translation>
    </message>
    <message>
        <source>Save the model in use</source>
        <translation>保存当前使用的模型</translation>
    </message>
    <message>
        <source>Save model &amp;as…</source>
        <translation>模型另存为…(&amp;A)</translation>
    </message>
    <message>
        <source>Save the model in use to a new file</source>
        <translation>把当前使用的模型保存到新文件</translation>
    </message>
    <message>
        <source>Save &amp;every epoch too</source>
        <translation>同时保存每个迭代期(&amp;E)</translation>
    </message>
    <message>
        <source>A model trained here is saved with the weights of each of its epochs, which the time machine replays when the file is opened again</source>
        <translation>保存在这里训练的模型时，一并保存它每个迭代期的权重；再次打开文件时，时光机可以回放它们</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>撤销笔画(&amp;U)</translation>
    </message>
    <message>
        <source>Remove the last stroke</source>
        <translation>删除最后一笔</translation>
    </message>
    <message>
        <source>&amp;Clear canvas</source>
        <translation>清空画布(&amp;C)</translation>
    </message>
    <message>
        <source>Remove every stroke</source>
        <translation>删除所有笔画</translation>
    </message>
    <message>
        <source>Show what &amp;preprocessing sees</source>
        <translation>显示预处理所见(&amp;P)</translation>
    </message>
    <message>
        <source>Bounding box and centre of mass on the canvas</source>
        <translation>在画布上显示边界框和质心</translation>
    </message>
    <message>
        <source>How the &amp;answer is judged…</source>
        <translation>如何判断回答(&amp;A)…</translation>
    </message>
    <message>
        <source>When the app names a digit, says “not sure” or “not a digit”</source>
        <translation>何时说出数字、“不确定”或“不是数字”</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>How the answer is judged</source>
        <translation>如何判断回答</translation>
    </message>
    <message>
        <source>&amp;About desktop-bp</source>
        <translation>关于 desktop-bp(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Canvas</source>
        <translation>画布(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>The model in use: layer sizes, activation, cost</source>
        <translation>当前使用的模型：各层大小、激活函数、代价函数</translation>
    </message>
    <message>
        <source>Bundled model ({0})</source>
        <translation>自带模型（{0}）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>test accuracy {0:.2f}%</source>
        <translation>测试集准确率 {0:.2f}%</translation>
    </message>
    <message>
        <source>test accuracy unknown</source>
        <translation>测试集准确率未知</translation>
    </message>
    <message>
        <source>{0}; {1}</source>
        <translation>{0}；{1}</translation>
    </message>
    <message>
        <source>About desktop-bp</source>
        <translation>关于 desktop-bp</translation>
    </message>
    <message>
        <source>Draw a digit and watch a neural network name it; train the network on MNIST and watch backpropagation work: the cost, the gradients ∂C/∂w = a_in·δ_out and the four equations BP1–BP4 of Michael Nielsen&apos;s &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;, chapter 2.</source>
        <translation>写一个数字，看神经网络把它认出来；在 MNIST 上训练网络，看反向传播如何工作：代价、梯度 ∂C/∂w = a_in·δ_out，以及 Michael Nielsen《&lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;》（《神经网络与深度学习》）第 2 章的四个方程 BP1–BP4。</translation>
    </message>
    <message>
        <source>NumPy engine, PySide6 and pyqtgraph. MIT licence. MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).</source>
        <translation>计算基于 NumPy，界面基于 PySide6 和 pyqtgraph。MIT 许可证。MNIST：Yann LeCun、Corinna Cortes 和 Christopher J. C. Burges（CC BY-SA 3.0）。</translation>
    </message>
</context>
<context>
    <name>MicroscopeHelp</name>
    <message>
        <source>&lt;b&gt;One backward pass, layer by layer.&lt;/b&gt; Each row is a layer of the network (the book numbers the input layer 1; the output layer L is at the top, because backpropagation starts there). Each small square is one neuron; blue is negative, red positive, white zero, and each column shares one colour scale (its bar is under the column), so a layer whose error is a thousand times smaller looks pale.&lt;br&gt;&lt;b&gt;z&lt;/b&gt;: the weighted input. &lt;b&gt;a&lt;/b&gt;: the activation. &lt;b&gt;σ′(z)&lt;/b&gt;: the slope of the activation; near 0 the neuron is &lt;i&gt;saturated&lt;/i&gt; and passes almost no error back. &lt;b&gt;incoming&lt;/b&gt;: at the output the cost&apos;s gradient ∇&lt;sub&gt;a&lt;/sub&gt;C, at a hidden layer the error carried back through the weights, (w&lt;sup&gt;l+1&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;δ&lt;sup&gt;l+1&lt;/sup&gt;. &lt;b&gt;δ&lt;/b&gt;: their product, which is also ∂C/∂b (BP3).&lt;br&gt;Look for: switch the cost from quadratic to cross-entropy and watch BP1: the σ′ factor cancels and δ&lt;sup&gt;L&lt;/sup&gt; becomes simply a − y.</source>
        <translation>&lt;b&gt;一次反向传播，逐层展开。&lt;/b&gt;每一行是网络的一层（书中把输入层记为第 1 层；输出层 L 在最上面，因为反向传播从那里开始）。每个小方块是一个神经元；蓝色为负，红色为正，白色为零；每一列共用一个色标（色条在该列下方），所以误差小一千倍的层看起来很淡。&lt;br&gt;&lt;b&gt;z&lt;/b&gt;：带权输入。&lt;b&gt;a&lt;/b&gt;：激活值。&lt;b&gt;σ′(z)&lt;/b&gt;：激活函数的斜率；接近 0 时神经元&lt;i&gt;饱和&lt;/i&gt;，几乎不把误差往回传。&lt;b&gt;传入&lt;/b&gt;：在输出层是代价函数的梯度 ∇&lt;sub&gt;a&lt;/sub&gt;C，在隐藏层是经权重传回的误差 (w&lt;sup&gt;l+1&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;δ&lt;sup&gt;l+1&lt;/sup&gt;。&lt;b&gt;δ&lt;/b&gt;：两者之积，也就是 ∂C/∂b（BP3）。&lt;br&gt;试试看：把代价函数从二次代价函数换成交叉熵，观察 BP1：σ′ 因子消掉了，δ&lt;sup&gt;L&lt;/sup&gt; 变成简单的 a − y。</translation>
    </message>
    <message>
        <source>&lt;b&gt;∂C/∂w of the first weight layer (BP4).&lt;/b&gt; A neuron of layer 2 has one weight per pixel, so its 784 derivatives are drawn as a 28×28 tile. Since ∂C/∂w&lt;sub&gt;jk&lt;/sub&gt; = a&lt;sub&gt;k&lt;/sub&gt; δ&lt;sub&gt;j&lt;/sub&gt; and a&lt;sub&gt;k&lt;/sub&gt; is pixel k of the input, every tile is the drawing itself, multiplied by that neuron&apos;s error δ&lt;sub&gt;j&lt;/sub&gt;: red where gradient descent would lower the weight, blue where it would raise it. The page shows the neurons with the largest gradient first. Hover for the exact value; click a pixel to pick that weight for the read-out and the global view.</source>
        <translation>&lt;b&gt;第一层权重的 ∂C/∂w（BP4）。&lt;/b&gt;第 2 层的每个神经元对每个像素有一个权重，所以它的 784 个导数画成一块 28×28 的图块。由于 ∂C/∂w&lt;sub&gt;jk&lt;/sub&gt; = a&lt;sub&gt;k&lt;/sub&gt; δ&lt;sub&gt;j&lt;/sub&gt;，而 a&lt;sub&gt;k&lt;/sub&gt; 就是输入的第 k 个像素，每个图块都是你写的字本身乘以该神经元的误差 δ&lt;sub&gt;j&lt;/sub&gt;：红色处梯度下降会减小权重，蓝色处会增大权重。页面先显示梯度最大的神经元。悬停可读出精确值；点击一个像素，即选中该权重，用于读数和全局视图。</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the network looks at: ∂C/∂x.&lt;/b&gt; BP2 carried one step further, down to the 784 input pixels: (w&lt;sup&gt;2&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;δ&lt;sup&gt;2&lt;/sup&gt;. Red pixels would raise the cost if they were darker (they speak against the target digit), blue ones would lower it (they speak for it).</source>
        <translation>&lt;b&gt;网络在看哪里：∂C/∂x。&lt;/b&gt;把 BP2 再往前推一步，一直到 784 个输入像素：(w&lt;sup&gt;2&lt;/sup&gt;)&lt;sup&gt;T&lt;/sup&gt;δ&lt;sup&gt;2&lt;/sup&gt;。红色像素如果更深，代价会升高（它们不支持目标数字）；蓝色像素更深则代价降低（它们支持目标数字）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;One weight, read out.&lt;/b&gt; BP4 says ∂C/∂w&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;jk&lt;/sub&gt; = a&lt;sup&gt;l−1&lt;/sup&gt;&lt;sub&gt;k&lt;/sub&gt; δ&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;j&lt;/sub&gt;: the activation feeding the weight times the error of the neuron it feeds. Beside it the same derivative by finite differences, (C(w+ε) − C(w−ε)) / 2ε: two extra forward passes for this one weight, where backprop got all of them at once.</source>
        <translation>&lt;b&gt;读出一个权重。&lt;/b&gt;BP4 说 ∂C/∂w&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;jk&lt;/sub&gt; = a&lt;sup&gt;l−1&lt;/sup&gt;&lt;sub&gt;k&lt;/sub&gt; δ&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;j&lt;/sub&gt;：输入该权重的激活值乘以它所连神经元的误差。旁边是用有限差分算出的同一个导数 (C(w+ε) − C(w−ε)) / 2ε：仅这一个权重就要多做两次前向传播，而反向传播一次就得到了全部导数。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The global view (the end of chapter 2).&lt;/b&gt; Nudge the chosen weight by Δw and follow the change: it moves z&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;j&lt;/sub&gt;, then every neuron of the next layer, layer after layer, up to the cost. The measured ΔC is compared with ∂C/∂w · Δw; the two agree better and better as Δw shrinks. ∂C/∂w is the sum over every path from the weight to C of the product of the rates along it; for a small network the paths are listed, and their sum equals what backprop computed.</source>
        <translation>&lt;b&gt;全局视图（第 2 章结尾）。&lt;/b&gt;把选中的权重改变 Δw，跟踪这个变化：它先改变 z&lt;sup&gt;l&lt;/sup&gt;&lt;sub&gt;j&lt;/sub&gt;，再改变下一层的每个神经元，一层接一层，直到代价。实测的 ΔC 与 ∂C/∂w · Δw 相比较；Δw 越小，两者越一致。∂C/∂w 是从该权重到 C 的每条路径上各变化率之积的总和；对小网络会列出这些路径，它们的和等于反向传播算出的值。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why backprop is fast.&lt;/b&gt; Every derivative is computed twice: by backprop, and by finite differences (two forward passes per weight). The relative error ‖numeric − backprop‖ / (‖numeric‖ + ‖backprop‖) of each layer should be far below 10&lt;sup&gt;−7&lt;/sup&gt; in float64. The bars compare one backward pass with what finite differences need for every weight — measured, or for a large network extrapolated from a timed random sample.</source>
        <translation>&lt;b&gt;反向传播为什么快。&lt;/b&gt;每个导数都算两遍：用反向传播，以及用有限差分（每个权重两次前向传播）。在 float64 下，每层的相对误差 ‖numeric − backprop‖ / (‖numeric‖ + ‖backprop‖) 应远低于 10&lt;sup&gt;−7&lt;/sup&gt;。条形图比较一次反向传播与有限差分算出全部权重所需的时间——实测的，或者对大网络由计时的随机样本推算。</translation>
    </message>
    <message>
        <source>1. The four equations</source>
        <translation>1. 四个方程</translation>
    </message>
    <message>
        <source>Draw a digit and open the Microscope. The top row is BP1: the output error {bp1}. Each row below is BP2, {bp2}: the error carried back one layer. The δ column is also BP3, {bp3}, and the tiles are BP4, {bp4}.</source>
        <translation>写一个数字，打开显微镜。最上面一行是 BP1：输出误差 {bp1}。下面每一行是 BP2，{bp2}：误差往回传一层。δ 这一列也就是 BP3，{bp3}；图块则是 BP4，{bp4}。</translation>
    </message>
    <message>
        <source>2. Saturation</source>
        <translation>2. 饱和</translation>
    </message>
    <message>
        <source>Look at the σ′(z) column. Where it is white, σ′(z) ≈ 0: the neuron is saturated, and whatever error reaches it is multiplied by almost nothing. Its δ is pale, and so are its weights&apos; gradients: a saturated neuron learns slowly.</source>
        <translation>看 σ′(z) 这一列。白色处 σ′(z) ≈ 0：神经元饱和了，传到它的误差几乎都被乘成了零。它的 δ 很淡，它的权重的梯度也很淡：饱和的神经元学得慢。</translation>
    </message>
    <message>
        <source>3. Slow learning and the cost</source>
        <translation>3. 学习缓慢与代价函数</translation>
    </message>
    <message>
        <source>Pick a target the network gets badly wrong and switch the cost to quadratic: δ&lt;sup&gt;L&lt;/sup&gt; = (a − y) ⊙ σ′(z&lt;sup&gt;L&lt;/sup&gt;) is tiny when the wrong output is saturated near 1. Switch to cross-entropy: σ′ cancels, δ&lt;sup&gt;L&lt;/sup&gt; = a − y, and the error is large exactly when the output is most wrong (chapter 3&apos;s cure).</source>
        <translation>选一个网络错得很离谱的目标，把代价函数换成二次代价函数：错误的输出饱和在 1 附近时，δ&lt;sup&gt;L&lt;/sup&gt; = (a − y) ⊙ σ′(z&lt;sup&gt;L&lt;/sup&gt;) 非常小。换成交叉熵：σ′ 消掉了，δ&lt;sup&gt;L&lt;/sup&gt; = a − y，输出错得越厉害，误差就越大（第 3 章的解决办法）。</translation>
    </message>
    <message>
        <source>4. The change travels to C</source>
        <translation>4. 变化一路传到 C</translation>
    </message>
    <message>
        <source>Click a weight and open the global view. Move the slider: Δw changes one neuron&apos;s z, then all the next layer&apos;s, up to the cost. ΔC ≈ ∂C/∂w · Δw, better and better as Δw shrinks; on a small network the sum over all paths equals backprop&apos;s ∂C/∂w.</source>
        <translation>点击一个权重，打开全局视图。拖动滑块：Δw 改变一个神经元的 z，再改变下一层所有神经元的 z，直到代价。ΔC ≈ ∂C/∂w · Δw，Δw 越小越准确；在小网络上，所有路径之和等于反向传播的 ∂C/∂w。</translation>
    </message>
    <message>
        <source>5. Finite differences</source>
        <translation>5. 有限差分</translation>
    </message>
    <message>
        <source>Run the gradient check. Both methods agree to about 10&lt;sup&gt;−9&lt;/sup&gt;, but finite differences need two forward passes per weight: for the book&apos;s 784-30-10 network about 48,000 forward passes against one backward pass. That ratio is why backpropagation made training neural networks practical.</source>
        <translation>运行梯度检验。两种方法相差约 10&lt;sup&gt;−9&lt;/sup&gt;，但有限差分每个权重要两次前向传播：对书中的 784-30-10 网络，大约 48,000 次前向传播，而反向传播只需一次。正是这个比例，让反向传播使训练神经网络变得可行。</translation>
    </message>
    <message>
        <source>A tour of chapter 2: how backpropagation works</source>
        <translation>第 2 章导览：反向传播算法如何工作</translation>
    </message>
</context>
<context>
    <name>MicroscopeLink</name>
    <message>
        <source>The model in use, on your drawing</source>
        <translation>正在使用的模型，看你画的数字</translation>
    </message>
    <message>
        <source>A toy network 4-3-3-2 (every path listed)</source>
        <translation>玩具网络 4-3-3-2（列出每条路径）</translation>
    </message>
    <message>
        <source>New toy weights</source>
        <translation>换一组玩具权重</translation>
    </message>
    <message>
        <source>Random weights and a random input for the toy network</source>
        <translation>为玩具网络随机生成权重和输入</translation>
    </message>
    <message>
        <source>a random input</source>
        <translation>随机输入</translation>
    </message>
    <message>
        <source>Microscope</source>
        <translation>显微镜</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Chapter 2 &amp;tour…</source>
        <translation>第 2 章导览…(&amp;T)</translation>
    </message>
    <message>
        <source>Chapter 2&apos;s lessons, and where the app shows each of them</source>
        <translation>第 2 章的要点，以及应用中演示每一点的地方</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你写的字</translation>
    </message>
    <message>
        <source>Chapter 2 in this app</source>
        <translation>本应用中的第 2 章</translation>
    </message>
</context>
<context>
    <name>MicroscopeView</name>
    <message>
        <source>BP1–BP3: layer by layer</source>
        <translation>BP1–BP3：逐层</translation>
    </message>
    <message>
        <source>BP4: ∂C/∂w</source>
        <translation>BP4：∂C/∂w</translation>
    </message>
    <message>
        <source>Global view: nudge a weight</source>
        <translation>全局视图：微调一个权重</translation>
    </message>
    <message>
        <source>No input yet: draw a digit.</source>
        <translation>还没有输入：请写一个数字。</translation>
    </message>
    <message>
        <source>predicted digit</source>
        <translation>预测的数字</translation>
    </message>
    <message>
        <source>The target y: the digit the cost measures the output against</source>
        <translation>目标 y：代价函数拿输出与之比较的数字</translation>
    </message>
    <message>
        <source>The cost whose gradient is shown; it may differ from the one the network was trained with</source>
        <translation>显示其梯度的代价函数；可以与网络训练时用的不同</translation>
    </message>
    <message>
        <source>Export figures…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>What am I seeing?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>Target y:</source>
        <translation>目标 y：</translation>
    </message>
    <message>
        <source>Cost:</source>
        <translation>代价函数：</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>Hover over or click a weight to read it out.</source>
        <translation>悬停或点击一个权重，读出它的值。</translation>
    </message>
    <message>
        <source>{cost} (the network&apos;s own)</source>
        <translation>{cost}（网络自己的）</translation>
    </message>
    <message>
        <source>This input has {n} values; the network takes {m}.</source>
        <translation>这个输入有 {n} 个值；网络需要 {m} 个。</translation>
    </message>
    <message>
        <source>The network has only {n} outputs: pick a target below {n}.</source>
        <translation>网络只有 {n} 个输出：请选择小于 {n} 的目标。</translation>
    </message>
    <message>
        <source>with {cost} and {output} outputs σ′ cancels: δ&lt;sup&gt;L&lt;/sup&gt; = a − y</source>
        <translation>代价为{cost}、输出为{output}时 σ′ 消掉：δ&lt;sup&gt;L&lt;/sup&gt; = a − y</translation>
    </message>
    <message>
        <source>softmax couples its outputs: δ&lt;sup&gt;L&lt;/sup&gt; = J&lt;sup&gt;T&lt;/sup&gt;∇&lt;sub&gt;a&lt;/sub&gt;C, and σ′ shows the diagonal a(1 − a)</source>
        <translation>softmax 使各输出相互耦合：δ&lt;sup&gt;L&lt;/sup&gt; = J&lt;sup&gt;T&lt;/sup&gt;∇&lt;sub&gt;a&lt;/sub&gt;C，σ′ 显示的是对角线 a(1 − a)</translation>
    </message>
    <message>
        <source>with the {cost} cost σ′(z&lt;sup&gt;L&lt;/sup&gt;) stays in: saturated outputs learn slowly</source>
        <translation>代价为{cost}时 σ′(z&lt;sup&gt;L&lt;/sup&gt;) 仍在式中：饱和的输出学得慢</translation>
    </message>
    <message>
        <source>&lt;b&gt;BP1&lt;/b&gt; (top row): {bp1}; {note}. &lt;b&gt;BP2&lt;/b&gt; (rows below): {bp2}. &lt;b&gt;BP3&lt;/b&gt;: {bp3}.</source>
        <translation>&lt;b&gt;BP1&lt;/b&gt;（最上一行）：{bp1}；{note}。&lt;b&gt;BP2&lt;/b&gt;（下面各行）：{bp2}。&lt;b&gt;BP3&lt;/b&gt;：{bp3}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;BP1&lt;/b&gt; (top row): {bp1}. &lt;b&gt;BP2&lt;/b&gt; (rows below): {bp2}. &lt;b&gt;BP3&lt;/b&gt;: {bp3}.</source>
        <translation>&lt;b&gt;BP1&lt;/b&gt;（最上一行）：{bp1}。&lt;b&gt;BP2&lt;/b&gt;（下面各行）：{bp2}。&lt;b&gt;BP3&lt;/b&gt;：{bp3}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;BP4&lt;/b&gt;: {bp4}. Layer 2&apos;s tiles are the input drawing times each neuron&apos;s δ.</source>
        <translation>&lt;b&gt;BP4&lt;/b&gt;：{bp4}。第 2 层的图块就是输入的字乘以各神经元的 δ。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The global view&lt;/b&gt;: ΔC ≈ ∂C/∂w · Δw, and ∂C/∂w is the sum over all paths from the weight to C of the products of the rates.</source>
        <translation>&lt;b&gt;全局视图&lt;/b&gt;：ΔC ≈ ∂C/∂w · Δw，而 ∂C/∂w 是从该权重到 C 的所有路径上各变化率之积的总和。</translation>
    </message>
    <message>
        <source>Target y = {y}, C = {c:.4g}.</source>
        <translation>目标 y = {y}，C = {c:.4g}。</translation>
    </message>
    <message>
        <source>input x: {n} values</source>
        <translation>输入 x：{n} 个值</translation>
    </message>
    <message>
        <source>∂C/∂x: red raises C, blue lowers it</source>
        <translation>∂C/∂x：红色使 C 升高，蓝色使 C 降低</translation>
    </message>
    <message>
        <source>neurons by |∂C/∂w|, page {p} of {n}</source>
        <translation>按 |∂C/∂w| 排列的神经元，第 {p} / {n} 页</translation>
    </message>
    <message>
        <source>layer {l} ∂C/∂w, |max| {m:.2g}</source>
        <translation>第 {l} 层 ∂C/∂w，|max| {m:.2g}</translation>
    </message>
    <message>
        <source>neuron {j}, pixel ({x}, {y}): ∂C/∂w = {v:.4g}</source>
        <translation>神经元 {j}，像素（{x}, {y}）：∂C/∂w = {v:.4g}</translation>
    </message>
    <message>
        <source>layer {l}, neuron {j}, input {k}: ∂C/∂w = {v:.4g}</source>
        <translation>第 {l} 层，神经元 {j}，输入 {k}：∂C/∂w = {v:.4g}</translation>
    </message>
    <message>
        <source>input {i}: x = {v:.3f}, ∂C/∂x = {s:.4g}</source>
        <translation>输入 {i}：x = {v:.3f}，∂C/∂x = {s:.4g}</translation>
    </message>
    <message>
        <source>pixel ({x}, {y}): x = {v:.3f}, ∂C/∂x = {s:.4g}</source>
        <translation>像素（{x}, {y}）：x = {v:.3f}，∂C/∂x = {s:.4g}</translation>
    </message>
    <message>
        <source>&lt;b&gt;w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt;&lt;/b&gt; = {w:.4g}&lt;br&gt;&lt;br&gt;a&lt;sup&gt;{lm}&lt;/sup&gt;&lt;sub&gt;{k}&lt;/sub&gt; = {a:.6g}&lt;br&gt;δ&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j}&lt;/sub&gt; = {d:.6g}&lt;br&gt;&lt;br&gt;&lt;b&gt;∂C/∂w&lt;/b&gt; = a&lt;sub&gt;k&lt;/sub&gt;·δ&lt;sub&gt;j&lt;/sub&gt; = {p:.6e}&lt;br&gt;finite differences: {fd:.6e}&lt;br&gt;&lt;span style=&apos;color:#777&apos;&gt;(C(w+ε) − C(w−ε)) / 2ε, ε = 10&lt;sup&gt;−6&lt;/sup&gt;: two more forward passes for this one weight&lt;/span&gt;</source>
        <translation>&lt;b&gt;w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt;&lt;/b&gt; = {w:.4g}&lt;br&gt;&lt;br&gt;a&lt;sup&gt;{lm}&lt;/sup&gt;&lt;sub&gt;{k}&lt;/sub&gt; = {a:.6g}&lt;br&gt;δ&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j}&lt;/sub&gt; = {d:.6g}&lt;br&gt;&lt;br&gt;&lt;b&gt;∂C/∂w&lt;/b&gt; = a&lt;sub&gt;k&lt;/sub&gt;·δ&lt;sub&gt;j&lt;/sub&gt; = {p:.6e}&lt;br&gt;有限差分：{fd:.6e}&lt;br&gt;&lt;span style=&apos;color:#777&apos;&gt;(C(w+ε) − C(w−ε)) / 2ε，ε = 10&lt;sup&gt;−6&lt;/sup&gt;：仅这一个权重就多两次前向传播&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Picked: the arrow keys move it by one row or column (with Shift, by ten).</source>
        <translation>已选中：方向键每次把它移动一行或一列（按住 Shift 则移动十行或十列）。</translation>
    </message>
    <message>
        <source>Export figures into a folder</source>
        <translation>把图片导出到文件夹</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>The figures could not be written: {reason}. Choose another folder.</source>
        <translation>无法写入图片：{reason}。请选择另一个文件夹。</translation>
    </message>
    <message>
        <source>{n} files written to {folder}</source>
        <translation>已将 {n} 个文件写入 {folder}</translation>
    </message>
</context>
<context>
    <name>MnistSource</name>
    <message>
        <source>MNIST is needed to train</source>
        <translation>训练需要 MNIST</translation>
    </message>
    <message>
        <source>Training needs the MNIST handwritten digits (about 11 MB), which are not on this computer yet.</source>
        <translation>训练需要 MNIST 手写数字数据（约 11 MB），这台电脑上还没有。</translation>
    </message>
    <message>
        <source>Download them now, or choose a folder that already holds the four MNIST files. Drawing and recognising digits works without them.</source>
        <translation>现在下载，或选择一个已有四个 MNIST 文件的文件夹。写数字和识别数字不需要它们。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Folder that holds MNIST</source>
        <translation>存放 MNIST 的文件夹</translation>
    </message>
    <message>
        <source>No MNIST there</source>
        <translation>那里没有 MNIST</translation>
    </message>
    <message>
        <source>MNIST: {0}</source>
        <translation>MNIST：{0}</translation>
    </message>
    <message>
        <source>Downloading MNIST…</source>
        <translation>正在下载 MNIST…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <source>Downloading {0}… {1:.1f} of {2:.1f} MB</source>
        <translation>正在下载 {0}… {1:.1f} / {2:.1f} MB</translation>
    </message>
    <message>
        <source>MNIST downloaded to {0}.</source>
        <translation>MNIST 已下载到 {0}。</translation>
    </message>
    <message>
        <source>MNIST could not be downloaded</source>
        <translation>无法下载 MNIST</translation>
    </message>
    <message>
        <source>{0}

If this computer is offline, copy the four MNIST files into a folder and choose it with “Get MNIST… ▸ Choose folder…”. Everything else in the app keeps working.</source>
        <translation>{0}

如果这台电脑没有联网，请把四个 MNIST 文件复制到一个文件夹，再用“获取 MNIST… ▸ 选择文件夹…”选中它。应用的其他功能照常可用。</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
</context>
<context>
    <name>ModelDescriber</name>
    <message>
        <source>comes with the app</source>
        <translation>应用自带</translation>
    </message>
    <message>
        <source>opened from a file</source>
        <translation>从文件打开</translation>
    </message>
    <message>
        <source>trained here, not saved</source>
        <translation>在此训练，未保存</translation>
    </message>
    <message>
        <source>restored after a crash, not saved</source>
        <translation>崩溃后恢复，未保存</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Not measured since epoch {0} ({1:.1f}% on the {2} set)</source>
        <translation>第 {0} 个迭代期之后未再测量（{2}准确率 {1:.1f}%）</translation>
    </message>
    <message>
        <source>This network: {0:.1f}% right on the {1} set</source>
        <translation>本网络：{1}准确率 {0:.1f}%</translation>
    </message>
    <message>
        <source>{0} (guessing: 10%)</source>
        <translation>{0}（瞎猜：10%）</translation>
    </message>
    <message>
        <source>This network: accuracy unknown</source>
        <translation>本网络：准确率未知</translation>
    </message>
    <message>
        <source>book</source>
        <translation>原书</translation>
    </message>
    <message>
        <source>book-100</source>
        <translation>原书-100</translation>
    </message>
    <message>
        <source>improved</source>
        <translation>改进版</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>slow-eta</source>
        <translation>反例：η 过小</translation>
    </message>
    <message>
        <source>diverging-eta</source>
        <translation>反例：η 过大</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>{0} at the start, {1} in the last epoch</source>
        <translation>开始时 {0}，最后一个迭代期 {1}</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>{0} images</source>
        <translation>{0} 张图像</translation>
    </message>
    <message>
        <source>Epochs planned</source>
        <translation>计划的迭代期</translation>
    </message>
    <message>
        <source>L2 regularisation λ</source>
        <translation>L2 正则化 λ</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>none (plain SGD)</source>
        <translation>无（普通随机梯度下降）</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰减</translation>
    </message>
    <message>
        <source>× {0:g} per epoch</source>
        <translation>每个迭代期 × {0:g}</translation>
    </message>
    <message>
        <source>none (constant η)</source>
        <translation>无（η 不变）</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>random distortions</source>
        <translation>随机变形</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>No model is loaded. Open one (Ctrl+O), drop a model file on the window, or train one on the Train page.</source>
        <translation>未加载模型。请打开一个（Ctrl+O），把模型文件拖到窗口上，或在“训练”页训练一个。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Where from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试集准确率</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>{0} (of the final weights)</source>
        <translation>{0}（最终权重）</translation>
    </message>
    <message>
        <source>{0} (after epoch {1})</source>
        <translation>{0}（第 {1} 个迭代期后）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建于</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>保存者</translation>
    </message>
    <message>
        <source>How it was trained</source>
        <translation>训练方式</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), {0:.0f} s of training.</source>
        <translation>
            <numerusform>%n 个迭代期，训练 {0:.0f} s。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), {0:.0f} s of training. Last finished epoch: {1}.</source>
        <translation>
            <numerusform>%n 个迭代期，训练 {0:.0f} s。最后完成的迭代期：{1}。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>%n full epoch(s) and part of epoch {0} ({1} of {2} mini-batches), {3:.0f} s of training.</source>
        <translation>
            <numerusform>%n 个完整迭代期，外加第 {0} 个迭代期的一部分（{1}/{2} 个小批量），训练 {3:.0f} s。</numerusform>
        </translation>
    </message>
    <message>
        <source>Last full epoch: {0}.</source>
        <translation>最后一个完整迭代期：{0}。</translation>
    </message>
    <message>
        <source>Training history</source>
        <translation>训练历史</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>desktop-bp models (*.npz)</source>
        <translation>desktop-bp 模型 (*.npz)</translation>
    </message>
    <message>
        <source>Model files (*.npz *.json)</source>
        <translation>模型文件 (*.npz *.json)</translation>
    </message>
    <message>
        <source>network2.py JSON (*.json)</source>
        <translation>network2.py JSON (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>NudgePanel</name>
    <message>
        <source>Δw, on a logarithmic scale from −1 to +1 (0 in the middle)</source>
        <translation>Δw，对数刻度，从 −1 到 +1（中间为 0）</translation>
    </message>
    <message>
        <source>ΔC measured</source>
        <translation>实测 ΔC</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <source>Pick the steepest weight</source>
        <translation>选梯度最大的权重</translation>
    </message>
    <message>
        <source>The weight with the largest |∂C/∂w| of the earliest layer whose paths to C can all be listed</source>
        <translation>在到 C 的路径能全部列出的最靠前的一层中，|∂C/∂w| 最大的权重</translation>
    </message>
    <message>
        <source>Pick the steepest weight of layer {0}</source>
        <translation>选第 {0} 层梯度最大的权重</translation>
    </message>
    <message>
        <source>Pick a weight on the &lt;b&gt;{tab}&lt;/b&gt; tab (click a pixel of a ∂C/∂w tile or a cell of a ∂C/∂w matrix), or here with &lt;i&gt;{button}&lt;/i&gt;.</source>
        <translation>在&lt;b&gt;{tab}&lt;/b&gt;标签页选一个权重（点击 ∂C/∂w 图块中的一个像素，或 ∂C/∂w 矩阵中的一格），或在这里点&lt;i&gt;{button}&lt;/i&gt;。</translation>
    </message>
    <message>
        <source>Nudging w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; = {w:.4g} (∂C/∂w = {g:.4g}): the change moves z&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j}&lt;/sub&gt;, then every later layer, then C.</source>
        <translation>微调 w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; = {w:.4g}（∂C/∂w = {g:.4g}）：这个变化先改变 z&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j}&lt;/sub&gt;，再改变后面的每一层，最后改变 C。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Its input a&lt;sup&gt;{lm}&lt;/sup&gt;&lt;sub&gt;{k}&lt;/sub&gt; is 0 for this drawing&lt;/b&gt;, so nudging it changes nothing and ∂C/∂w = a·δ = 0: a weight fed by a small activation learns slowly. Pick a weight whose input is not 0 (a pixel of the ink, or an active neuron).</source>
        <translation>&lt;b&gt;对这幅手写，它的输入 a&lt;sup&gt;{lm}&lt;/sup&gt;&lt;sub&gt;{k}&lt;/sub&gt; 为 0&lt;/b&gt;，所以微调它什么也不改变，∂C/∂w = a·δ = 0：由很小的激活值输入的权重学习得很慢。请选一个输入不为 0 的权重（笔迹上的像素，或一个激活的神经元）。</translation>
    </message>
    <message>
        <source>{name}&lt;sup&gt;{l}&lt;/sup&gt;, blue −{s:.2g} … red +{s:.2g}</source>
        <translation>{name}&lt;sup&gt;{l}&lt;/sup&gt;，蓝 −{s:.2g} … 红 +{s:.2g}</translation>
    </message>
    <message>
        <source>Δw = {dw:+.3g}: measured ΔC = {dc:+.4e}, ∂C/∂w · Δw = {p:+.4e}</source>
        <translation>Δw = {dw:+.3g}：实测 ΔC = {dc:+.4e}，∂C/∂w · Δw = {p:+.4e}</translation>
    </message>
    <message>
        <source>{n:,} paths lead from this weight to C: too many to list here. Pick a weight of a later layer.</source>
        <translation>从这个权重到 C 有 {n:,} 条路径：太多，无法在此列出。请选一个更靠后的层的权重。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n path(s)&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}; largest products first):</source>
        <translation>
            <numerusform>从 w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; 到 C 共 &lt;b&gt;%n 条路径&lt;/b&gt;（经过第 {l}…{L} 层的神经元；乘积最大的在前）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n paths&lt;/b&gt; from w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; to C (neurons of layers {l}…{L}); the {shown} with the largest products:</source>
        <translation>
            <numerusform>从 w&lt;sup&gt;{l}&lt;/sup&gt;&lt;sub&gt;{j},{k}&lt;/sub&gt; 到 C 共 &lt;b&gt;%n 条路径&lt;/b&gt;（经过第 {l}…{L} 层的神经元）；列出乘积最大的 {shown} 条：</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;table&gt;{rows}&lt;/table&gt;sum of all paths = {total:.6e}&lt;br&gt;backprop&apos;s ∂C/∂w = {bp:.6e}</source>
        <translation>&lt;table&gt;{rows}&lt;/table&gt;所有路径之和 = {total:.6e}&lt;br&gt;反向传播的 ∂C/∂w = {bp:.6e}</translation>
    </message>
</context>
<context>
    <name>PersonalSetView</name>
    <message>
        <source>Set label</source>
        <translation>设标签</translation>
    </message>
    <message>
        <source>Give the selected drawing the digit chosen here</source>
        <translation>把这里选的数字设为所选字的标签</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the set to a folder (PNG files and labels.csv) or a .zip archive</source>
        <translation>把手写集写入文件夹（PNG 文件和 labels.csv）或 .zip 压缩包</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add the drawings of a folder or a .zip archive</source>
        <translation>加入文件夹或 .zip 压缩包中的字</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <source>Some files in the folder were skipped:</source>
        <translation>文件夹中有些文件被跳过了：</translation>
    </message>
    <message>
        <source>The drawing was not kept: {0}</source>
        <translation>这个字没有保存：{0}</translation>
    </message>
    <message>
        <source>Kept as a {0}.</source>
        <translation>已作为 {0} 保存。</translation>
    </message>
    <message>
        <source>The set could not be exported: {0}</source>
        <translation>无法导出手写集：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n drawing(s) exported to {0}.</source>
        <translation>
            <numerusform>已将 %n 个字导出到 {0}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n drawing(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 个字。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped:</source>
        <translation>
            <numerusform>跳过了 %n 个文件：</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the handwriting set</source>
        <translation>导出手写集</translation>
    </message>
    <message>
        <source>Zip archive (*.zip);;Folder (*)</source>
        <translation>Zip 压缩包 (*.zip);;文件夹 (*)</translation>
    </message>
    <message>
        <source>Import a handwriting set</source>
        <translation>导入手写集</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Or choose a folder</source>
        <translation>或选择文件夹</translation>
    </message>
    <message>
        <source>a {0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>a {0}, read ✓</source>
        <translation>{0}，认对 ✓</translation>
    </message>
    <message>
        <source>a {0}, read as {1}</source>
        <translation>{0}，认成 {1}</translation>
    </message>
    <message numerus="yes">
        <source>Your handwriting: %n drawing(s) in {0}</source>
        <translation>
            <numerusform>你的手写：{0} 中有 %n 个字</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep drawings with their true digit to see how well the model reads your handwriting.</source>
        <translation>把写的字连同真实数字保存下来，看看模型能否认出你的笔迹。</translation>
    </message>
    <message>
        <source>No model to read them.</source>
        <translation>没有模型来识别它们。</translation>
    </message>
    <message>
        <source>The model in use reads {0:.0f}% of them ({1} of {2}).</source>
        <translation>当前模型认对其中 {0:.0f}%（{2} 个中的 {1} 个）。</translation>
    </message>
</context>
<context>
    <name>PlotsHost</name>
    <message>
        <source>What am I seeing?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The curves&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Cost&lt;/b&gt;: the quadratic (or cross-entropy, log-likelihood) cost C averaged over the training set after each epoch, and over the validation set; the thin line is each mini-batch&apos;s cost. Gradient descent makes C fall; a cost that rises or explodes means η is too large.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Accuracy&lt;/b&gt;: the share of validation and test images named right after each epoch (the book&apos;s dashed line, where a preset matches it).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Saturation&lt;/b&gt;: the share of neurons whose σ′(z) is below 0.01. A saturated neuron passes almost no error back (BP2: δ = (wᵀδ) ⊙ σ′(z)), so its weights learn slowly: chapter 2&apos;s first lesson.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gradient size&lt;/b&gt;: the mini-batch mean |∂C/∂w| per layer, on a log scale. Layers far from the output often learn more slowly (smaller gradients).&lt;/p&gt;&lt;h3&gt;The heatmaps&lt;/h3&gt;&lt;p&gt;∂C/∂w = a&lt;sub&gt;in&lt;/sub&gt;·δ&lt;sub&gt;out&lt;/sub&gt; (BP4) for the latest mini-batch, or the weights w themselves; red is positive, blue negative. The first layer is drawn as one 28×28 tile per hidden neuron: a&lt;sub&gt;in&lt;/sub&gt; is the input image, so its gradient tiles look like the digits being learned from, and weights fed by pixels that are always 0 (the border) never change: small activations learn slowly. With the scale held over the run, vanishing gradients fade to white and exploding ones stand out.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;曲线&lt;/h3&gt;&lt;p&gt;&lt;b&gt;代价&lt;/b&gt;：每个迭代期结束后，二次代价函数（或交叉熵、对数似然）C 在训练集和验证集上的平均值；细线是每个小批量的代价。梯度下降让 C 下降；代价上升或爆炸，说明 η 太大。&lt;/p&gt;&lt;p&gt;&lt;b&gt;准确率&lt;/b&gt;：每个迭代期结束后，验证集和测试集中认对的图像所占比例（预设与原书一致时，虚线是原书的结果）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;饱和&lt;/b&gt;：σ′(z) 小于 0.01 的神经元所占比例。饱和的神经元几乎不把误差往回传（BP2：δ = (wᵀδ) ⊙ σ′(z)），所以它的权重学得慢：这是第 2 章的第一课。&lt;/p&gt;&lt;p&gt;&lt;b&gt;梯度大小&lt;/b&gt;：每层小批量平均的 |∂C/∂w|，对数刻度。离输出层远的层往往学得更慢（梯度更小）。&lt;/p&gt;&lt;h3&gt;热图&lt;/h3&gt;&lt;p&gt;最近一个小批量的 ∂C/∂w = a&lt;sub&gt;in&lt;/sub&gt;·δ&lt;sub&gt;out&lt;/sub&gt;（BP4），或权重 w 本身；红色为正，蓝色为负。第一层按每个隐藏神经元一块 28×28 图块画出：a&lt;sub&gt;in&lt;/sub&gt; 就是输入图像，所以梯度图块看起来像正在学习的数字；而由总为 0 的像素（边缘）输入的权重永远不变：激活值小，学得就慢。整次训练保持色标时，消失的梯度淡成白色，爆炸的梯度格外醒目。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>activation {0:.2f}</source>
        <translation>激活值 {0:.2f}</translation>
    </message>
    <message>
        <source>not sure — maybe {0} (activation {1:.2f})</source>
        <translation>也许是 {0}
激活值 {1:.2f}</translation>
    </message>
    <message>
        <source>{percent}% sure</source>
        <translation>置信度 {percent}%</translation>
    </message>
    <message>
        <source>not sure — maybe {digit} ({percent}%)</source>
        <translation>也许是 {digit}
置信度 {percent}%</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train with these settings</source>
        <translation>按这些设置训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current mini-batch; what was learned is kept</source>
        <translation>在当前小批量之后停止；已学到的会保留</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>训练一个小批量</translation>
    </message>
    <message>
        <source>Train one mini-batch, then pause</source>
        <translation>训练一个小批量，然后暂停</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>训练一个迭代期</translation>
    </message>
    <message>
        <source>Train to the end of this epoch, then pause</source>
        <translation>训练到本迭代期结束，然后暂停</translation>
    </message>
    <message>
        <source>Get MNIST…</source>
        <translation>获取 MNIST…</translation>
    </message>
    <message>
        <source>Download MNIST or choose the folder that holds it</source>
        <translation>下载 MNIST，或选择存放它的文件夹</translation>
    </message>
    <message>
        <source>Save trained model…</source>
        <translation>保存训练的模型…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>迭代期</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>{0}:</source>
        <translation>{0}：</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>{0} (branched)</source>
        <translation>{0}（从此分支）</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>after epoch {0}: {1:.3g}</source>
        <translation>第 {0} 个迭代期后：{1:.3g}</translation>
    </message>
    <message>
        <source>{0}, ≈ {1} left</source>
        <translation>{0}，剩余 ≈ {1}</translation>
    </message>
    <message>
        <source>val. {0:.2f}%</source>
        <translation>验证集 {0:.2f}%</translation>
    </message>
    <message>
        <source>test {0:.2f}%</source>
        <translation>测试集 {0:.2f}%</translation>
    </message>
    <message>
        <source>after epoch {0}: {1}</source>
        <translation>第 {0} 个迭代期后：{1}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>RunForm</name>
    <message>
        <source>book (ch. 1: 784-30-10)</source>
        <translation>原书 784-30-10</translation>
    </message>
    <message>
        <source>book-100 (784-100-10)</source>
        <translation>原书 784-100-10</translation>
    </message>
    <message>
        <source>improved (ch. 3)</source>
        <translation>改进版（第 3 章）</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>warning: η = 0.001</source>
        <translation>反例：η = 0.001</translation>
    </message>
    <message>
        <source>warning: η = 100</source>
        <translation>反例：η = 100</translation>
    </message>
    <message>
        <source>The most accurate network here: two ReLU hidden layers of 1024 and 512 neurons, softmax output, momentum 0.9, an eta that decays each epoch, and randomly distorted training images, for 20 epochs. By far the heaviest preset: each epoch multiplies about 65 times as many numbers as one of the book network&apos;s.</source>
        <translation>这里最准确的网络：两个 ReLU 隐藏层，分别有 1024 和 512 个神经元，softmax 输出，动量 0.9，η 每个迭代期衰减一次，训练图像随机变形，训练 20 个迭代期。这是最重的预设：每个迭代期的乘法次数约为原书网络的 65 倍。</translation>
    </message>
    <message>
        <source>Hidden layer sizes, input (784) and output (10) excluded</source>
        <translation>隐藏层大小，不含输入层（784）和输出层（10）</translation>
    </message>
    <message>
        <source>Learning rate; can be changed while training (press Enter)</source>
        <translation>学习率；训练中也可修改（按回车）</translation>
    </message>
    <message>
        <source>L2 regularisation λ (0: none)</source>
        <translation>L2 正则化 λ（0：不用）</translation>
    </message>
    <message>
        <source>Momentum μ in [0, 1) (0: plain SGD)</source>
        <translation>动量 μ，取值 [0, 1)（0：普通随机梯度下降）</translation>
    </message>
    <message>
        <source>η is multiplied by this after every epoch (1: constant)</source>
        <translation>每个迭代期后 η 乘以此数（1：不变）</translation>
    </message>
    <message>
        <source>Chapter 1&apos;s network: 784-30-10 sigmoid neurons, quadratic cost, eta = 3.0, mini-batches of 10, 30 epochs (the book&apos;s best: 95.42%). Without a seed every run starts from other random weights; now and then saturated output neurons hold one below 85% for an epoch or more: chapter 3&apos;s slow learning.</source>
        <translation>第 1 章的网络：784-30-10 个 S 型神经元，二次代价函数，η = 3.0，小批量 10，30 个迭代期（原书最佳：95.42%）。不设种子时每次从不同的随机权重开始；偶尔饱和的输出神经元会让准确率在一个或几个迭代期里低于 85%：这就是第 3 章讲的学习缓慢。</translation>
    </message>
    <message>
        <source>The same with 100 hidden neurons (the book: 96.59%). With N(0, 1) weights many output neurons start saturated, and from some starting weights they never recover: the run sticks at 70-85% (seeds 0, 1, 3). Seed 2 reproduces the book; chapter 3&apos;s cure is the &apos;improved&apos; preset.</source>
        <translation>同上，但有 100 个隐藏神经元（原书：96.59%）。权重取 N(0, 1) 时，许多输出神经元一开始就饱和，从某些初始权重出发再也恢复不了：准确率停在 70-85%（种子 0、1、3）。种子 2 可复现原书结果；第 3 章的解决办法见“改进版”预设。</translation>
    </message>
    <message>
        <source>Chapter 3&apos;s network: cross-entropy cost, weights N(0, 1/n_in), L2 regularisation lambda = 5.0, eta = 0.1, 60 epochs (the book: 98.04%).</source>
        <translation>第 3 章的网络：交叉熵代价函数，权重 N(0, 1/n_in)，L2 正则化 λ = 5.0，η = 0.1，60 个迭代期（原书：98.04%）。</translation>
    </message>
    <message>
        <source>The book&apos;s warning: eta = 0.001 is far too small; after 30 epochs the network is still far from 90%.</source>
        <translation>原书的反例：η = 0.001 太小了；30 个迭代期后网络离 90% 仍然很远。</translation>
    </message>
    <message>
        <source>The book&apos;s other warning: eta = 100 is far too large; the steps overshoot and the accuracy stays near chance.</source>
        <translation>原书的另一个反例：η = 100 太大了；每一步都跨过了头，准确率停在瞎猜的水平。</translation>
    </message>
    <message>
        <source>Run set-up</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <source>Initial w</source>
        <translation>初始权重 w</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>迭代期</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>η decay</source>
        <translation>η 衰减</translation>
    </message>
    <message>
        <source>Augment</source>
        <translation>增强</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>standard N(0, 1)</source>
        <translation>标准 N(0, 1)</translation>
    </message>
    <message>
        <source>scaled N(0, 1/n_in)</source>
        <translation>缩放 N(0, 1/n_in)</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>新网络</translation>
    </message>
    <message>
        <source>Continue the model in use</source>
        <translation>继续训练当前模型</translation>
    </message>
    <message>
        <source>e.g. 30 or 100, 30</source>
        <translation>如 30 或 100, 30</translation>
    </message>
    <message>
        <source>empty: random</source>
        <translation>留空：随机</translation>
    </message>
    <message>
        <source>log-likelihood goes with a softmax output layer</source>
        <translation>对数似然代价配合 softmax 输出层使用</translation>
    </message>
    <message>
        <source>random distortions</source>
        <translation>随机变形</translation>
    </message>
    <message>
        <source>Distort the training images randomly (slower, more robust)</source>
        <translation>随机扭曲训练图像（更慢，更稳健）</translation>
    </message>
    <message>
        <source>Train on the first n training images (a subset trains in seconds)</source>
        <translation>只用前 n 张训练图像（取一部分，几秒就能训练完）</translation>
    </message>
    <message>
        <source>my handwriting</source>
        <translation>我的手写</translation>
    </message>
    <message>
        <source>Mix the drawings kept on the Evaluate page into the training images (fine-tuning); each counts as many times as the weight beside</source>
        <translation>把在“评估”页保存的字混入训练图像（微调）；每个字重复的次数等于旁边的倍数</translation>
    </message>
    <message>
        <source>How many times each of your drawings appears among the training images</source>
        <translation>你的每个字在训练图像中出现的次数</translation>
    </message>
    <message>
        <source>an empty entry in the hidden layers (two commas in a row, or one at the start or end): give every layer a size</source>
        <translation>隐藏层里有一项是空的（两个逗号相连，或开头、结尾多了逗号）：请给每一层填上大小</translation>
    </message>
    <message>
        <source>“{entry}” is not a whole number of neurons</source>
        <translation>“{entry}”不是神经元个数（应为整数）</translation>
    </message>
    <message>
        <source>an MNIST network has {inputs} inputs and {outputs} outputs</source>
        <translation>MNIST 网络有 {inputs} 个输入和 {outputs} 个输出</translation>
    </message>
    <message>
        <source>a layer needs 1 to {most} neurons, not {size}</source>
        <translation>每层需要 1 到 {most} 个神经元，而不是 {size}</translation>
    </message>
    <message>
        <source>at most {most} hidden layers</source>
        <translation>隐藏层最多 {most} 个</translation>
    </message>
    <message>
        <source>{name} must be a number</source>
        <translation>{name} 必须是数字</translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation>{name} 为空</translation>
    </message>
    <message>
        <source>{name} must be finite</source>
        <translation>{name} 必须是有限数</translation>
    </message>
    <message>
        <source>η must be larger than 0 (it is the step size of gradient descent)</source>
        <translation>η 必须大于 0（它是梯度下降的步长）</translation>
    </message>
    <message>
        <source>η above 10³⁰ overflows at once</source>
        <translation>η 大于 10³⁰ 会立刻溢出</translation>
    </message>
    <message>
        <source>η = {eta:g} is very small (the book&apos;s warning is about η = 0.001): this learns far too slowly (still far from 90% after 30 epochs)</source>
        <translation>η = {eta:g} 非常小（原书的警告针对 η = 0.001）：学习太慢（30 个迭代期后仍远不到 90%）</translation>
    </message>
    <message>
        <source>η = {eta:g} is very large (the book&apos;s warning is about η = 100): steps this large overshoot; expect no learning or divergence</source>
        <translation>η = {eta:g} 非常大（原书的警告针对 η = 100）：步子太大会越过最低点；可能学不到东西，甚至发散</translation>
    </message>
    <message>
        <source>λ (L2 regularisation) cannot be negative</source>
        <translation>λ（L2 正则化）不能为负</translation>
    </message>
    <message>
        <source>momentum μ must be in [0, 1): μ ≥ 1 makes the velocity grow forever</source>
        <translation>动量 μ 必须在 [0, 1) 内：μ ≥ 1 会让速度无限增长</translation>
    </message>
    <message>
        <source>η decay is a factor per epoch in (0, 1]</source>
        <translation>η 衰减是每个迭代期乘上的因子，取值 (0, 1]</translation>
    </message>
    <message>
        <source>the seed is a whole number ≥ 0, or empty for a random start</source>
        <translation>种子是 ≥ 0 的整数；留空则随机开始</translation>
    </message>
    <message>
        <source>the number of epochs must be 1 to {most}</source>
        <translation>迭代期数必须在 1 到 {most} 之间</translation>
    </message>
    <message>
        <source>the mini-batch needs at least one image</source>
        <translation>小批量至少要有一张图像</translation>
    </message>
    <message>
        <source>the mini-batch ({batch}) is larger than the training set ({size})</source>
        <translation>小批量（{batch}）比训练集（{size}）还大</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Your own settings, starting from the “{0}” preset.</source>
        <translation>你自己的设置，从“{0}”预设改起。</translation>
    </message>
    <message>
        <source>Your own settings.</source>
        <translation>你自己的设置。</translation>
    </message>
    <message>
        <source>Open a model first (File ▸ Open model…)</source>
        <translation>请先打开一个模型（文件 ▸ 打开模型…）</translation>
    </message>
    <message>
        <source>Train {0} further ({1})</source>
        <translation>继续训练 {0}（{1}）</translation>
    </message>
    <message>
        <source>The model in use does not record how it was trained: check η and the mini-batch size before training it further.</source>
        <translation>当前模型没有记录它是怎样训练的：继续训练前请检查 η 和小批量大小。</translation>
    </message>
    <message>
        <source>mini-batches of {0}</source>
        <translation>小批量 {0}</translation>
    </message>
    <message>
        <source>momentum {0:.3g}</source>
        <translation>动量 {0:.3g}</translation>
    </message>
    <message>
        <source>η × {0:.3g} per epoch</source>
        <translation>每个迭代期 η × {0:.3g}</translation>
    </message>
    <message>
        <source>augmented images</source>
        <translation>增强的图像</translation>
    </message>
    <message>
        <source>The settings the model in use was trained with: {0}.</source>
        <translation>当前模型训练时的设置：{0}。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Stop the training before {0}?</source>
        <translation>要先停止训练，再{0}吗？</translation>
    </message>
    <message>
        <source>Save keeps what it has learned in a model file first; Discard lets it go.</source>
        <translation>“保存”先把已学到的存入模型文件；“丢弃”则不保留。</translation>
    </message>
    <message>
        <source>Stop and save…</source>
        <translation>停止并保存…</translation>
    </message>
    <message>
        <source>Stop and discard</source>
        <translation>停止并丢弃</translation>
    </message>
    <message>
        <source>Unsaved network</source>
        <translation>网络未保存</translation>
    </message>
    <message>
        <source>The network trained here ({0}) is not saved. Save it before {1}?</source>
        <translation>在此训练的网络（{0}）尚未保存。要先保存，再{1}吗？</translation>
    </message>
    <message>
        <source>Discard lets it go for good (its recovery file too).</source>
        <translation>“丢弃”会永久删除它（连同它的恢复文件）。</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>The trained network was discarded.</source>
        <translation>训练的网络已丢弃。</translation>
    </message>
    <message>
        <source>Training is paused</source>
        <translation>训练已暂停</translation>
    </message>
    <message>
        <source>Stop the training and quit?</source>
        <translation>停止训练并退出吗？</translation>
    </message>
    <message>
        <source>What the network has learned so far is kept in the recovery file and offered when the app starts again.</source>
        <translation>网络到目前为止学到的会保存在恢复文件中，下次启动应用时可以恢复。</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <source>Stopping… the window closes when the current mini-batch ends.</source>
        <translation>正在停止… 当前小批量结束后窗口关闭。</translation>
    </message>
    <message>
        <source>quitting</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Unexpected error while reading {0}.</source>
        <translation>读取 {0} 时发生意外错误。</translation>
    </message>
    <message>
        <source>opening the bundled model</source>
        <translation>打开自带模型</translation>
    </message>
    <message>
        <source>opening {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <source>best epoch {0}, before it diverged: {1}</source>
        <translation>发散前最好的第 {0} 个迭代期：{1}</translation>
    </message>
    <message>
        <source>trained here: {0}</source>
        <translation>在此训练：{0}</translation>
    </message>
    <message>
        <source>The last training run&apos;s recovery file cannot be read and is removed. {problem}

Details: {details}</source>
        <translation>上次训练的恢复文件无法读取，已删除。{problem}

详情：{details}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>被中断</translation>
    </message>
    <message>
        <source>finished, not saved</source>
        <translation>已完成，未保存</translation>
    </message>
    <message>
        <source>stopped, not saved</source>
        <translation>已停止，未保存</translation>
    </message>
    <message>
        <source>diverged, best epoch kept</source>
        <translation>已发散，保留了最好的迭代期</translation>
    </message>
    <message>
        <source>ended by an error</source>
        <translation>因出错而结束</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>{arch}: {done} of {planned} epochs</source>
        <translation>{arch}：{done} / {planned} 个迭代期</translation>
    </message>
    <message>
        <source>{0}, best test accuracy {1:.2f}%</source>
        <translation>{0}，最佳测试集准确率 {1:.2f}%</translation>
    </message>
    <message>
        <source>{0}, best validation accuracy {1:.2f}%</source>
        <translation>{0}，最佳验证集准确率 {1:.2f}%</translation>
    </message>
    <message>
        <source>{0} ({1}, {2})</source>
        <translation>{0}（{1}，{2}）</translation>
    </message>
    <message>
        <source>bundled default model</source>
        <translation>自带的默认模型</translation>
    </message>
    <message>
        <source>{problem}

Details: {details}

The current model stays in use.</source>
        <translation>{problem}

详情：{details}

继续使用当前模型。</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>No model loaded: the bundled model cannot be read.</source>
        <translation>未加载模型：无法读取自带模型。</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saving to {0} failed: {1}</source>
        <translation>保存到 {0} 失败：{1}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>training: {0}, {1}</source>
        <translation>训练中：{0}，{1}</translation>
    </message>
    <message>
        <source>Recovery file unreadable</source>
        <translation>无法读取恢复文件</translation>
    </message>
    <message>
        <source>Restore the last training run?</source>
        <translation>恢复上次的训练吗？</translation>
    </message>
    <message>
        <source>A training run was not saved:
{0}

Restore its weights and history?</source>
        <translation>有一次训练没有保存：
{0}

恢复它的权重和训练历史吗？</translation>
    </message>
    <message>
        <source>recovered run: {0}</source>
        <translation>恢复的训练：{0}</translation>
    </message>
</context>
<context>
    <name>TimeMachineSlider</name>
    <message>
        <source>Branch from here</source>
        <translation>从这里分支</translation>
    </message>
    <message>
        <source>Continue training from the weights of this epoch; the later epochs are left behind</source>
        <translation>从这个迭代期的权重继续训练；之后的迭代期将被舍弃</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Time machine:</source>
        <translation>时光机：</translation>
    </message>
    <message>
        <source>no epochs kept</source>
        <translation>未保留迭代期</translation>
    </message>
    <message>
        <source>the start (of {0})</source>
        <translation>开始时（共 {0} 个）</translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>第 {0} / {1} 个迭代期</translation>
    </message>
    <message>
        <source>epoch {0}; stopped in {1}</source>
        <translation>第 {0} 个迭代期；停在第 {1} 个中途</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Nothing trained here yet</source>
        <translation>这里还没有训练过网络</translation>
    </message>
    <message numerus="yes">
        <source>Save the network trained here: {0}, %n epoch(s)</source>
        <translation>
            <numerusform>保存在此训练的网络：{0}，%n 个迭代期</numerusform>
        </translation>
    </message>
    <message>
        <source>starting a new run</source>
        <translation>开始新的训练</translation>
    </message>
    <message>
        <source>Cannot build this network</source>
        <translation>无法构建这个网络</translation>
    </message>
    <message>
        <source>Reading MNIST…</source>
        <translation>正在读取 MNIST…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Stopping: the run ends once the mini-batch (or the evaluation) under way is done; what was learned is kept.</source>
        <translation>正在停止：当前的小批量（或评估）完成后训练结束；已学到的会保留。</translation>
    </message>
    <message>
        <source>η is now {0:g}.</source>
        <translation>η 现在是 {0:g}。</translation>
    </message>
    <message>
        <source>Restored: {0}</source>
        <translation>已恢复：{0}</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 个迭代期</translation>
    </message>
    <message>
        <source>Paused after epoch {0}.</source>
        <translation>已在第 {0} 个迭代期后暂停。</translation>
    </message>
    <message>
        <source>its start</source>
        <translation>开始时</translation>
    </message>
    <message>
        <source>Paused before the first mini-batch.</source>
        <translation>已在第一个小批量之前暂停。</translation>
    </message>
    <message>
        <source>epoch {0}, mini-batch {1}</source>
        <translation>第 {0} 个迭代期，第 {1} 个小批量</translation>
    </message>
    <message>
        <source>Paused in epoch {0}, after mini-batch {1}. The accuracy shown is the last finished epoch&apos;s.</source>
        <translation>已在第 {0} 个迭代期的第 {1} 个小批量后暂停。显示的准确率属于上一个完成的迭代期。</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s).</source>
        <translation>
            <numerusform>已训练 %n 个迭代期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped in epoch {0} after {1} of {2} mini-batches; what was learned is kept.</source>
        <translation>已在第 {0} 个迭代期停止，完成 {1} / {2} 个小批量；已学到的会保留。</translation>
    </message>
    <message>
        <source>Stopped after epoch {0}; what was learned is kept.</source>
        <translation>已在第 {0} 个迭代期后停止；已学到的会保留。</translation>
    </message>
    <message>
        <source>Stopped before the first mini-batch.</source>
        <translation>已在第一个小批量之前停止。</translation>
    </message>
    <message>
        <source>The canvas now uses the weights of epoch {0}, this run&apos;s best; Save keeps them.</source>
        <translation>画布现在使用第 {0} 个迭代期的权重，即本次训练最好的；“保存”会保留它们。</translation>
    </message>
    <message>
        <source>Nothing of this run is kept; the model in use is {0}.</source>
        <translation>本次训练的结果都不保留；当前使用的模型是{0}。</translation>
    </message>
    <message>
        <source>The canvas uses the model it used before this run again.</source>
        <translation>画布重新使用本次训练之前的模型。</translation>
    </message>
    <message>
        <source>The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch {batch}: the learning rate η = {eta:g} is too large for this network, so every step overshoots. Training stopped; the network keeps its starting weights. Try a learning rate ten times smaller.</source>
        <translation>代价在第 {epoch} 个迭代期、第 {batch} 个小批量从 {first:.3g} 暴涨到 {cost:.3g}：学习率 η = {eta:g} 对这个网络太大，每一步都越过了最低点。训练已停止；网络保留其初始权重。请试试小十倍的学习率。</translation>
    </message>
    <message>
        <source>The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch {batch}: the learning rate η = {eta:g} is too large for this network, so every step overshoots. Training stopped; the network keeps the weights of epoch {best}, its best. Try a learning rate ten times smaller.</source>
        <translation>代价在第 {epoch} 个迭代期、第 {batch} 个小批量从 {first:.3g} 暴涨到 {cost:.3g}：学习率 η = {eta:g} 对这个网络太大，每一步都越过了最低点。训练已停止；网络保留第 {best} 个迭代期（本次最好）的权重。请试试小十倍的学习率。</translation>
    </message>
    <message>
        <source>The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning rate η = {eta:g} is too large for this network, so every step overshoots. Training stopped; the network keeps its starting weights. Try a learning rate ten times smaller.</source>
        <translation>代价在第 {epoch} 个迭代期、第 {batch} 个小批量变成了 {value}：学习率 η = {eta:g} 对这个网络太大，每一步都越过了最低点。训练已停止；网络保留其初始权重。请试试小十倍的学习率。</translation>
    </message>
    <message>
        <source>The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning rate η = {eta:g} is too large for this network, so every step overshoots. Training stopped; the network keeps the weights of epoch {best}, its best. Try a learning rate ten times smaller.</source>
        <translation>代价在第 {epoch} 个迭代期、第 {batch} 个小批量变成了 {value}：学习率 η = {eta:g} 对这个网络太大，每一步都越过了最低点。训练已停止；网络保留第 {best} 个迭代期（本次最好）的权重。请试试小十倍的学习率。</translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s) kept. {capacity:,} epochs of {arch} ({each} each) fit in {budget:.0f} MB; past that, every k-th epoch and the latest are kept</source>
        <translation>
            <numerusform>保留了 %n 个迭代期。{budget:.0f} MB 内可存 {arch} 的 {capacity:,} 个迭代期（每个 {each}）；超出后，每 k 个迭代期保留一个，并总是保留最新的</numerusform>
        </translation>
    </message>
    <message>
        <source>epoch {0} of the last run</source>
        <translation>上次训练的第 {0} 个迭代期</translation>
    </message>
    <message>
        <source>Epoch {0} is the model in use: press Start to train it further from there.</source>
        <translation>第 {0} 个迭代期是当前模型：按“开始”从这里继续训练。</translation>
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
        <source>∂C/∂w is exactly 0 in layer(s) {layers}
from where its line ends (a log axis
has no 0): saturated neurons pass
no error back</source>
        <translation>
            <numerusform>第 {layers} 层的 ∂C/∂w 从曲线
终止处起恰好为 0（对数坐标轴
没有 0）：饱和的神经元
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
<context>
    <name>TrainingWorker</name>
    <message>
        <source>MNIST cannot be read</source>
        <translation>无法读取 MNIST</translation>
    </message>
    <message>
        <source>Not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>This network and mini-batch need more memory than is free. Choose smaller layers or a smaller mini-batch.</source>
        <translation>这个网络和小批量需要的内存超过了可用内存。请选择更小的层或更小的小批量。</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Training stopped because of an unexpected error (a bug): {0}: {1}</source>
        <translation>训练因意外错误（程序缺陷）而停止：{0}：{1}</translation>
    </message>
    <message>
        <source>Training ended.</source>
        <translation>训练结束。</translation>
    </message>
    <message>
        <source>Could not write the recovery file: {0}</source>
        <translation>无法写入恢复文件：{0}</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>{0} (probability {1:.0%})</source>
        <translation>{0}（概率 {1:.0%}）</translation>
    </message>
    <message>
        <source>{0} (activation {1:.2f})</source>
        <translation>{0}（激活值 {1:.2f}）</translation>
    </message>
    <message>
        <source>Not sure — perhaps {0}</source>
        <translation>不确定——也许是 {0}</translation>
    </message>
    <message>
        <source>Not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>This network&apos;s outputs are probabilities (softmax): it is “not sure” when no digit reaches {0:.0%}.</source>
        <translation>这个网络的输出是概率（softmax）：没有哪个数字达到 {0:.0%} 时，它就“不确定”。</translation>
    </message>
    <message>
        <source>This network&apos;s ten outputs are separate sigmoid activations, not probabilities: it is “not sure” unless the highest is at least {0:.2f} and {1:.2f} above the second.</source>
        <translation>这个网络的十个输出是各自独立的 S 型激活值，不是概率：除非最高的至少为 {0:.2f}，且比第二高的高出 {1:.2f}，否则它就“不确定”。</translation>
    </message>
    <message>
        <source>A separate detector, trained on digits against letters, scribbles and shapes, says “not a digit” when a drawing looks like none of the ten digits.</source>
        <translation>另有一个检测器（用数字对比字母、涂鸦和图形训练而成），当写的东西不像十个数字中的任何一个时，它就判为“不是数字”。</translation>
    </message>
    <message>
        <source>{detector} {model}</source>
        <translation>{detector}{model}</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>sigmoid</source>
        <translation>S 型 sigmoid</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>双曲正切 tanh</translation>
    </message>
    <message>
        <source>relu</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>quadratic</source>
        <translation>二次代价函数</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>{sizes} {activation}, {cost}</source>
        <translation>{sizes} {activation}，{cost}</translation>
    </message>
    <message>
        <source>{sizes} {activation}/{output}, {cost}</source>
        <translation>{sizes} {activation}/{output}，{cost}</translation>
    </message>
    <message>
        <source>The file does not exist (any more).</source>
        <translation>文件不存在（或已被删除）。</translation>
    </message>
    <message>
        <source>This is a folder, not a model file.</source>
        <translation>这是一个文件夹，不是模型文件。</translation>
    </message>
    <message>
        <source>You are not allowed to read this file.</source>
        <translation>没有读取这个文件的权限。</translation>
    </message>
    <message>
        <source>The file cannot be read from the disk.</source>
        <translation>无法从磁盘读取这个文件。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>This is not a desktop-bp model file, nor a network2.py JSON file.</source>
        <translation>这不是 desktop-bp 模型文件，也不是 network2.py 的 JSON 文件。</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete (perhaps a download or a copy was cut short).</source>
        <translation>文件已损坏或不完整（可能下载或复制中途中断了）。</translation>
    </message>
    <message>
        <source>The file was made by a newer version of desktop-bp: update the app to open it.</source>
        <translation>文件由更新版本的 desktop-bp 生成：请升级本应用后再打开。</translation>
    </message>
    <message>
        <source>The file holds pickled Python objects, which are never loaded: opening them could run any code.</source>
        <translation>文件含有 pickle 序列化的 Python 对象，本应用从不加载这类数据：打开它们可能执行任意代码。</translation>
    </message>
    <message>
        <source>The file is far too large to be a model file.</source>
        <translation>文件太大，不可能是模型文件。</translation>
    </message>
    <message>
        <source>The file&apos;s contents do not make a usable network.</source>
        <translation>文件的内容构不成一个可用的网络。</translation>
    </message>
    <message>
        <source>The MNIST files are not there.</source>
        <translation>找不到 MNIST 文件。</translation>
    </message>
    <message>
        <source>An MNIST file cannot be read from the disk.</source>
        <translation>无法从磁盘读取某个 MNIST 文件。</translation>
    </message>
    <message>
        <source>An MNIST file is damaged or incomplete: download it again.</source>
        <translation>某个 MNIST 文件已损坏或不完整：请重新下载。</translation>
    </message>
    <message>
        <source>The MNIST files cannot be written into that folder.</source>
        <translation>无法把 MNIST 文件写入那个文件夹。</translation>
    </message>
    <message>
        <source>MNIST could not be downloaded from any of its mirrors.</source>
        <translation>无法从任何一个镜像下载 MNIST。</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
</context>
</TS>
