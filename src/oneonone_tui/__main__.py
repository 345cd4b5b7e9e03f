"""`python -m oneonone_tui` runs the CLI."""

from oneonone_tui.cli import main

main()
