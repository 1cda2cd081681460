"""The report site: notebooks -> HTML pages.

A run (`batch.render`): expand the selection into reports (`catalogue`, validated before any kernel
starts) -> skip the reports whose inputs are unchanged (`cache`) -> execute the rest with papermill
(`execute`) in warm forked processes (`warm`) or on a Dask cluster (`cluster`), each converting its
notebook to HTML (`html`) -> write the pages (`pages`) -> print a summary. `teaching` builds the
student and solution editions of the notebooks.
"""
