"""The repository's locations (nothing else hardcodes a path), and the kernels' matplotlib backend."""

import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("UAWAR_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"  # the exports as published: raw/<dataset>/<export>/ (uawar.exports)
PROCESSED_DIR = DATA_DIR / "processed"
DATAPACKAGE = DATA_DIR / "datapackage.json"
CLAIMS_CSV = DATA_DIR / "claims.csv"
WEAPON_CLASSES_MD = PROJ_ROOT / "docs" / "weapon_classes.md"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
TEACHING_DIR = REPORTS_DIR / "teaching"  # uawar teach: the student and instructor editions
CATALOGUE = NOTEBOOKS_DIR / "catalogue.yaml"
# The page templates of the report site (nbconvert's and uawar's own).
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# The backend a fresh ipykernel selects for matplotlib (the warm server must pick the same one).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
