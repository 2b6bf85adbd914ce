import numpy as np

from desktop_bp.core.metrics import confusion_matrix, misread, predictions
from desktop_bp.core.network import Network


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    labels = np.array([0, 0, 1, 2, 2, 2])
    predicted = np.array([0, 1, 1, 2, 0, 2])
    matrix = confusion_matrix(labels, predicted, 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert matrix.sum() == len(labels)


def test_misread_lists_the_wrong_samples_of_a_cell():
    labels = np.array([0, 0, 1, 2, 2, 2])
    predicted = np.array([0, 1, 1, 2, 0, 2])
    assert misread(labels, predicted).tolist() == [1, 4]
    assert misread(labels, predicted, true_digit=2, predicted_digit=0).tolist() == [4]
    assert misread(labels, predicted, true_digit=1).tolist() == []


def test_predictions_in_batches_equal_one_pass():
    net = Network([8, 5, 3], seed=0)
    images = np.random.default_rng(0).random((23, 8)).astype(np.float32)
    digits, outputs = predictions(net, images, batch_size=5)
    assert outputs.shape == (23, 3)
    assert np.array_equal(digits, net.predict(images))
