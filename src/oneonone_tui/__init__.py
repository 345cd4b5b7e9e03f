"""oneonone-tui: the weekly sales 1:1, run from the terminal."""

__version__ = "0.1.0"
