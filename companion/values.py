"""Small value classes for the start-up paths, without dataclasses.

`import dataclasses` imports inspect, ast and dis (about 12 ms, more than a third of what
`companion win` may take in all), and each @dataclass compiles its methods at import time (about
0.5 ms a class: 11 ms of the app's first frame for the twenty classes Today needs). The classes on
those paths subclass Value or FrozenValue instead: each lists its fields in __slots__ and writes
its own typed __init__, and gets what a dataclass would give it: equality, a readable repr,
`replace` and `as_dict`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Self


class Value:
    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # fields may be lists or dicts, as with a dataclass(eq=True)

    def values(self) -> dict[str, object]:
        """Every field by name, in the order of __slots__."""
        return {name: getattr(self, name) for name in self.__slots__}

    def as_dict(self) -> dict[str, object]:
        """Like dataclasses.asdict: nested values, lists, tuples and dicts become plain copies."""
        return {name: _plain(value) for name, value in self.values().items()}

    def replace(self, **changes: object) -> Self:
        """A new value with some fields changed, made by __init__ (so its checks run), as dataclasses.replace."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {min(unknown)!r}")
        return type(self)(**{**self.values(), **changes})

    def _set(self, **fields: object) -> None:
        """Assign fields, also in a FrozenValue's __init__."""
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.values().items())
        return f"{type(self).__name__}({fields})"


class FrozenValue(Value):
    """A Value that cannot change once made (as dataclass(frozen=True)); hashable if its fields are.

    Its __init__ assigns with `self._set(...)`.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: use replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __hash__(self) -> int:  # type: ignore[override]  # Value has none (it may hold lists); this one is frozen
        return hash(tuple(self.values().values()))


def _plain(value: object) -> object:
    if isinstance(value, Value):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
