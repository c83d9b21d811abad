"""The baseline for first-frame time: the smallest Textual app that shows a line of text."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare textual ready")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
