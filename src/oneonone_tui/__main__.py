"""`python -m oneonone_tui` runs the command line, as `oneonone` does."""

from oneonone_tui.start import main

main()
