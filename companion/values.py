"""Small value classes for the quick command paths, without dataclasses.

`import dataclasses` imports inspect, ast and dis: about 12 ms, more than a third of what
`companion win` may take in all. The few classes on that path (settings, the context, a win)
subclass Value instead: each lists its fields in __slots__ and writes its own typed __init__, and
Value gives it what a dataclass would: equality, a readable repr and `replace`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it
if TYPE_CHECKING:
    from typing import Self


class Value:
    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # fields may be lists or dicts, as with a dataclass(eq=True)

    def values(self) -> dict[str, object]:
        """Every field by name, in the order of __slots__."""
        return {name: getattr(self, name) for name in self.__slots__}

    def replace(self, **changes: object) -> Self:
        """A copy with some fields changed, as dataclasses.replace (works on frozen classes too)."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {min(unknown)!r}")
        copy = object.__new__(type(self))
        for name, value in {**self.values(), **changes}.items():
            object.__setattr__(copy, name, value)
        return copy

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()  # type: ignore[attr-defined, no-any-return]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.values().items())
        return f"{type(self).__name__}({fields})"
