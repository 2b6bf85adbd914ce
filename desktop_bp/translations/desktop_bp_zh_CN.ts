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
        <source>&amp;Confidence threshold…</source>
        <translation>置信度阈值…(&amp;C)</translation>
    </message>
    <message>
        <source>Below this output activation the answer is &apos;not sure&apos;</source>
        <translation>输出激活值低于此值时，回答“不确定”</translation>
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
        <source>Confidence threshold</source>
        <translation>置信度阈值</translation>
    </message>
    <message>
        <source>Say &quot;not sure&quot; when the largest output activation is below (%):</source>
        <translation>最大的输出激活值低于此值时回答“不确定”（%）：</translation>
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
        <source>These paused weights are not measured yet; after epoch {0}: {1:.1f}% on the {2} set</source>
        <translation>暂停的权重未评估；第 {0} 个迭代期后：{2}准确率 {1:.1f}%</translation>
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
        <source>%n epoch(s), {0:.0f} s of training. Last epoch: {1}.</source>
        <translation>
            <numerusform>%n 个迭代期，训练 {0:.0f} s。最后一个迭代期：{1}。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
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
        <source>The most accurate network this app trains in about two minutes on two CPU cores: two ReLU hidden layers, softmax output, momentum, an eta that decays each epoch, and randomly distorted training images.</source>
        <translation>本应用在两个 CPU 核上约两分钟能训练出的最准确的网络：两个 ReLU 隐藏层，softmax 输出层，动量，η 每个迭代期衰减，训练图像随机变形。</translation>
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
        <source>The file could not be opened as a model:

{0}

The current model stays in use.</source>
        <translation>这个文件无法作为模型打开：

{0}

继续使用当前模型。</translation>
    </message>
    <message>
        <source>Unexpected error while reading {0}.</source>
        <translation>读取 {0} 时发生意外错误。</translation>
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
        <source>bundled default model</source>
        <translation>自带的默认模型</translation>
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
        <source>The last training run&apos;s recovery file cannot be read and is removed:
{0}</source>
        <translation>上次训练的恢复文件无法读取，已删除：
{0}</translation>
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
        <source>The canvas uses the model it used before this run again.</source>
        <translation>画布重新使用本次训练之前的模型。</translation>
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
</context>
</TS>
