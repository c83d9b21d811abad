"""The baselines: the smallest Textual app that shows a line of text (first frame), and answers a key (x, or
Escape: Textual waits a moment after Escape for the rest of a key sequence, in every app)."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    BINDINGS = [Binding("x", "count", "Count", id="count"), Binding("escape", "count", "Count", id="count_escape")]
    presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare textual ready", id="line")
        yield Footer()

    def action_count(self) -> None:
        self.presses += 1
        self.query_one("#line", Static).update(f"bare textual ready, pressed {self.presses}")


if __name__ == "__main__":
    Bare().run()
