"""Random affine distortions of 28x28 images (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_bp.core.augment import AUGMENTATIONS, random_affine

STILL = dict(max_shift=0.0, max_rotation=0.0, scale=(1.0, 1.0), max_shear=0.0)


def digits(n=16, seed=0):
    """n digit-like images (n, 784) float32 in [0, 1]: a random blob of ink well inside the frame,
    so no distortion within the default ranges pushes ink out of it."""
    rng = np.random.default_rng(seed)
    images = np.zeros((n, 28, 28), np.float32)
    ys, xs = np.mgrid[0:28, 0:28]
    for i in range(n):
        cy, cx = rng.uniform(11, 16, 2)
        sy, sx = rng.uniform(2, 4, 2)
        images[i] = np.exp(-((ys - cy) / sy) ** 2 - ((xs - cx) / sx) ** 2)
        images[i, 12:16, 12 + i % 3] = 1.0          # a stroke, so images are not all smooth
    return images.reshape(n, 784)


def centre_of_mass(images):
    img = images.reshape(-1, 28, 28)
    total = img.sum(axis=(1, 2))
    ys, xs = np.mgrid[0:28, 0:28]
    return np.stack([(img * ys).sum(axis=(1, 2)) / total, (img * xs).sum(axis=(1, 2)) / total], 1)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_shape_dtype_and_range(dtype):
    images = digits().astype(dtype)
    out = random_affine(images, np.random.default_rng(0))
    assert out.shape == images.shape and out.dtype == dtype
    assert out.min() >= 0.0 and out.max() <= 1.0 + 1e-6
    assert not np.allclose(out, images)
    np.testing.assert_array_equal(images, digits().astype(dtype))    # the input is untouched


def test_no_distortion_gives_the_input_back():
    images = digits()
    out = random_affine(images, np.random.default_rng(0), **STILL)
    np.testing.assert_allclose(out, images, atol=1e-6)
    # the same for random noise reaching the edges of the frame
    noise = np.random.default_rng(1).random((5, 784), dtype=np.float32)
    np.testing.assert_allclose(random_affine(noise, np.random.default_rng(0), **STILL), noise,
                               atol=1e-6)


def test_ink_is_roughly_preserved():
    images = digits(64)
    out = random_affine(images, np.random.default_rng(3))
    ratio = out.sum(axis=1) / images.sum(axis=1)
    # scaling by s in [0.9, 1.1] changes the area by s^2 in [0.81, 1.21]
    assert np.all((ratio > 0.75) & (ratio < 1.3))
    assert abs(np.median(ratio) - 1.0) < 0.1


def test_shift_only_moves_the_centre_by_at_most_the_shift():
    images = digits(32)
    out = random_affine(images, np.random.default_rng(5), **(STILL | {"max_shift": 2.0}))
    move = centre_of_mass(out) - centre_of_mass(images)
    assert np.all(np.abs(move) <= 2.0 + 1e-3)
    assert np.abs(move).max() > 0.5
    np.testing.assert_allclose(out.sum(axis=1), images.sum(axis=1), rtol=1e-4)


def test_rotation_only_keeps_the_ink_about_the_centre():
    images = digits(32)
    out = random_affine(images, np.random.default_rng(6), **(STILL | {"max_rotation": 12.0}))
    np.testing.assert_allclose(out.sum(axis=1), images.sum(axis=1), rtol=0.03)
    # the distance of the centre of mass from the rotation centre (13.5, 13.5) is kept
    r_in = np.linalg.norm(centre_of_mass(images) - 13.5, axis=1)
    r_out = np.linalg.norm(centre_of_mass(out) - 13.5, axis=1)
    np.testing.assert_allclose(r_out, r_in, atol=0.1)


def test_deterministic_with_a_seeded_rng():
    images = digits()
    a = random_affine(images, np.random.default_rng(42))
    b = random_affine(images, np.random.default_rng(42))
    c = random_affine(images, np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_each_image_gets_its_own_distortion():
    image = digits(1)
    out = random_affine(np.repeat(image, 4, axis=0), np.random.default_rng(0))
    assert len({out[i].tobytes() for i in range(4)}) == 4


def test_out_buffer_and_chunks():
    images = digits(10)
    buf = np.empty_like(images)
    result = random_affine(images, np.random.default_rng(0), out=buf)
    assert result is buf
    chunked = random_affine(images, np.random.default_rng(0), chunk=3)
    assert chunked.shape == images.shape and chunked.min() >= 0 and chunked.max() <= 1 + 1e-6
    np.testing.assert_allclose(random_affine(images, np.random.default_rng(0), chunk=3, **STILL),
                               images, atol=1e-6)


def test_registered_for_the_presets():
    assert AUGMENTATIONS["affine"] is random_affine
