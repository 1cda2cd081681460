"""Imported once by the warm server (multiprocessing's forkserver) before it forks any render process."""

from uawar.site.warm import warm_up

warm_up()
