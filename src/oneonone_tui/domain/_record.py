"""`@record(...)`: `@dataclass(...)` with the same `__repr__`, `__eq__` and `__hash__`, made without compiling.

Python 3.11's dataclass compiles each generated method from source, one `exec` per method per class:
about 0.1 ms each, six for a frozen class, and every command imports some twenty of these classes
before it does anything (issue 13: the commands' start-up). Only `__init__` (and, for a frozen class,
`__setattr__`/`__delattr__`) needs its own code; the comparison, the hash and the repr are the same
few lines for every class, so here they are closures over the class's fields, with the exact behaviour
dataclass gives them (tests/unit/test_record.py compares each class with a real dataclass):

- `__repr__`: `Name(a=1, b='x')` with the class's `__qualname__`, `...` for a recursive reference;
- `__eq__`: the fields as a tuple against the other's, for an object of the very same class, else
  `NotImplemented`;
- `__hash__`: the hash of that tuple for a frozen class; a mutable class is unhashable.

Every field takes part (none of these classes turns `compare`, `hash` or `repr` off on a field).
The class stays a dataclass: `fields`, `replace` and `asdict` work on it as before.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def record(*, frozen: bool = False, slots: bool = False, kw_only: bool = False) -> Callable[[T], T]:
    """`@dataclass(frozen=..., slots=..., kw_only=...)`, its repr, comparison and hash not compiled."""

    def wrap(cls: T) -> T:
        own = {"__repr__", "__eq__", "__hash__"} & set(vars(cls))
        if own:
            raise TypeError(f"{cls.__name__} defines {', '.join(sorted(own))}: use @dataclass for it")
        cls = dataclass(frozen=frozen, slots=slots, kw_only=kw_only, repr=False, eq=False)(cls)
        for name, function in _methods(cls, frozen).items():
            function.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, function)
        if not frozen:
            cls.__hash__ = None  # as dataclass: eq without frozen is unhashable
        return cls

    return wrap


def _methods(cls: type, frozen: bool) -> dict[str, Any]:
    names = [f.name for f in fields(cls)]
    for f in fields(cls):
        if not (f.repr and f.compare and f.hash is None):
            raise TypeError(f"{cls.__name__}.{f.name}: @record takes every field into repr, eq and hash")
    values = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),)) if names else (
        lambda self: ())
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = id(self), _thread.get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            return self.__class__.__qualname__ + "(" + ", ".join(
                f"{name}={getattr(self, name)!r}" for name in names) + ")"
        finally:
            running.discard(key)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    methods: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__}
    if frozen:
        def __hash__(self: Any) -> int:
            return hash(values(self))

        methods["__hash__"] = __hash__
    return methods
