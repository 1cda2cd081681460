"""The report site: notebooks -> HTML pages.

A run (`batch.render`): expand the selection into reports (`catalogue`, validated before any kernel
starts) -> skip the reports whose inputs are unchanged (`cache`) -> execute the rest with papermill
in worker processes (`batch`, `execute`), each converting its own notebook to HTML (`html`) ->
write the index page (`pages`) -> print a summary.
"""
