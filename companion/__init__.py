"""companion: a calm terminal companion for a long tech job search."""

__version__ = "0.1.0"
