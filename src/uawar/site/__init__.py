"""The report site: notebooks -> HTML pages.

A run (`batch.render`): expand the selection into reports (`catalogue`, validated before any kernel
starts) -> skip the reports whose inputs are unchanged (`cache`) -> execute the rest with papermill
(`execute`) in warm forked processes (`warm`) or on a Dask cluster (`cluster`), each converting its
notebook to HTML (`html`, its glossary terms linked: `glossary`) with the files that go beside it
(`report_files`), handing back typed data
(`handoff`) -> write the site-wide pages (`pages`) -> print a summary. `teaching` builds the
student and solution editions of the notebooks.
"""

import sys

# Seconds one report may run (`uawar render --timeout`) before it fails alone; the slowest report
# takes about a minute on one core.
REPORT_TIMEOUT = 1800


def skip_iri_checker() -> None:
    """Keep jsonschema from importing rfc3987_syntax, its optional checker of the "iri" format, whose
    import compiles 38 grammars: about 2 s at the start of every process that reads a notebook
    (nbformat validates with jsonschema; python-jsonschema/jsonschema#1428). No schema that uawar's
    notebooks meet uses that format. Called by the processes uawar runs (the command and its warm
    server), never by importing uawar in a kernel of one's own."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "import fails"
