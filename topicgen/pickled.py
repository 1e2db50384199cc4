"""How the model's frozen dataclasses are pickled between processes: as their class and their fields' values."""

from __future__ import annotations

import operator
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """`cls` (a dataclass) pickled as its class and its fields' values, and unpickled by calling the class.

    The dataclasses module pickles a slotted class through __getstate__/__setstate__ that look its fields up
    again for every object: moving the infos of a 6,060-guide site between processes (about 65,000 objects,
    9 MB) spent half its time there, and a one-guide change of that site does little else but that.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get = operator.attrgetter(*names)
    one = len(names) == 1  # attrgetter of one name gives the value, not a tuple of one

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, (get(self),) if one else get(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
