"""Records declared once: each field's type, default and its record, CSV and form names in one line.

    class Win(Record):
        text: str = field(default="", csv="Text", form="Win", limit=500)

`Record` gives what a dataclass would (a typed `__init__` the type checker sees through
`dataclass_transform`, slots, equality, repr, `replace` for every field, `as_dict`) and what the
areas need besides: `from_record`, tolerant of hand-edited records (a missing field gets its default,
a wrong type reads as empty), `to_record`, the CSV columns and their header aliases, and `Typed`, what a
person types into a form (cleaned, checked against each field's limit, turned into record changes).

Why not a library (measured here, medians of 5 fresh processes, typing and re already loaded as on the
win path): importing dataclasses costs ~10 ms (inspect, ast, dis), this module ~0.4 ms; making 20
classes of 5 / 27 fields costs 9.4 / 22 ms with @dataclass(slots=True), 8.4 / 32 ms with attrs.define
(plus ~30 ms to import attrs, not installed), 0.3 / 0.8 ms with msgspec.Struct (C, ~30 ms to import, a
pip install), 0.7 / 1.3 ms here; 10,000 instances cost about the same as a dataclass's (11 / 70 ms
here, 11 / 92 ms) because `__init__` is compiled, as a dataclass's is, but only when first called.
orjson imports dataclasses only for data files of 256 KB and more, so a small data dir never pays it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Self, dataclass_transform

from companion.errors import InputError
from companion.textsafe import clean_block, clean_line
from companion.values import Value

_MISSING: Any = object()


class Field:
    """One field of a record: its default, how it reads and cleans, its CSV header and form label.

    kind: "line" (one line of text), "block" (text with line breaks), "day" (YYYY-MM-DD, a date in a
    form), "int" (a whole number or None), "strings" (a list of words), "days" (a list of YYYY-MM-DD),
    or "custom" with `read` saying how a stored value is read. A field whose default is a Record class
    is that record, nested.
    """

    __slots__ = (
        "name",
        "default",
        "factory",
        "kind",
        "read",
        "csv",
        "aliases",
        "form",
        "hint",
        "label",
        "limit",
        "required",
        "looking_back",
        "key",
        "write",
    )

    def __init__(
        self,
        default: Any,
        factory: Callable[[], Any] | None,
        kind: str,
        read: Callable[[Any], Any] | None,
        csv: str,
        aliases: tuple[str, ...],
        form: str,
        hint: str,
        label: str,
        limit: int,
        required: bool,
        looking_back: bool,
        key: str,
        write: Callable[[Any], Any] | None,
    ) -> None:
        self.name = ""
        self.default, self.factory, self.kind, self.read = default, factory, kind, read
        self.csv, self.aliases, self.form, self.hint = csv, aliases, form, hint
        self.label, self.limit, self.required, self.looking_back = label, limit, required, looking_back
        self.key, self.write = key, write

    @property
    def nested(self) -> type[Record] | None:
        """The record type of a nested record field (Application.feedback), else None."""
        factory = self.factory
        return factory if isinstance(factory, type) and issubclass(factory, Record) else None

    def make_default(self) -> Any:
        return self.factory() if self.factory is not None else self.default

    def header_keys(self) -> tuple[str, ...]:
        """The header spellings this column is found by: its own header and the other tools' names."""
        return tuple(dict.fromkeys((header_key(self.csv), *self.aliases)))


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    kind: str = "line",
    read: Callable[[Any], Any] | None = None,
    csv: str = "",
    aliases: tuple[str, ...] = (),
    form: str = "",
    hint: str = "",
    label: str = "",
    limit: int = 0,
    required: bool = False,
    looking_back: bool = False,
    key: str = "",
    write: Callable[[Any], Any] | None = None,
) -> Any:
    """Declare a field (see Field); `form` is its label in the form, and puts it in the record's Typed.

    `key` is its name in the stored record when that differs (`with` is no Python name); `write` turns
    the value into what the store keeps when it is held as something else (a datetime kept as text).
    """
    return Field(
        default, default_factory, kind, read, csv, aliases, form, hint, label, limit, required, looking_back, key, write
    )


@dataclass_transform(field_specifiers=(field,))
class _RecordType(type):
    """Turns the declared fields into __slots__ and a field table (`FIELDS`) when the class is made."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], *, frozen: bool = False) -> Any:
        declared = [(key, value) for key, value in namespace.items() if isinstance(value, Field)]
        inherited: tuple[Field, ...] = next((base.FIELDS for base in bases if hasattr(base, "FIELDS")), ())
        undeclared = [
            key
            for key, kind in namespace.get("__annotations__", {}).items()
            if key not in namespace and "ClassVar" not in str(kind)
        ]
        if undeclared:  # a bare annotation would be no field at all: say so when the class is made
            raise TypeError(f"{name}.{undeclared[0]}: declare it with field(...)")
        for key, declaration in declared:
            declaration.name = key
            declaration.label = declaration.label or key.replace("_", " ")
            declaration.key = declaration.key or key
            del namespace[key]
        namespace["__slots__"] = tuple(key for key, _ in declared)
        namespace["FIELDS"] = inherited + tuple(declaration for _, declaration in declared)
        namespace["_FROZEN"] = frozen or any(getattr(base, "_FROZEN", False) for base in bases)
        if frozen:
            namespace.update(__setattr__=_refuse_set, __delattr__=_refuse_delete, __hash__=_hash)
        if bases:  # each record class compiles its own __init__ and reader, never inheriting a parent's
            namespace.setdefault("__init__", _compiling_init)
            namespace.setdefault("from_record", classmethod(_compiling_from_record))
        return super().__new__(mcs, name, bases, namespace)


def _compiling_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """The first instance compiles its class's own __init__ (as fast as a hand-written one)."""
    cls = type(self)
    compiled = _compile_init(cls)
    cls.__init__ = compiled
    compiled(self, *args, **kwargs)


def _compiling_from_record(cls: Any, record: dict[str, Any]) -> Any:
    """The first record read compiles its class's own reader."""
    compiled = _compile_from_record(cls)
    cls.from_record = classmethod(compiled)
    return compiled(cls, record)


class Record(Value, metaclass=_RecordType):
    """A declared record (see the module's docstring); `frozen=True` in the class line makes it immutable."""

    FIELDS: ClassVar[tuple[Field, ...]] = ()
    _FROZEN: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _compiling_init(self, *args, **kwargs)

    def values(self) -> dict[str, object]:
        return {declared.name: getattr(self, declared.name) for declared in self.FIELDS}

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (any field: the same names as __init__'s)."""
        unknown = changes.keys() - {declared.name for declared in self.FIELDS}
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {min(unknown)!r}")
        return type(self)(**{**self.values(), **changes})

    def to_record(self) -> dict[str, Any]:
        """The dict the store keeps: every field under its key, as `write` stores it, nested records as dicts."""
        plain = self.as_dict()  # lists and dicts copied
        stored: dict[str, Any] = {}
        for declared in self.FIELDS:
            value = getattr(self, declared.name)
            if declared.write is not None:
                stored[declared.key] = declared.write(value)
            elif isinstance(value, Record):
                stored[declared.key] = value.to_record()
            else:
                stored[declared.key] = plain[declared.name]
        return stored

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Self:
        """Tolerant of hand-edited or older records: a missing field gets its default, a wrong type reads empty.

        The first call compiles this class's own reader, each field's reading written out in line
        (Today reads 1,000 applications before its first frame: 3x faster than a loop over fields).
        """
        return _compiling_from_record(cls, record)  # type: ignore[no-any-return]

    @classmethod
    def csv_columns(cls) -> list[tuple[str, str, Field]]:
        """(header, key, field) per CSV column in order; a nested record's columns are keyed `parent_child`."""
        columns: list[tuple[str, str, Field]] = []
        for declared in cls.FIELDS:
            nested = declared.nested
            if nested is not None:
                columns += [(header, f"{declared.name}_{key}", inner) for header, key, inner in nested.csv_columns()]
            elif declared.csv:
                columns.append((declared.csv, declared.name, declared))
        return columns

    def csv_values(self) -> dict[str, Any]:
        """The value of each CSV column by its key (nested records flattened as csv_columns names them)."""
        flat: dict[str, Any] = {}
        for declared in self.FIELDS:
            value = getattr(self, declared.name)
            if isinstance(value, Record):
                flat.update({f"{declared.name}_{key}": inner for key, inner in value.csv_values().items()})
            else:
                flat[declared.name] = value
        return flat

    @classmethod
    def header_aliases(cls) -> dict[str, tuple[str, ...]]:
        """CSV column key -> the header spellings it is found by (case, spaces and punctuation removed)."""
        return {key: declared.header_keys() for _, key, declared in cls.csv_columns()}


class Typed:
    """What a person types about a record: its form fields (dates as dates), checked by `cleaned()`.

    A subclass names its record and the error it raises; the fields, their order (for positional
    arguments), defaults, limits and labels all come from the record's declaration.
    """

    RECORD: ClassVar[type[Record]]
    ERROR: ClassVar[type[InputError]] = InputError
    __slots__ = ("_typed",)

    def __init__(self, *args: Any, **typed: Any) -> None:
        declared = list(form_fields(self.RECORD))
        if len(args) > len(declared):
            raise TypeError(f"{type(self).__name__} takes {len(declared)} fields, {len(args)} were given")
        given = {field.name: value for field, value in zip(declared, args, strict=False)}
        twice = given.keys() & typed.keys()
        unknown = typed.keys() - {field.name for field in declared}
        if twice or unknown:
            raise TypeError(f"{type(self).__name__}: {'twice' if twice else 'no field'} {min(twice or unknown)!r}")
        given.update(typed)
        for field in declared:
            if field.name not in given:
                if field.required:
                    raise TypeError(f"{type(self).__name__} needs {field.name!r}")
                given[field.name] = None if field.kind == "day" else field.make_default()
        object.__setattr__(self, "_typed", {field.name: given[field.name] for field in declared})

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_typed")[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: use replace({name}=...)")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.values() == other.values()

    __hash__ = None  # type: ignore[assignment]  # fields may be lists, as with a dataclass(eq=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values().items())})"

    def values(self) -> dict[str, Any]:
        return dict(object.__getattribute__(self, "_typed"))

    def replace(self, **changes: Any) -> Self:
        return type(self)(**{**self.values(), **changes})

    def cleaned(self) -> Self:
        """Controls stripped, required fields checked, lengths bounded: safe to store."""
        declared = list(form_fields(self.RECORD))
        values = self.values()
        for field in declared:
            if field.kind in ("line", "block"):
                values[field.name] = (clean_line if field.kind == "line" else clean_block)(values[field.name])
        missing = [field.label for field in declared if field.required and not values[field.name]]
        if missing:
            raise self.ERROR(f"please fill in the {' and the '.join(missing)}")
        for field in declared:
            length = len(values[field.name]) if field.limit else 0
            if length > field.limit:
                raise self.ERROR(f"the {field.label} is {length} characters; please keep it to {field.limit}")
        return type(self)(**values)

    def changes(self) -> dict[str, Any]:
        """The record's fields as typed, dates as YYYY-MM-DD (empty: none)."""
        values = self.values()
        for field in form_fields(self.RECORD):
            if field.kind == "day":
                day = values[field.name]
                values[field.name] = day.isoformat() if day else ""
        return values

    @classmethod
    def as_typed(cls, record: Record) -> dict[str, str]:
        """A stored record's form fields as the form's boxes hold them (text; a date as YYYY-MM-DD)."""
        return {field.name: str(getattr(record, field.name, "") or "") for field in form_fields(cls.RECORD)}


def _compile_init(cls: type[Record]) -> Callable[..., None]:
    """An __init__ with one parameter per field, as a dataclass writes it (a factory default: None makes one)."""
    scope: dict[str, Any] = {"_set": object.__setattr__}
    assign = "_set(self, {0!r}, {1})" if cls._FROZEN else "self.{2} = {1}"
    params, lines = [], []
    for declared in cls.FIELDS:
        name = declared.name
        if declared.factory is not None:
            scope[f"_f_{name}"] = declared.factory
            params.append(f"{name}=None")
            lines.append(assign.format(name, f"_f_{name}() if {name} is None else {name}", name))
        else:
            if declared.default is not _MISSING:
                scope[f"_d_{name}"] = declared.default
                params.append(f"{name}=_d_{name}")
            else:
                params.append(name)
            lines.append(assign.format(name, name, name))
    source = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(lines or ["pass"])
    exec(source, scope)  # our own field names only, checked as identifiers by the class statement
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _compile_from_record(cls: type[Record]) -> Callable[..., Any]:
    """`from_record` for `cls`, each field's tolerant reading written out in line.

    A field with `read` is read by it; a nested record from its dict (anything else reads as empty);
    "strings" and "days" as a list of strings; "int" as a whole number or None (true/false are not
    numbers); any other field as text: None gives its default, another value its str().
    """
    scope: dict[str, Any] = {"_string_list": string_list, "_dict": dict, "_int": int, "_str": str}
    arguments = []
    for n, declared in enumerate(cls.FIELDS):
        value = f"get({declared.key!r})"
        if declared.read is not None:
            scope[f"_read_{n}"] = declared.read
            reading = f"_read_{n}({value})"
        elif declared.nested is not None:
            scope[f"_nested_{n}"] = declared.nested
            reading = f"_nested_{n}.from_record(_v if (_v := {value}).__class__ is _dict else {{}})"
        elif declared.kind in ("strings", "days"):
            reading = f"_string_list({value})"
        elif declared.kind == "int":
            reading = f"_v if (_v := {value}).__class__ is _int else None"
        else:
            if declared.factory is not None:
                scope[f"_f_{n}"] = declared.factory
                empty = f"_f_{n}()"
            elif declared.default is _MISSING:
                empty = '""'
            else:
                scope[f"_d_{n}"] = declared.default
                empty = f"_d_{n}"
            reading = f"_v if (_v := {value}).__class__ is _str else ({empty} if _v is None else _str(_v))"
        arguments.append(f"{declared.name}=({reading})")
    source = "def from_record(cls, record):\n    get = record.get\n    return cls(" + ", ".join(arguments) + ")"
    exec(source, scope)  # our own field names and keys only (keys written as literals with repr)
    reader: Callable[..., Any] = scope["from_record"]
    reader.__qualname__ = f"{cls.__qualname__}.from_record"
    return reader


def _refuse_set(self: Record, name: str, value: object) -> None:
    raise AttributeError(f"{type(self).__name__} is frozen: use replace({name}=...)")


def _refuse_delete(self: Record, name: str) -> None:
    raise AttributeError(f"{type(self).__name__} is frozen")


def _hash(self: Record) -> int:
    return hash(tuple(self.values().values()))


def header_key(name: str) -> str:
    """A header as it is compared: lower case, letters and digits only (`Date Applied` -> `dateapplied`)."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def string_list(value: object) -> list[str]:
    """A stored list of strings; anything else (a number, null, a dict) reads as empty."""
    return [str(item) for item in value] if isinstance(value, list) else []


def string_dicts(value: object, *keys: str) -> list[dict[str, str]]:
    """A stored list of small records with these text keys (a log); what is not one is left out."""
    entries = value if isinstance(value, list) else []
    return [{key: str(entry.get(key, "")) for key in keys} for entry in entries if isinstance(entry, dict)]


def form_fields(record: type[Record]) -> Iterator[Field]:
    """The fields a person types in the record's form (those declared with a form label)."""
    return (declared for declared in record.FIELDS if declared.form)
