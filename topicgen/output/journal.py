"""A commit's journal, and what a kill leaves of a commit: rolled back, or finished, before anything reads."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from topicgen.errors import OutputError
from topicgen.output.folder import (
    BACKUP,
    INTERNAL,
    JOURNAL,
    JOURNAL_PART,
    NEW_FILE,
    READ,
    STAGING,
    is_kind,
    link_refused,
    plain,
    remove,
)


def move(out: str, moved_out: list[str], moved_in: list[str]) -> None:
    """The moves, each a rename inside `out`, described by the journal before the first of them."""
    remove(f"{out}/{BACKUP}")  # no journal names it (recover ran at the start): a stray planted since
    os.mkdir(f"{out}/{BACKUP}")
    plan = {"version": 1, "state": "committing", "moved_out": moved_out, "moved_in": moved_in}
    write_journal(out, plan)
    for i, rel in enumerate(moved_out):
        os.rename(f"{out}/{rel}", f"{out}/{BACKUP}/{i}")
    for rel in moved_in:
        os.rename(f"{out}/{STAGING}/{rel}", f"{out}/{rel}")
    write_journal(out, {**plan, "state": "done"})


def recover(out: Path) -> str | None:
    """Finish what an interrupted commit into `out` left; a sentence saying which output is now in place, or
    None when there was nothing to do. A journal in state `committing` is rolled back (`done`, `rolled-back`:
    only the cleanup was left)."""
    path = os.path.abspath(out)
    if os.path.islink(path):
        raise link_refused(out)
    if not is_kind(path, stat.S_ISDIR):
        return None
    plan = _read_journal(path)
    if plan is None:  # no journal, so nothing moved: only the leftovers, if any, of a build killed before
        if not any(os.path.lexists(f"{path}/{name}") for name in INTERNAL):
            return None
        clean(path)
        return f"a previous build was interrupted before it changed {out}; the previous output was kept as it was"
    if plan["state"] == "committing":
        try:
            _roll_back(path, plan)
        except OSError as err:
            raise OutputError(f"a previous build was interrupted while it updated {out}, and its previous "
                              f"output could not be restored ({err}); the next build tries again (if that "
                              f"fails too, remove {JOURNAL} and the whole output folder, then build)") from err
        # Recorded before anything is removed: a kill from here on, in this recovery or the next, cannot
        # take the restored output away again (the old design's defect), only leave cleanup to do.
        write_journal(path, {**plan, "state": "rolled-back"})
    clean(path)
    if plan["state"] == "done":
        return f"a previous build was interrupted while it updated {out}; its new output was completed"
    return f"a previous build was interrupted while it updated {out}; the previous output was restored"


def _roll_back(out: str, plan: dict[str, Any]) -> None:
    """Undo whichever moves of `plan` were done. Safe to run again: a move is undone only while its source
    is missing, and the commit moved everything out before it moved anything in."""
    staging, backup = f"{out}/{STAGING}", f"{out}/{BACKUP}"
    if not (is_kind(staging, stat.S_ISDIR) and is_kind(backup, stat.S_ISDIR)):
        raise OutputError(f"{out}/{JOURNAL} is left by an interrupted build but its {STAGING} or {BACKUP} "
                          f"folder is gone; remove {JOURNAL} (and the whole output folder if its pages look "
                          "wrong) and build again")
    for rel in reversed(plan["moved_in"]):
        if not os.path.lexists(f"{staging}/{rel}"):
            os.rename(f"{out}/{rel}", f"{staging}/{rel}")
    for i in reversed(range(len(plan["moved_out"]))):
        if os.path.lexists(f"{backup}/{i}"):
            os.rename(f"{backup}/{i}", f"{out}/{plan['moved_out'][i]}")


def clean(out: str) -> None:
    """Remove topicgen's working entries; the journal last, as long as anything it describes remains."""
    for name in (BACKUP, STAGING, JOURNAL_PART, JOURNAL):
        remove(f"{out}/{name}")


def write_journal(out: str, plan: dict[str, Any]) -> None:
    """The journal, fsynced and then renamed into place, so that it is always whole: the old state or the
    new. (Its folder is not fsynced: as for the pages, a power cut is not what this promises to survive.)"""
    part = f"{out}/{JOURNAL_PART}"
    remove(part)  # a leftover, or a link planted there: O_EXCL|O_NOFOLLOW then makes a file of our own
    with open(os.open(part, NEW_FILE, 0o644), "wb") as f:
        f.write(json.dumps(plan).encode("utf-8"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, f"{out}/{JOURNAL}")


def _read_journal(out: str) -> dict[str, Any] | None:
    """The journal, checked to name plain paths of the site only; None when there is none (or it is not a
    regular file: topicgen did not write it, so it is a leftover to remove, never to follow)."""
    path = f"{out}/{JOURNAL}"
    if not is_kind(path, stat.S_ISREG):
        return None
    try:
        with open(os.open(path, READ), "rb") as f:
            plan = json.loads(f.read())
        if not isinstance(plan, dict) or plan.get("version") != 1 or \
                plan.get("state") not in ("committing", "done", "rolled-back"):
            raise ValueError("not a topicgen journal")
        for key in ("moved_out", "moved_in"):
            rels = plan.get(key)
            if not (isinstance(rels, list) and all(plain(r) and r.split("/", 1)[0] not in INTERNAL
                                                   for r in rels) and len(set(rels)) == len(rels)):
                raise ValueError(f"unexpected paths in {key}")
    except (OSError, ValueError) as err:
        raise OutputError(f"{path} is left by an interrupted build but cannot be read ({err}); remove it (and "
                          "the whole output folder if its pages look wrong) and build again") from err
    return plan


