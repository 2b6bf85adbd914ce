"""What a message about a model file that cannot be used gives as its details."""

from desktop_bp.core.persistence import ModelFileError
from desktop_bp.ui.model_files import problem_details


def test_a_known_problem_s_details_are_the_file_only(tmp_path):
    path = tmp_path / "notes.txt"
    for kind in ("not_model", "damaged", "empty", "missing", "newer"):
        error = ModelFileError(path, "neither a desktop_bp model (.npz) nor ...", kind=kind)
        assert problem_details(error) == str(path), kind
    assert problem_details(PermissionError(13, "Permission denied", str(path))) == str(path)


def test_contents_that_make_no_network_keep_the_engine_s_reason(tmp_path):
    path = tmp_path / "odd.npz"
    error = ModelFileError(path, "layer 1's weights should be 30x784, not 30x783")
    assert problem_details(error) == str(error) and "30x783" in problem_details(error)
    assert problem_details(ValueError("no file")) == "no file"
