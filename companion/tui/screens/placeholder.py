"""Screens whose area is still being built say so honestly, in one line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from companion.tui.screens.base import DataScreen


class PlaceholderScreen(DataScreen):
    MESSAGE = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.MESSAGE, classes="placeholder", markup=False)
        yield Footer()
