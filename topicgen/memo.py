"""What pure steps of a build gave for what they were made from, kept for the next build of the same process."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

R = TypeVar("R")

_VALUES = frozenset({str, int, float, bool, type(None), frozenset})  # exact types: a subclass may compare otherwise


class Memo:
    """Results by what they are made from, for a process that builds again and again (the preview), where a
    save changes one guide and everything made from the others alone would come out the same.

    A key is a tuple: texts, numbers, frozensets and tuples of them count by value; any other object (the
    model's guide infos, pages) by identity, and is kept with the result: while the memo has a result, no other
    object can have the id of one it was made from. Such objects are frozen: the same object is the same value.
    Keys are best flat (they are compared at every build). What a build did not ask for is forgotten when it
    ends (`turn`). `keep=False` keeps nothing: every result is made (a build that runs once).
    """

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._last: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._now: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._hits = 0
        self.taken = 0  # how many results the last build that ended took from the builds before it

    def get(self, key: tuple[Any, ...], make: Callable[[], R]) -> R:
        """What `make()` gives, which must be made only from what `key` holds; from an earlier call if any."""
        if not self.keep:
            return make()
        short = _short(key)
        found = self._now.get(short) or self._last.get(short)
        if found is None:
            found = (key, make())
        else:
            self._hits += 1
        self._now[short] = found
        return found[1]

    def turn(self) -> None:
        """A build ended: what it asked for is kept for the next, all else forgotten."""
        self._last, self._now = self._now, {}
        self.taken, self._hits = self._hits, 0

    def __len__(self) -> int:
        return len(self._now.keys() | self._last.keys())


NO_MEMO = Memo(keep=False)


def _short(key: tuple[Any, ...]) -> Hashable:
    """The key as the memo's dicts hold it: its objects by their ids."""
    return tuple([k if k.__class__ in _VALUES else _short(k) if k.__class__ is tuple else id(k) for k in key])
