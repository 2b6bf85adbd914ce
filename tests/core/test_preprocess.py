"""MNIST-style preprocessing: any image of a digit -> the 784 inputs (no Qt here)."""

import numpy as np
import pytest

from desktop_bp.core.preprocess import (
    Preprocessed,
    _resample_matrix,
    preprocess,
    to_grey,
    to_mnist_batch,
    to_mnist_input,
)


def paper(h=280, w=280):
    """White paper, uint8."""
    return np.full((h, w), 255, np.uint8)


def bar(h=280, w=280, rows=(50, 250), cols=(120, 140)):
    """A dark vertical bar on white paper."""
    image = paper(h, w)
    image[rows[0]:rows[1], cols[0]:cols[1]] = 0
    return image


def ring(h=280, w=280, centre=(140, 140), radii=(40, 70), thickness=18):
    """A dark elliptical ring on white paper."""
    y, x = np.mgrid[0:h, 0:w] + 0.5
    r = np.hypot((y - centre[0]) / radii[1], (x - centre[1]) / radii[0])
    image = paper(h, w)
    image[np.abs(r - 1.0) * min(radii) < thickness / 2] = 0
    return image


def index_com(field):
    """Centre of mass of a (28, 28) image in pixel-index coordinates (row, col)."""
    field = np.asarray(field, np.float64).reshape(28, 28)
    idx = np.arange(28)
    m = field.sum()
    return float(field.sum(1) @ idx) / m, float(field.sum(0) @ idx) / m


# -- empty images give no prediction ----------------------------------------------------------------

@pytest.mark.parametrize("image", [
    paper(),
    np.zeros((280, 280), np.uint8),
    np.full((50, 70), 0.5),
    np.full((280, 280), 250, np.uint8) - (np.arange(280) % 2).astype(np.uint8),   # faint texture
    np.zeros((0, 0)),
])
def test_empty_images_give_none(image):
    assert preprocess(image) is None
    assert to_mnist_input(image) is None


# -- the shape of the answer ----------------------------------------------------------------------

def test_output_shape_dtype_range_and_read_only():
    x = to_mnist_input(bar())
    assert x.shape == (784,) and x.dtype == np.float32
    assert 0.0 <= x.min() and x.max() <= 1.0 and x.max() > 0.9
    with pytest.raises(ValueError):
        x[0] = 1.0


def test_reports_bounding_box_and_centre_of_mass_in_source_pixels():
    result = preprocess(bar(rows=(50, 250), cols=(120, 140)))
    assert isinstance(result, Preprocessed)
    assert result.bbox == (50, 120, 250, 140)
    assert result.center_of_mass == pytest.approx((150.0, 130.0))
    assert result.scale == pytest.approx(20 / 200)
    assert result.inverted
    assert result.source_shape == (280, 280)
    assert result.image.shape == (28, 28)
    assert "bbox" in repr(result)


# -- MNIST's recipe --------------------------------------------------------------------------------

def test_longer_side_becomes_20_pixels():
    field = preprocess(bar(rows=(40, 240), cols=(100, 160)), normalise_strokes=False).image
    rows = np.flatnonzero(field.max(1) > 0.01)
    cols = np.flatnonzero(field.max(0) > 0.01)
    assert 20 <= len(rows) <= 21                      # 20 px, one more for a sub-pixel offset
    assert 6 <= len(cols) <= 7                        # 60/200 of 20 px, aspect ratio kept


def test_centre_of_mass_lands_on_pixel_14_14():
    for image in (bar(), ring(), ring(centre=(60, 200), radii=(20, 30), thickness=8)):
        cy, cx = index_com(to_mnist_input(image))
        assert cy == pytest.approx(14.0, abs=0.05)
        assert cx == pytest.approx(14.0, abs=0.05)


def test_lopsided_digit_stays_inside_the_field():
    image = paper()
    image[20:260, 20:40] = 0           # a long stem ...
    image[20:40, 20:260] = 0           # ... and a heavy top bar: mass far from the box centre
    image[20:120, 240:260] = 0
    field = preprocess(image).image
    assert field[0].max() < 0.05 and field[-1].max() < 0.05
    assert field[:, 0].max() < 0.05 and field[:, -1].max() < 0.05


def test_position_does_not_matter():
    a = to_mnist_input(ring(centre=(100, 90), radii=(30, 50)))
    b = to_mnist_input(ring(centre=(190, 200), radii=(30, 50)))
    np.testing.assert_allclose(a, b, atol=1e-5)


def test_size_barely_matters():
    small = to_mnist_input(ring(radii=(20, 35), thickness=9))
    large = to_mnist_input(ring(radii=(60, 105), thickness=27))
    assert np.abs(small - large).mean() < 0.03


def test_polarity_is_detected_from_the_border():
    dark_on_light = bar()
    light_on_dark = 255 - dark_on_light
    a, b = preprocess(dark_on_light), preprocess(light_on_dark)
    assert a.inverted and not b.inverted
    np.testing.assert_allclose(a.inputs, b.inputs, atol=1e-6)


def test_grey_paper_and_grey_ink_are_stretched():
    image = np.where(bar() == 0, 90, 200).astype(np.uint8)   # pencil on grey paper
    np.testing.assert_allclose(to_mnist_input(image), to_mnist_input(bar()), atol=1e-6)


def test_downscaling_averages_areas_instead_of_picking_pixels():
    # 1-pixel stripes: nearest-neighbour sampling would give solid or empty columns, area
    # averaging gives an even grey of half the ink
    image = paper()
    image[40:240, 40:240:2] = 0
    field = preprocess(image, normalise_strokes=False).image
    inside = field[5:23, 5:23]
    assert inside.std() < 0.02
    assert inside.mean() == pytest.approx(inside.max(), abs=0.02)
    assert 0.45 < inside.mean() < 0.55


def test_ink_is_conserved_when_shrinking():
    m = _resample_matrix(200, 28, 0.1, 4.0)
    np.testing.assert_allclose(m.sum(0), 0.1)         # each source pixel spreads 0.1 of itself
    assert m.sum(1).max() == pytest.approx(1.0)       # a full target pixel averages 10 sources


def test_tiny_images_are_enlarged_smoothly():
    image = np.zeros((7, 5), np.uint8)
    image[1:6, 2] = 255
    field = preprocess(image).image
    assert field.max() > 0.9
    # the pixel centres span 20 px; interpolation adds a fading half source pixel at each end
    assert 20 <= np.count_nonzero(field.max(1) > 0.01) <= 24
    # linear interpolation leaves grey levels between the pixel centres (not blocks)
    assert len(np.unique(np.round(field[field > 0], 3))) > 5


# -- any kind of image -----------------------------------------------------------------------------

def test_uint8_float_and_uint16_agree():
    image = ring()
    a = to_mnist_input(image)
    np.testing.assert_allclose(to_mnist_input(image / 255.0), a, atol=1e-6)
    np.testing.assert_allclose(to_mnist_input(image.astype(np.float32)), a, atol=1e-6)  # 0..255
    np.testing.assert_allclose(to_mnist_input(image.astype(np.uint16) * 257), a, atol=1e-6)
    np.testing.assert_allclose(to_mnist_input(image > 128), to_mnist_input(image > 128), atol=0)


def test_colour_images():
    grey = ring()
    rgb = np.stack([grey, grey, grey], axis=2)
    np.testing.assert_allclose(to_mnist_input(rgb), to_mnist_input(grey), atol=1e-6)
    blue_ink = np.stack([grey, grey, np.full_like(grey, 255)], axis=2)   # blue pen on white
    assert np.abs(to_mnist_input(blue_ink) - to_mnist_input(grey)).max() < 0.05


def test_transparent_background_reads_as_it_looks():
    ink = ring() == 0
    for colour in (0, 255):            # black ink or white ink, on a transparent background
        rgba = np.zeros((280, 280, 4), np.uint8)
        rgba[..., :3] = colour
        rgba[..., 3] = np.where(ink, 255, 0)
        np.testing.assert_allclose(to_mnist_input(rgba), to_mnist_input(ring()), atol=1e-6)


def test_non_square_and_large_images():
    image = np.full((1500, 2000), 255, np.uint8)
    image[300:1300, 1500:1580] = 0
    result = preprocess(image)
    assert result.bbox == (300, 1500, 1300, 1580)
    assert index_com(result.inputs) == pytest.approx((14.0, 14.0), abs=0.05)


def test_rejects_shapes_that_are_not_images():
    with pytest.raises(ValueError):
        to_grey(np.zeros((4, 4, 2)))
    with pytest.raises(ValueError):
        to_grey(np.zeros(10))


def test_batch_helper_skips_empty_images():
    X, ok = to_mnist_batch([bar(), paper(), ring()])
    assert X.shape == (2, 784) and ok.tolist() == [True, False, True]


# -- real MNIST --------------------------------------------------------------------------------------

def redraw(digit, canvas, rng):
    """An MNIST digit as a person would draw it: enlarged to 30-90 % of the canvas, placed
    anywhere, dark ink on white paper."""
    ink = digit.astype(np.float64) / 255
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    s = rng.uniform(0.3, 0.9) * canvas / max(crop.shape)
    h, w = (max(1, round(n * s)) for n in crop.shape)
    big = _resample_matrix(crop.shape[0], h, s, 0) @ crop @ _resample_matrix(crop.shape[1], w, s, 0).T
    out = np.zeros((canvas, canvas))
    y, x = rng.integers(0, canvas - h + 1), rng.integers(0, canvas - w + 1)
    out[y:y + h, x:x + w] = np.clip(big, 0, 1)
    return (255 * (1 - out)).astype(np.uint8)


@pytest.mark.mnist
def test_mnist_digits_come_back_as_themselves(mnist_test_set):
    images, _ = mnist_test_set
    sample = images[:500]
    X = np.stack([to_mnist_input(image) for image in sample])
    original = sample.reshape(len(sample), -1) / 255.0
    assert np.abs(X - original).mean() < 0.04


@pytest.mark.mnist
def test_redrawn_mnist_digits_match_the_originals(mnist_test_set):
    images, _ = mnist_test_set
    rng = np.random.default_rng(0)
    sample = images[:300]
    original = np.stack([to_mnist_input(image) for image in sample])
    redrawn = np.stack([to_mnist_input(redraw(image, 280, rng)) for image in sample])
    # per image, the correlation between what the network would see in both cases
    a = original - original.mean(1, keepdims=True)
    b = redrawn - redrawn.mean(1, keepdims=True)
    corr = (a * b).sum(1) / np.sqrt((a * a).sum(1) * (b * b).sum(1))
    assert np.median(corr) > 0.95 and corr.min() > 0.7


# -- stroke width ----------------------------------------------------------------------------------

def test_stroke_width_estimate():
    from desktop_bp.core.preprocess import stroke_width
    thin = stroke_width(1.0 - ring(thickness=8) / 255.0)
    thick = stroke_width(1.0 - ring(thickness=16) / 255.0)
    assert 8 < thin < 12 and thick / thin == pytest.approx(2.0, rel=0.1)
    assert stroke_width(np.zeros((5, 5))) == 0.0


@pytest.mark.parametrize("thickness, expected", [(4, 0.08), (36, 0.18)])
def test_thick_and_thin_pens_are_brought_to_mnist_stroke_widths(thickness, expected):
    from desktop_bp.core.preprocess import ink_map, normalise_stroke, stroke_width
    ink, _ = ink_map(ring(thickness=thickness))
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    crop, factor = normalise_stroke(ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1])
    assert factor < 1.0                               # worked at a lower resolution
    assert stroke_width(crop) / max(crop.shape) == pytest.approx(expected, abs=0.02)
    # and the network's input moves towards that of an MNIST-like pen
    normal = to_mnist_input(ring(thickness=16))
    raw = preprocess(ring(thickness=thickness), normalise_strokes=False).inputs
    assert np.abs(to_mnist_input(ring(thickness=thickness)) - normal).mean() < \
        np.abs(raw - normal).mean()


def test_strokes_within_mnist_range_are_left_alone():
    image = ring(thickness=16)
    np.testing.assert_array_equal(preprocess(image).inputs,
                                  preprocess(image, normalise_strokes=False).inputs)


@pytest.mark.parametrize("paper", [0.4, 0.5, 0.6])
def test_dark_ink_on_mid_grey_paper_is_found(paper):
    # deciding the polarity by the paper's brightness alone loses black ink on 50% grey paper
    image = np.full((120, 120), paper)
    image[20:100, 55:65] = 0.0
    result = preprocess(image)
    assert result is not None and result.inverted
    assert result.inputs.reshape(28, 28)[14, 14] > 0.5      # the bar, centred


@pytest.mark.parametrize("thickness", [4, 16, 36])
@pytest.mark.parametrize("normalise", [True, False])
def test_the_field_maps_back_onto_the_ink(thickness, normalise):
    """field_in_source inverts the preprocessing: the inputs' ink, laid back on the source,
    sits on the source's ink (thin and thick pens alike, whose width is normalised)."""
    image = ring(thickness=thickness)
    pre = preprocess(image, normalise_strokes=normalise)
    top, left, side = pre.field_in_source()
    k = side / 28
    seen = pre.image > 0.3
    rows, cols = np.flatnonzero(seen.any(axis=1)), np.flatnonzero(seen.any(axis=0))
    t, l, b, r = pre.bbox
    centre = ((top + (rows[0] + rows[-1] + 1) * k / 2), (left + (cols[0] + cols[-1] + 1) * k / 2))
    assert centre == pytest.approx(((t + b) / 2, (l + r) / 2), abs=1.5 * k)
    assert top + rows[0] * k <= t + k and top + (rows[-1] + 1) * k >= b - k
    # the ring's centre maps to the inputs' centre of mass (it is symmetric)
    oy, ox = pre.field_offset
    mapped = (pre.field_scale * 140 + oy - 0.5, pre.field_scale * 140 + ox - 0.5)
    assert mapped == pytest.approx(index_com(pre.inputs), abs=0.3)
