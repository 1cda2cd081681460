"""uawar: research notebooks on the air war and casualty claims of Russia's invasion of Ukraine."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("uawar")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+unknown"
