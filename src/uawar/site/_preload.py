"""Imported once by the warm server (multiprocessing's forkserver) before it forks any render process."""

import os
import sys

from uawar.site.warm import MAIN_SCRIPT, warm_up

# A process forked from here first runs the main script of the process that started the server,
# unless the server's __main__ is that script (Python 3.11 never preloads it: CPython gh-126631):
# seconds a report for a Dask worker, whose main script imports distributed. A render process needs
# nothing from it (its function and its task come from uawar), so __main__ takes the script's name
# without running it (which could need that process's arguments).
if os.environ.get(MAIN_SCRIPT):
    sys.modules["__main__"].__file__ = os.environ[MAIN_SCRIPT]
warm_up()
