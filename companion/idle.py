"""How long since the person last touched keyboard or mouse, where the desktop says it.

A natural pause counts as a break (companion.breaks). Asked in this order, the first that answers
is kept for later reads:
- GNOME (X11 and Wayland): org.gnome.Mutter.IdleMonitor `GetIdletime` (milliseconds), via `gdbus`.
- KDE and others: org.freedesktop.ScreenSaver `GetSessionIdleTime` (seconds, as the spec says), via `gdbus`.
- X11: the MIT-SCREEN-SAVER extension (what `xprintidle` prints), through libXss with ctypes; not
  under a Wayland session, where XWayland only sees X clients' input.
Limits: wlroots compositors (sway, Hyprland) publish idle only to Wayland clients (ext-idle-notify),
and macOS and Windows are not read: there reminders keep a plain cadence.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import re
from collections.abc import Callable

from companion.desktop_query import bus_call

_NUMBER = re.compile(r"\(u?int(?:32|64)\s+(\d+),?\)")


def _mutter() -> float | None:
    said = bus_call("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                    "org.gnome.Mutter.IdleMonitor.GetIdletime")  # fmt: skip
    found = _NUMBER.fullmatch(said or "")
    return int(found.group(1)) / 1000 if found else None


def _screensaver() -> float | None:
    said = bus_call("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.GetSessionIdleTime")  # fmt: skip
    found = _NUMBER.fullmatch(said or "")
    return float(found.group(1)) if found else None


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


@functools.cache
def _x_libraries() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    names = ctypes.util.find_library("X11"), ctypes.util.find_library("Xss")
    if None in names:
        return None
    try:
        xlib, xss = (ctypes.CDLL(name) for name in names)
    except OSError:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xlib.XFree.argtypes = [ctypes.c_void_p]
    xss.XScreenSaverQueryExtension.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
    xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XScreenSaverInfo)]
    return xlib, xss


def _x11() -> float | None:
    if not os.environ.get("DISPLAY") or os.environ.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return None
    libraries = _x_libraries()
    if libraries is None:
        return None
    xlib, xss = libraries
    display = xlib.XOpenDisplay(None)
    if not display:
        return None
    try:
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(display, ctypes.byref(event_base), ctypes.byref(error_base)):
            return None
        info = xss.XScreenSaverAllocInfo()
        try:
            if not xss.XScreenSaverQueryInfo(display, xlib.XDefaultRootWindow(display), info):
                return None
            return int(info.contents.idle) / 1000
        finally:
            xlib.XFree(info)
    finally:
        xlib.XCloseDisplay(display)


SOURCES: tuple[tuple[str, Callable[[], float | None]], ...] = (
    ("GNOME Mutter IdleMonitor", _mutter),
    ("org.freedesktop.ScreenSaver", _screensaver),
    ("X11 screen saver info", _x11),
)


class IdleReader:
    """Reads the idle time from the first source that answers, and keeps to it."""

    def __init__(self) -> None:
        self._source: tuple[str, Callable[[], float | None]] | None = None

    def seconds(self) -> float | None:
        if self._source is not None:
            found = self._source[1]()
            if found is not None:
                return found
            self._source = None  # e.g. the session's screen saver service went away: look again
        for source in SOURCES:
            found = source[1]()
            if found is not None:
                self._source = source
                return found
        return None

    def describe(self) -> str:
        """For `companion breaks --test`: where idle time comes from, or that it cannot be read."""
        found = self.seconds()
        if found is None or self._source is None:
            return "idle time: not readable here (breaks keep a plain cadence)"
        return f"idle time: read from {self._source[0]} ({found:.0f} s now): a natural pause counts as a break"
