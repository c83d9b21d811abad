"""A one-line Input that is safe for whatever a person types or pastes.

Textual's Input shows its value as it is (escape sequences reach the terminal), keeps only the
first line of a paste, and silently drops keys past `max_length`. Here: control characters never
enter the value, a multi-line paste becomes one line, and length is left to the core, which
refuses over-long text with a message that names the limit instead of cutting it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from companion.textsafe import one_line


class SafeInput(Input):
    def __init__(self, value: str | None = None, *args: object, max_length: int = 0, **kwargs: object) -> None:
        # max_length is accepted and ignored on purpose: see the module docstring.
        super().__init__(value, *args, **kwargs)  # type: ignore[arg-type]

    def validate_value(self, value: str) -> str:
        return one_line(value)

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            text = one_line(event.text)
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()
        event.prevent_default()  # Input._on_paste would insert the first line a second time
