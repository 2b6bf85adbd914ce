"""The personal handwriting set: plain files that survive a restart, bad files skipped with a
message, export/import round trips, and fine-tuning on it."""

import zipfile

import numpy as np
import pytest

from desktop_bp.core.drawn import png_bytes
from desktop_bp.core.personal_set import LABELS, PersonalSet, default_folder, mix_for_finetuning


def digit_input(label, seed=0):
    rng = np.random.default_rng(seed)
    x = np.zeros((28, 28), np.float32)
    x[6:22, 8 + label:12 + label] = 1.0
    x += rng.random((28, 28), dtype=np.float32) * 0.05
    return np.clip(x, 0, 1).ravel()


def test_the_default_folder_is_in_the_app_data_folder(isolated_app_home):
    assert default_folder() == isolated_app_home / "handwriting"
    assert len(PersonalSet()) == 0


def test_files_survive_a_restart(tmp_path):
    folder = tmp_path / "hw"
    personal = PersonalSet(folder)
    canvas = np.full((280, 280), 255, np.uint8)
    canvas[50:230, 130:150] = 0
    first = personal.add(digit_input(1), 1, original=canvas)
    personal.add(digit_input(7, 1), 7)
    assert (folder / LABELS).read_text().splitlines()[0] == "file,label,added_at"
    assert (folder / first.file).is_file() and (folder / "originals" / first.file).is_file()
    again = PersonalSet(folder)                  # a new object on the same folder
    X, y = again.arrays()
    assert y.tolist() == [1, 7] and X.shape == (2, 784) and X.dtype == np.float32
    np.testing.assert_allclose(X[0], personal.arrays()[0][0], atol=1 / 255)
    assert again.entries()[0].has_original
    np.testing.assert_array_equal(again.original(first.file), canvas)
    assert again.remove(first.file) and not (folder / first.file).exists()
    assert again.relabel(again.entries()[0].file, 4)
    assert PersonalSet(folder).arrays()[1].tolist() == [4]
    assert again.problems == []


def test_a_bad_file_is_skipped_with_a_message(tmp_path):
    folder = tmp_path / "hw"
    personal = PersonalSet(folder)
    good = personal.add(digit_input(3), 3)
    (folder / "0002_5.png").write_bytes(b"not a png at all")
    with open(folder / LABELS, "a") as fh:
        fh.write("0002_5.png,5,2026-01-01T00:00:00+00:00\n")
        fh.write("0003_x.png,eleven,\n")
        fh.write("missing.png,2,\n")
    again = PersonalSet(folder)
    assert [e.file for e in again.entries()] == [good.file]
    assert len(again.problems) == 3
    assert any("0002_5.png" in p and "not a PNG" in p for p in again.problems)
    assert any("bad file name or label" in p for p in again.problems)


def test_add_refuses_bad_labels_and_shapes(tmp_path):
    personal = PersonalSet(tmp_path)
    with pytest.raises(ValueError, match="0-9"):
        personal.add(digit_input(1), 10)
    with pytest.raises(ValueError, match="784"):
        personal.add(np.zeros(10), 1)


@pytest.mark.parametrize("suffix", ["", ".zip"])
def test_export_import_round_trip(tmp_path, suffix):
    source = PersonalSet(tmp_path / "a")
    for label in (0, 4, 9):
        source.add(digit_input(label, label), label, original=np.full((40, 40), 200, np.uint8))
    exported = source.export_to(tmp_path / f"export{suffix}")
    target = PersonalSet(tmp_path / "b")
    result = target.import_from(exported)
    assert result.added == 3 and result.skipped == []
    np.testing.assert_array_equal(target.arrays()[1], source.arrays()[1])
    np.testing.assert_allclose(target.arrays()[0], source.arrays()[0], atol=1 / 255)
    assert PersonalSet(tmp_path / "b").arrays()[1].tolist() == [0, 4, 9]


def test_import_of_foreign_and_damaged_files(tmp_path):
    archive = tmp_path / "theirs.zip"
    canvas = np.full((100, 100), 255, np.uint8)
    canvas[20:80, 45:55] = 0                                 # a drawn 1, dark on white
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("mine/one_1.png", png_bytes(canvas))      # label from the name
        z.writestr("mine/broken_2.png", b"\x89PNG\r\n\x1a\nrubbish")
        z.writestr("mine/notes.txt", "hello")
        z.writestr("mine/nolabel.png", png_bytes(canvas))
    personal = PersonalSet(tmp_path / "hw")
    result = personal.import_from(archive)
    assert result.added == 1
    assert len(result.skipped) == 3
    assert personal.arrays()[1].tolist() == [1]
    assert personal.arrays()[0].max() > 0.9                  # preprocessed: ink is bright
    assert "cannot be read" in personal.import_from(tmp_path / "nothing.zip").skipped[0]
    (tmp_path / "fake.zip").write_bytes(b"PK not really")
    assert personal.import_from(tmp_path / "fake.zip").added == 0


def test_mix_for_finetuning_repeats_the_personal_set(tmp_path):
    personal = PersonalSet(tmp_path)
    personal.add(digit_input(2), 2)
    training = (np.zeros((10, 784), np.float32), np.zeros(10, np.int64))
    X, y = mix_for_finetuning(training, personal, repeat=5)
    assert X.shape == (15, 784) and (y == 2).sum() == 5


@pytest.mark.mnist
def test_finetuning_on_a_small_personal_set_raises_its_accuracy(tmp_path, trained_network):
    """A personal set the model reads badly (digits drawn as thick blocks, shifted): fine-tuning
    with it mixed in raises its accuracy; the MNIST test accuracy before and after is reported."""
    from desktop_bp.core.mnist import load_mnist
    from desktop_bp.core.training import train
    import os

    training, _, test = load_mnist(os.environ.get("DESKTOP_BP_DATA"))
    rng = np.random.default_rng(0)
    personal = PersonalSet(tmp_path)
    picks = rng.choice(len(test[1]), 40, replace=False)
    for i in picks:                          # a "handwriting" the model has not seen: mirrored
        personal.add(test[0][i].reshape(28, 28)[:, ::-1].ravel(), test[1][i])
    net = trained_network.copy()
    before, mnist_before = personal.accuracy(net), net.accuracy(*test)
    subset = (training[0][:3000], training[1][:3000])
    mixed = mix_for_finetuning(subset, personal, repeat=20)
    for _ in train(net, mixed, epochs=2, batch_size=64, eta=0.02, momentum=0.9, seed=0,
                   send_weights=False):
        pass
    after, mnist_after = personal.accuracy(net), net.accuracy(*test)
    print(f"personal set {before:.3f} -> {after:.3f}; MNIST test {mnist_before:.4f} -> "
          f"{mnist_after:.4f}")
    assert after > before + 0.2
    assert mnist_after > 0.9
