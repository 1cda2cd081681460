import shutil
from pathlib import Path

import pytest

from uawar import exports


@pytest.fixture(scope="session")
def raw_dir(tmp_path_factory) -> Path:
    """One folder holding every raw file the build reads, copied from the repository's newest exports
    (data/raw/<dataset>/<export>/); tests must not write into it (`raw_copy` is theirs to change)."""
    dest = tmp_path_factory.mktemp("raw")
    for name, path in exports.newest_files().items():
        shutil.copyfile(path, dest / name)
    return dest


@pytest.fixture
def raw_copy(tmp_path, raw_dir) -> Path:
    """A writable copy of `raw_dir`."""
    return Path(shutil.copytree(raw_dir, tmp_path / "raw"))
