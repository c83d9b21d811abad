"""Every key binding the app declares, read from the source of companion.tui without importing it.

`companion config show|edit` checks the person's key overrides against the binding ids that exist and
names keys shared by two actions, and the core never imports the app (nor Textual) to know them.
Bindings stay declared where they live, in each class's BINDINGS; this reads those class bodies with
`ast`. A test holds what is read here in step with the classes of the running app.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from companion.keynames import key_label
from companion.records import Record, field

_TUI = Path(__file__).resolve().parent / "tui"
_APP_MODULE = "app.py"  # its App class's bindings apply everywhere
_OWNER_PACKAGES = ("screens", "modals", "widgets")  # each class there with BINDINGS is a place of its own
_BINDING_FIELDS = ("key", "action", "description")  # Binding's first parameters, in order


class BindingLike(Protocol):
    """What a clash check reads of a binding: a textual.binding.Binding, or a Declared read from the source."""

    @property
    def id(self) -> str | None: ...
    @property
    def key(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def description(self) -> str: ...


class Declared(Record, frozen=True):
    """One Binding(...) as written in a class body: its keys (comma separated), action, description and id."""

    key: str = field()
    action: str = field()
    description: str = field(default="")
    id: str | None = field(default=None)


# textual.app.App's own bindings (a test holds them in step): the app has them too, everywhere.
TEXTUAL_APP_BINDINGS = (Declared("ctrl+q", "quit", "Quit"), Declared("ctrl+c", "help_quit"))


@functools.cache
def declared() -> tuple[tuple[Declared, ...], tuple[tuple[Declared, ...], ...]]:
    """The bindings that apply everywhere (the app's), and those of each screen, dialog and widget."""
    everywhere = (*_class_bindings(_TUI / _APP_MODULE)[0], *TEXTUAL_APP_BINDINGS)
    owners = tuple(
        bindings
        for package in _OWNER_PACKAGES
        for path in sorted((_TUI / package).glob("*.py"))
        for bindings in _class_bindings(path)
    )
    return everywhere, owners


def binding_ids() -> frozenset[str]:
    """Every binding id a person can give their own key to."""
    everywhere, owners = declared()
    return frozenset(binding.id for bindings in (everywhere, *owners) for binding in bindings if binding.id)


def _class_bindings(path: Path) -> list[tuple[Declared, ...]]:
    """The BINDINGS of each class defined at the top of a module, in order (a class without any left out)."""
    text = path.read_text(encoding="utf-8")
    if "BINDINGS" not in text:
        return []  # most modules: no need to parse them
    found = []
    for node in ast.parse(text, filename=str(path)).body:
        if isinstance(node, ast.ClassDef):
            bindings = tuple(binding for statement in node.body for binding in _bindings_assigned(statement))
            if bindings:
                found.append(bindings)
    return found


def _bindings_assigned(statement: ast.stmt) -> Iterable[Declared]:
    if isinstance(statement, ast.Assign) and any(
        isinstance(target, ast.Name) and target.id == "BINDINGS" for target in statement.targets
    ):
        for node in ast.walk(statement.value):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Binding":
                binding = _literal_binding(node)
                if binding is not None:
                    yield binding


def _literal_binding(call: ast.Call) -> Declared | None:
    """A Binding(...) whose key, action, description and id are written as literals (the test finds any other)."""
    try:
        written = [ast.literal_eval(arg) for arg in call.args[: len(_BINDING_FIELDS)]]
        fields = dict(zip(_BINDING_FIELDS[: len(written)], written, strict=True))
        fields |= {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg in (*_BINDING_FIELDS, "id")}
    except ValueError:
        return None
    if not isinstance(fields.get("key"), str) or not isinstance(fields.get("action"), str):
        return None
    return Declared(fields["key"], fields["action"], fields.get("description", ""), fields.get("id"))


def key_clashes(keymap: Mapping[str, str]) -> list[str]:
    """`shared_keys` for the bindings the app declares."""
    return shared_keys(*declared(), keymap)


def shared_keys(
    everywhere: Sequence[BindingLike], owners: Sequence[Sequence[BindingLike]], keymap: Mapping[str, str]
) -> list[str]:
    """Where one of the person's keys is also another action's key in the same place (one of them is lost there).

    Textual reports no clash for bindings that have ids, and all of companion's have one.
    """
    if not keymap:
        return []
    sharing_by_key: dict[str, set[str]] = {}
    for bindings in [everywhere, *([*everywhere, *own] for own in owners)]:
        by_key: dict[str, list[BindingLike]] = {}
        for binding in bindings:
            for key in keymap.get(binding.id or "", binding.key).split(","):
                by_key.setdefault(key.strip(), []).append(binding)
        for key, sharing in by_key.items():
            names = {f"“{binding.description or binding.action}”" for binding in sharing}
            if len(names) > 1 and any(binding.id in keymap for binding in sharing):
                sharing_by_key.setdefault(key, set()).update(names)
    return [
        f"Your keys give {key_label(key)} to {', '.join(sorted(names))}: where two of them apply, only one answers. "
        "Settings (,) can change them."
        for key, names in sharing_by_key.items()
    ]
