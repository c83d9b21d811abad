"""Importers: one module per tool whose export people bring, and the detection that picks one.

This package's own module stays light (argparse reads FORMAT_NAMES from it); the importers are
imported only when a file is read (`companion.importers.detect`).
"""

# `--from` words: companion's own backup (json) and spreadsheet (csv) first, then the other tools.
FORMAT_NAMES = ("json", "csv", "huntr", "linkedin", "jobsync", "simplify", "teal", "jrnl", "freecbt")
