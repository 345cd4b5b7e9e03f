"""`domain._record.record` gives a class exactly what `@dataclass` would: repr, ==, hash, frozenness.

Each class made with it is compared with a real dataclass of the same fields and options, on the same
field values: the repr text, equality (same values, one value changed, another class), the hash, an
assignment to a frozen field; and how it is made (`__init__`), copied and pickled.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import oneonone_tui
from oneonone_tui.domain._record import record


def _record_classes() -> list[type]:
    """Every class of the package made with @record (found by walking the package, nothing listed by hand)."""
    found = []
    for info in pkgutil.walk_packages(oneonone_tui.__path__, "oneonone_tui."):
        if info.name == "oneonone_tui.__main__" or info.name.startswith("oneonone_tui.ui"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module.__name__ and dataclasses.is_dataclass(value)
                    and not value.__dataclass_params__.repr and not value.__dataclass_params__.eq):
                found.append(value)
    return found


RECORDS = _record_classes()


def _reference(cls: type) -> type:
    """A real dataclass with `cls`'s name, fields and options."""
    params = cls.__dataclass_params__
    specs = []
    for f in dataclasses.fields(cls):
        default = (dataclasses.field(default_factory=f.default_factory) if f.default_factory is not dataclasses.MISSING
                   else dataclasses.field(default=f.default) if f.default is not dataclasses.MISSING
                   else dataclasses.field())
        default.kw_only = f.kw_only
        specs.append((f.name, f.type, default))
    ref = dataclasses.make_dataclass(cls.__name__, specs, frozen=params.frozen, slots=hasattr(cls, "__slots__"))
    ref.__qualname__ = cls.__qualname__
    return ref


def _make(cls: type, values: dict) -> object:
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def _values(cls: type, salt: str) -> dict:
    return {f.name: (f"{salt}-{index}", index, ("t", index)) for index, f in enumerate(dataclasses.fields(cls))}


def test_the_package_has_record_classes() -> None:
    names = {cls.__name__ for cls in RECORDS}
    assert {"Team", "Metric", "Rep", "Session", "Commitment", "MetricEntry", "Review"} <= names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_a_record_class_behaves_as_its_dataclass(cls: type) -> None:
    ref = _reference(cls)
    a, b = _values(cls, "a"), _values(cls, "a")
    assert repr(_make(cls, a)) == repr(_make(ref, a))
    assert (_make(cls, a) == _make(cls, b)) is (_make(ref, a) == _make(ref, b)) is True
    for name in a:
        changed = dict(b, **{name: "other"})
        assert (_make(cls, a) == _make(cls, changed)) is (_make(ref, a) == _make(ref, changed)) is False
    assert _make(cls, a).__eq__(_make(ref, a)) is NotImplemented
    assert _make(cls, a).__eq__(object()) is NotImplemented
    assert (cls.__hash__ is None) is (ref.__hash__ is None)
    if cls.__hash__ is not None:
        assert hash(_make(cls, a)) == hash(_make(ref, a))
    if cls.__dataclass_params__.frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(_make(cls, a), next(iter(a)), 1)
    assert cls.__match_args__ == ref.__match_args__


def test_a_recursive_record_repr_shows_dots_as_a_dataclass_does() -> None:
    @record()
    class Node:
        value: int
        child: object = None

    @dataclasses.dataclass
    class Ref:
        value: int
        child: object = None

    node, ref = Node(1), Ref(1)
    node.child, ref.child = node, ref
    assert repr(node).replace("Node", "X") == repr(ref).replace("Ref", "X")
    assert "..." in repr(node)


def test_a_field_left_out_of_eq_or_repr_is_refused() -> None:
    with pytest.raises(TypeError):
        @record()
        class Odd:
            a: int
            b: int = dataclasses.field(default=0, compare=False)


def _arguments(cls: type, salt: str) -> dict:
    """A value for every field without a default (and for every other one when `salt` says so)."""
    return {f.name: (salt, index) for index, f in enumerate(dataclasses.fields(cls))
            if salt == "all" or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_a_record_class_is_made_and_copied_as_its_dataclass(cls: type) -> None:
    """`__init__` (not compiled at import: `_record_inits.py`) takes the same parameters in the same
    way, fills in the same defaults and calls each factory for each object; the params say what
    was asked for; copy, deepcopy, pickle and replace give equal objects."""
    import copy
    import inspect
    import pickle

    ref = _reference(cls)

    def shape(kind: type) -> list[tuple]:
        return [(p.name, p.kind, repr(p.default), p.annotation) for p in inspect.signature(kind).parameters.values()]

    assert shape(cls) == shape(ref)
    for salt in ("all", "required"):
        args = _arguments(cls, salt)
        made, expected = cls(**args), ref(**args)
        assert repr(made).replace(cls.__qualname__, "X") == repr(expected).replace(ref.__qualname__, "X")
        for f in dataclasses.fields(cls):
            if f.default_factory is not dataclasses.MISSING and f.name not in args:
                assert getattr(made, f.name) is not getattr(cls(**args), f.name)  # a fresh one each time
    required = [name for name in _arguments(cls, "required")]
    if required:
        with pytest.raises(TypeError):
            cls(**{name: 1 for name in required[1:]})
    if not any(f.kw_only for f in dataclasses.fields(cls)) and required:
        values = [("p", index) for index in range(len(required))]
        assert repr(cls(*values)).replace(cls.__qualname__, "X") == repr(ref(*values)).replace(ref.__qualname__, "X")
    params, expected = cls.__dataclass_params__, ref.__dataclass_params__
    assert (params.init, params.frozen, params.repr, params.eq) == (True, expected.frozen, False, False)
    obj = cls(**_arguments(cls, "all"))
    for twin in (copy.copy(obj), copy.deepcopy(obj), pickle.loads(pickle.dumps(obj)),
                 dataclasses.replace(obj)):
        assert twin == obj and type(twin) is cls
    if params.frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(obj, dataclasses.fields(cls)[0].name)
    else:
        setattr(obj, dataclasses.fields(cls)[0].name, "changed")
        assert getattr(obj, dataclasses.fields(cls)[0].name) == "changed"


def test_every_record_init_is_compiled_with_the_package() -> None:
    """`_record_inits.py` is what `python -m oneonone_tui.domain._record` writes now: a record class
    added or changed without writing it again would have its __init__ compiled at every start."""
    import subprocess
    import sys
    from pathlib import Path

    from oneonone_tui.domain import _record

    written = Path(_record.__file__).with_name("_record_inits.py").read_text(encoding="utf-8")
    now = subprocess.run([sys.executable, "-m", "oneonone_tui.domain._record"], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert written == now, ("a record class changed: run `python -m oneonone_tui.domain._record > "
                            "src/oneonone_tui/domain/_record_inits.py`")
    for cls in RECORDS:
        assert Path(cls.__init__.__code__.co_filename).name == "_record_inits.py", cls


def test_a_record_whose_init_is_not_written_out_is_made_the_same_way() -> None:
    @record(frozen=True, slots=True, kw_only=True)
    class Fresh:
        name_never_used_elsewhere: str
        items: list = dataclasses.field(default_factory=list)
        count: int = 3

    a = Fresh(name_never_used_elsewhere="x")
    assert (a.items, a.count) == ([], 3) and Fresh(name_never_used_elsewhere="x").items is not a.items
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.count = 4
    with pytest.raises(TypeError):
        Fresh("x")  # keyword-only


def test_a_record_refuses_what_dataclass_refuses() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @record()
        class Bad:
            a: int = 0
            b: int


def test_a_record_without_a_docstring_is_documented_by_its_signature_as_a_dataclass_is() -> None:
    @record(frozen=True, slots=True, kw_only=True)
    class Bare:
        a: int
        b: str = "x"

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Ref:
        a: int
        b: str = "x"

    assert Bare.__doc__.replace("Bare", "X") == Ref.__doc__.replace("Ref", "X") == "X(*, a: 'int', b: 'str' = 'x')"
