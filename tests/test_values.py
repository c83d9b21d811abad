"""Value: what the quick-path classes get instead of dataclasses (equality, repr, replace)."""

from __future__ import annotations

import pytest

from companion.config import SETTINGS, Config
from companion.values import FrozenValue, Value
from companion.wins import Win


class Point(Value):
    __slots__ = ("x", "tags")

    def __init__(self, x: int, tags: list[str] | None = None) -> None:
        self.x = x
        self.tags = [] if tags is None else tags


def test_equality_repr_and_replace() -> None:
    point = Point(1, ["a"])
    assert point == Point(1, ["a"]) and point != Point(2, ["a"])
    assert point != (1, ["a"])  # another type is never equal
    assert repr(point) == "Point(x=1, tags=['a'])"
    moved = point.replace(x=5)
    assert (moved.x, moved.tags, point.x) == (5, ["a"], 1)
    with pytest.raises(TypeError, match="no field 'y'"):
        point.replace(y=1)
    with pytest.raises(TypeError):
        hash(point)  # lists inside: unhashable, as a dataclass with eq=True


def test_config_is_frozen_and_every_setting_is_a_field_with_its_default() -> None:
    config = Config()
    assert tuple(config.values()) == tuple(SETTINGS) == tuple(Config.__annotations__)
    assert all(getattr(config, name) == setting.default for name, setting in SETTINGS.items())
    with pytest.raises(AttributeError, match="frozen"):
        config.theme = "other"  # type: ignore[misc]
    with pytest.raises(TypeError, match="no setting 'colour'"):
        Config(colour="blue")
    assert config.replace(theme="companion-contrast").theme == "companion-contrast" and config.theme == "companion-calm"
    assert Config().keys is not Config().keys  # no shared mutable default


def test_a_win_record_round_trips_and_owns_its_tags() -> None:
    win = Win("Shipped the demo", ["work"], "2026-11-27T09:00:00", "2026-11-27T09:00:00", "abc")
    record = win.to_record()
    assert Win.from_record(record) == win
    record["tags"].append("changed")  # type: ignore[attr-defined]
    assert win.tags == ["work"]


class Pair(FrozenValue):
    __slots__ = ("left", "right")

    def __init__(self, left: object, right: object) -> None:
        self._set(left=left, right=right)


def test_frozen_values_are_hashable_and_cannot_change() -> None:
    pair = Pair(1, "a")
    assert {pair, Pair(1, "a")} == {pair}
    with pytest.raises(AttributeError, match="frozen"):
        pair.left = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del pair.left
    assert pair.replace(left=2) == Pair(2, "a")


def test_as_dict_copies_nested_values_like_dataclasses_asdict() -> None:
    nested = Pair(Point(1, ["x"]), [Point(2), (Point(3),)])
    plain = nested.as_dict()
    assert plain == {"left": {"x": 1, "tags": ["x"]}, "right": [{"x": 2, "tags": []}, ({"x": 3, "tags": []},)]}
    plain["left"]["tags"].append("changed")  # type: ignore[index]
    assert nested.left.tags == ["x"]  # type: ignore[attr-defined]


class Positive(Value):
    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        if n <= 0:
            raise ValueError("n must be positive")
        self.n = n


def test_replace_makes_the_new_value_through_init_so_its_checks_run() -> None:
    assert Positive(1).replace(n=2) == Positive(2)
    with pytest.raises(ValueError, match="positive"):
        Positive(1).replace(n=0)
