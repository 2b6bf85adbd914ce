<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Pen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pen width (pixels on a 280-pixel canvas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show preprocessing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the bounding box and the centre of mass the preprocessing finds (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network input, 28 × 28</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training will appear here: set up a network, press Start and watch the cost fall and the gradients change, epoch by epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model file (.npz, or network2.py JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;bundled model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the model that comes with the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the model in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the model in use to a new file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the last stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every stroke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what &amp;preprocessing sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounding box and centre of mass on the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confidence threshold…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below this output activation the answer is &apos;not sure&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About desktop-bp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model in use: layer sizes, activation, cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current mini-batch; what was learned is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one mini-batch, then pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train to the end of this epoch, then pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get MNIST…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download MNIST or choose the folder that holds it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save trained model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished">代价</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished">准确率</translation>
    </message>
    <message>
        <source>{0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run set-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard N(0, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scaled N(0, 1/n_in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the model in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 30 or 100, 30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log-likelihood goes with a softmax output layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random distortions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distort the training images randomly (slower, more robust)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the first n training images (a subset trains in seconds)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <source>Bundled model ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test accuracy {0:.2f}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test accuracy unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say &quot;not sure&quot; when the largest output activation is below (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About desktop-bp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit and watch a neural network name it; train the network on MNIST and watch backpropagation work: the cost, the gradients ∂C/∂w = a_in·δ_out and the four equations BP1–BP4 of Michael Nielsen&apos;s &lt;i&gt;Neural Networks and Deep Learning&lt;/i&gt;, chapter 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy engine, PySide6 and pyqtgraph. MIT licence. MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MnistSource</name>
    <message>
        <source>MNIST is needed to train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs the MNIST handwritten digits (about 11 MB), which are not on this computer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download them now, or choose a folder that already holds the four MNIST files. Drawing and recognising digits works without them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder that holds MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MNIST there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading MNIST…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {0}… {1:.1f} of {2:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST downloaded to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST could not be downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

If this computer is offline, copy the four MNIST files into a folder and choose it with “Get MNIST… ▸ Choose folder…”. Everything else in the app keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDescriber</name>
    <message>
        <source>comes with the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained here, not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored after a crash, not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished">测试集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These paused weights are not measured yet; after epoch {0}: {1:.1f}% on the {2} set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network: {0:.1f}% right on the {1} set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (guessing: 10%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network: accuracy unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} at the start, {1} in the last epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 regularisation λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (plain SGD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× {0:g} per epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (constant η)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random distortions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded. Open one (Ctrl+O), drop a model file on the window, or train one on the Train page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it was trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s), {0:.0f} s of training.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Last epoch: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>desktop-bp models (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.npz *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network2.py JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
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
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, ≈ {1} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val. {0:.2f}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test {0:.2f}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after epoch {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunForm</name>
    <message>
        <source>book (ch. 1: 784-30-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>book-100 (784-100-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>improved (ch. 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: η = 0.001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: η = 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layer sizes, input (784) and output (10) excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate; can be changed while training (press Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 regularisation λ (0: none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum μ in [0, 1) (0: plain SGD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η is multiplied by this after every epoch (1: constant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapter 1&apos;s network: 784-30-10 sigmoid neurons, quadratic cost, eta = 3.0, mini-batches of 10, 30 epochs (the book&apos;s best: 95.42%). Without a seed every run starts from other random weights; now and then saturated output neurons hold one below 85% for an epoch or more: chapter 3&apos;s slow learning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same with 100 hidden neurons (the book: 96.59%). With N(0, 1) weights many output neurons start saturated, and from some starting weights they never recover: the run sticks at 70-85% (seeds 0, 1, 3). Seed 2 reproduces the book; chapter 3&apos;s cure is the &apos;improved&apos; preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapter 3&apos;s network: cross-entropy cost, weights N(0, 1/n_in), L2 regularisation lambda = 5.0, eta = 0.1, 60 epochs (the book: 98.04%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most accurate network this app trains in about two minutes on two CPU cores: two ReLU hidden layers, softmax output, momentum, an eta that decays each epoch, and randomly distorted training images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The book&apos;s warning: eta = 0.001 is far too small; after 30 epochs the network is still far from 90%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The book&apos;s other warning: eta = 100 is far too large; the steps overshoot and the accuracy stays near chance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own settings, starting from the “{0}” preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model first (File ▸ Open model…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train {0} further ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model in use does not record how it was trained: check η and the mini-batch size before training it further.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mini-batches of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>momentum {0:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η × {0:.3g} per epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>augmented images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings the model in use was trained with: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the training before {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save keeps what it has learned in a model file first; Discard lets it go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network trained here ({0}) is not saved. Save it before {1}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard lets it go for good (its recovery file too).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained network was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the training and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network has learned so far is kept in the recovery file and offered when the app starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping… the window closes when the current mini-batch ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be opened as a model:

{0}

The current model stays in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error while reading {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundled default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded: the bundled model cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving to {0} failed: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training: {0}, {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best epoch {0}, before it diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery file unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last training run&apos;s recovery file cannot be read and is removed:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the last training run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training run was not saved:
{0}

Restore its weights and history?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovered run: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Nothing trained here yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Save the network trained here: {0}, %n epoch(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>starting a new run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot build this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading MNIST…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping: the run ends once the mini-batch (or the evaluation) under way is done; what was learned is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η is now {0:g}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused after epoch {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused before the first mini-batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch {0}, mini-batch {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused in epoch {0}, after mini-batch {1}. The accuracy shown is the last finished epoch&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The canvas now uses the weights of epoch {0}, this run&apos;s best; Save keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The canvas uses the model it used before this run again.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This network and mini-batch need more memory than is free. Choose smaller layers or a smaller mini-batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped because of an unexpected error (a bug): {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
