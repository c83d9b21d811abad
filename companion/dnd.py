"""Is the desktop's do-not-disturb on? Break reminders wait while it is (companion.breaks).

What is asked, in this order (the first that says "on" wins):
- dunst: `dunstctl is-paused` (dunst 1.5 and later).
- GNOME: `gsettings get org.gnome.desktop.notifications show-banners` is false, only when
  XDG_CURRENT_DESKTOP names GNOME (the schema is installed on many desktops that do not use it).
- KDE Plasma and other servers that publish it: the `Inhibited` property of
  org.freedesktop.Notifications, over D-Bus with `gdbus`.
Limits: Xfce's, Cinnamon's and MATE's own do-not-disturb switches, focus modes of macOS and
Windows, and a server that offers none of the above are not read: there reminders are never held.
Each check runs small programs (a few milliseconds each), so the planner asks only when a reminder is due.
"""

from __future__ import annotations

import os

from companion.desktop_query import ask, bus_call, session_bus
from companion.records import Record, field


class DndStatus(Record, frozen=True):
    """`on`: True / False, or None when nothing could be read; `source` says where it was read."""

    on: bool | None = field()
    source: str = field()

    def describe(self) -> str:
        if self.on is None:
            return "do not disturb: not readable here (reminders are never held)"
        if self.on:
            return f"do not disturb: on ({self.source}): reminders wait until it is off"
        return f"do not disturb: off ({self.source})"


def status() -> DndStatus:
    readable: list[str] = []
    if session_bus():
        paused = ask("dunstctl", "is-paused")
        if paused in ("true", "false"):
            if paused == "true":
                return DndStatus(True, "dunst is paused")
            readable.append("dunst")
    if "gnome" in os.environ.get("XDG_CURRENT_DESKTOP", "").lower():
        banners = ask("gsettings", "get", "org.gnome.desktop.notifications", "show-banners")
        if banners in ("true", "false"):
            if banners == "false":
                return DndStatus(True, "GNOME notification banners are off")
            readable.append("GNOME")
    inhibited = bus_call(
        "org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.DBus.Properties.Get",
        "org.freedesktop.Notifications", "Inhibited",
    )  # fmt: skip
    if inhibited is not None and ("true" in inhibited or "false" in inhibited):
        if "true" in inhibited:
            return DndStatus(True, "the notification server is inhibited")
        readable.append("the notification server")
    return DndStatus(False, ", ".join(readable)) if readable else DndStatus(None, "")


def held_reason() -> str | None:
    """For the planner: why reminders wait now, or None."""
    found = status()
    return found.source if found.on else None
