"""`@record(...)`: `@dataclass(...)` with the same methods and behaviour, made without compiling.

Python 3.11's dataclass compiles each generated method from source, one `exec` per method per class:
0.1-0.2 ms each, five for a frozen class (`__init__`, `__setattr__`, `__delattr__`, `__repr__`,
`__eq__`), and every command imports some twenty of these classes before it does anything (issue 13:
the commands' start-up). Here:

- `__repr__`, `__eq__`, `__hash__` and a frozen class's `__setattr__`/`__delattr__` (and, with
  slots, `__getstate__`/`__setstate__`) are the same few lines for every class: closures over the
  class's fields, with the exact behaviour dataclass gives them.
  `__repr__` is `Name(a=1, b='x')` with the class's `__qualname__`, `...` for a recursive reference;
  `__eq__` compares the fields as a tuple with the other's, for an object of the very same class,
  else `NotImplemented`; `__hash__` is the hash of that tuple for a frozen class (a mutable class is
  unhashable); assigning or deleting a field of a frozen instance raises `FrozenInstanceError`.
- `__init__` needs code of its own (its parameters are the fields). Its source is made here, the
  way dataclass makes it, and looked up in `_record_inits.py`: the same sources, written out as a
  module (`python -m oneonone_tui.domain._record > src/oneonone_tui/domain/_record_inits.py`), so
  they are compiled with the package, once, not at every start. A class whose source is not there
  (a new or changed class before that module is written again) gets its `__init__` compiled here,
  as before: the same function, only slower to make. tests/unit/test_record.py checks that module is
  current, and compares every class with a real dataclass (construction, defaults and factories,
  frozenness, copy and pickle, `replace`, `fields`, `__match_args__`).

Every field takes part in repr, eq and hash and is a parameter of `__init__` (none of these
classes turns `compare`, `hash`, `repr` or `init` off on a field). The class stays a dataclass:
`fields`, `replace`, `asdict` and `is_dataclass` work on it, and `__dataclass_params__` says
`init=True` and `frozen=` as given.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, Field, dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar

try:
    from oneonone_tui.domain._record_inits import MAKERS
except ImportError:  # being written again (`python -m oneonone_tui.domain._record`)
    MAKERS = {}

T = TypeVar("T", bound=type)

# The source of every `__init__` made in this process, for writing `_record_inits.py`.
SOURCES: dict[str, None] = {}


class _Factory:
    """The default of a parameter whose field has a default factory (dataclass shows it the same way)."""

    def __repr__(self) -> str:
        return "<factory>"


FACTORY = _Factory()


def record(*, frozen: bool = False, slots: bool = False, kw_only: bool = False) -> Callable[[T], T]:
    """`@dataclass(frozen=..., slots=..., kw_only=...)`, nothing of it compiled at import."""

    def wrap(cls: T) -> T:
        own = {"__repr__", "__eq__", "__hash__", "__init__", "__setattr__", "__delattr__"} & set(vars(cls))
        if own:
            raise TypeError(f"{cls.__name__} defines {', '.join(sorted(own))}: use @dataclass for it")
        undocumented = not cls.__doc__
        if undocumented:  # dataclass would write "Name(*args, **kwargs)": this class has no __init__ yet
            cls.__doc__ = "-"
        made = dataclass(init=False, frozen=False, slots=slots, kw_only=kw_only, repr=False, eq=False)(cls)
        params = made.__dataclass_params__
        kind = type(params)
        if not {"init", "frozen"} <= set(getattr(kind, "__slots__", ())):
            # A Python whose dataclass keeps its options otherwise: let it make the class.
            made = dataclass(frozen=frozen, slots=slots, kw_only=kw_only, repr=False, eq=False)(cls)
        else:
            copy = object.__new__(kind)
            for name in kind.__slots__:
                object.__setattr__(copy, name, getattr(params, name))
            copy.init, copy.frozen = True, frozen
            made.__dataclass_params__ = copy
            _add(made, "__init__", _init(made, frozen))
            if frozen:
                for name, function in _frozen(made, slots).items():
                    _add(made, name, function)
        for name, function in _methods(made, frozen).items():
            _add(made, name, function)
        if not frozen:
            made.__hash__ = None  # as dataclass: eq without frozen is unhashable
        if undocumented:  # as dataclass documents a class without a docstring: its signature
            import inspect

            made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
        return made

    return wrap


def _add(cls: type, name: str, function: Any) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def init_source(names: list[str], defaults: list[str], keyword_only: bool, frozen: bool) -> str:
    """The source of a function making `__init__` from the defaults (`D`), the factories (`M`), the
    factory marker (`F`) and `object.__setattr__` (`S`): `defaults` says, per field, "" (none),
    "value" or "factory"."""
    params, body = [], []
    for index, (name, default) in enumerate(zip(names, defaults)):
        params.append(name if not default else f"{name}=D[{index}]" if default == "value" else f"{name}=F")
        value = f"M[{index}]() if {name} is F else {name}" if default == "factory" else name
        body.append(f"S(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    star = ["*"] if keyword_only and params else []
    signature = ", ".join(["self", *star, *params])
    lines = "\n".join(f"        {line}" for line in body or ["pass"])
    return f"def __make__(D, M, F, S):\n    def __init__({signature}):\n{lines}\n    return __init__\n"


def _init(cls: type, frozen: bool) -> Callable[..., None]:
    found = fields(cls)
    names = [f.name for f in found]
    defaults = ["factory" if f.default_factory is not MISSING else "value" if f.default is not MISSING else ""
                for f in found]
    if {"self", "D", "M", "F", "S"} & set(names):
        raise TypeError(f"{cls.__name__}: a field named self, D, M, F or S would hide what __init__ uses")
    if len({f.kw_only for f in found}) > 1 or not all(f.init for f in found):
        raise TypeError(f"{cls.__name__}: @record takes every field into __init__, all keyword-only or none")
    keyword_only = bool(found) and found[0].kw_only is True
    if not keyword_only:
        for before, (f, default) in zip(defaults, list(zip(found, defaults))[1:]):
            if before and not default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
    source = init_source(names, defaults, keyword_only, frozen)
    SOURCES[source] = None
    maker = MAKERS.get(source)
    if maker is None:
        space: dict[str, Any] = {}
        exec(source, {}, space)  # noqa: S102 - the source is made above from the field names
        maker = space["__make__"]
    init = maker(tuple(f.default for f in found), tuple(f.default_factory for f in found), FACTORY,
                 object.__setattr__)
    init.__annotations__ = {**{f.name: f.type for f in found}, "return": None}  # as dataclass's
    return init


def _frozen(cls: type, slots: bool) -> dict[str, Any]:
    """What `@dataclass(frozen=True)` adds: no field assigned or deleted once made (the class's own
    `__init__` sets them through `object.__setattr__`), and, with slots, the state for copy and pickle."""
    names = frozenset(f.name for f in fields(cls))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    methods: dict[str, Any] = {"__setattr__": __setattr__, "__delattr__": __delattr__}
    if slots:
        def __getstate__(self: Any) -> list[Any]:
            return [getattr(self, f.name) for f in fields(self)]

        def __setstate__(self: Any, state: list[Any]) -> None:
            for f, value in zip(fields(self), state):
                object.__setattr__(self, f.name, value)

        methods.update(__getstate__=__getstate__, __setstate__=__setstate__)
    return methods


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


def module_source() -> str:
    """`_record_inits.py`: every `__init__` source made by the package's record classes, as code."""
    import importlib
    import pkgutil

    import oneonone_tui

    for info in pkgutil.walk_packages(oneonone_tui.__path__, "oneonone_tui."):
        if info.name != "oneonone_tui.__main__":
            importlib.import_module(info.name)
    made = importlib.import_module("oneonone_tui.domain._record").SOURCES  # not __main__'s, when run as one
    out = ['"""Written by `python -m oneonone_tui.domain._record`: the `__init__` of every @record class of the',
           "package, compiled with it (`_record.py` says why). Do not edit; write it again when a record",
           'class changes (tests/unit/test_record.py says when)."""', "", "# fmt: off", ""]
    keys = []
    for index, source in enumerate(sorted(made)):
        out.append(source.replace("def __make__(", f"def _{index}(", 1))
        out.append("")
        keys.append(f"    {source!r}: _{index},")
    out += ["MAKERS = {", *keys, "}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(module_source())
