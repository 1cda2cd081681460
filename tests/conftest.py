import shutil
from pathlib import Path

import pytest

from uawar import config

SHARED_RAW = config.SHARED_RAW_DIR


@pytest.fixture(scope="session")
def shared_raw() -> Path:
    if not (SHARED_RAW / "missile_attacks_daily.csv").exists():
        pytest.fail(f"the shared raw files are missing: {SHARED_RAW}")
    return SHARED_RAW


@pytest.fixture
def raw_copy(tmp_path, shared_raw) -> Path:
    """A writable copy of the shared raw files."""
    dest = tmp_path / "raw"
    shutil.copytree(shared_raw, dest)
    for p in dest.iterdir():
        p.chmod(0o644)
    return dest
