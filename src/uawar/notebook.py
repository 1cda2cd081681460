"""What every notebook shows the same way: the footer with parameters, data version and uawar version."""

from __future__ import annotations

from IPython.display import Markdown

from uawar import __version__, data


def footer(params: dict) -> Markdown:
    rows = "\n".join(f"| `{k}` | `{v!r}` |" for k, v in params.items())
    hashes = "\n".join(f"| {name} | `{h[:16]}` |" for name, h in data.data_version().items())
    return Markdown(
        "### About this report\n\n"
        f"| parameter | value |\n|---|---|\n{rows}\n\n"
        f"| data table | sha256 (first 16) |\n|---|---|\n{hashes}\n\n"
        f"Computed with uawar {__version__}. Data: `data/datapackage.json` names each source, "
        "its licence and citation."
    )
