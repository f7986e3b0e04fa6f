"""Undo and redo of every edit of the model, and whether it differs from what was saved (no Qt).

The model is a frozen :class:`~app.scenario.Scenario`, so a snapshot is the scenario itself:
after each edit the session's owner calls :meth:`History.record` with the scenario as it is now
(the one place edits reach the model: the session's "scenario edited" event). Undo hands back
the previous snapshot, redo the next one; the owner restores it into the session (and records
nothing while it does: :meth:`History.restoring`).

A *continuous* edit (a slider or a start point being dragged) is merged with the one before it
when both change the same thing (:func:`edit_key`): one drag is one undo step.

>>> from app.scenario import Scenario
>>> h = History(Scenario())
>>> h.record(Scenario(steps=50)); h.record(Scenario(steps=60))
>>> h.modified, h.undo().steps, h.undo().steps, h.can_undo
(True, 50, 200, False)
>>> h.redo().steps, h.modified
(50, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields

from app.scenario import Scenario

__all__ = ["History", "SessionHistory", "edit_key", "UNDO_LIMIT"]

#: at most this many undo steps are kept (the oldest go first)
UNDO_LIMIT = 500


def _changed(a, b) -> tuple[str, ...]:
    return tuple(f.name for f in fields(a) if getattr(a, f.name) != getattr(b, f.name))


def edit_key(before: Scenario, after: Scenario) -> tuple:
    """What an edit changed, e.g. ``("racer", 0, ("params",), ("lr",))`` for racer 0's lr,
    ``("start", 2)`` for start point 2 moved, ``("scenario", ("steps",))`` for the steps."""
    changed = _changed(before, after)
    if changed == ("starts",) and len(before.starts) == len(after.starts):
        moved = [i for i, (a, b) in enumerate(zip(before.starts, after.starts, strict=True))
                 if a != b]
        if len(moved) == 1:
            return ("start", moved[0])
    if changed == ("racers",) and len(before.racers) == len(after.racers):
        edited = [i for i, (a, b) in enumerate(zip(before.racers, after.racers, strict=True))
                  if a != b]
        if len(edited) == 1:
            i = edited[0]
            a, b = before.racers[i], after.racers[i]
            params = tuple(sorted(k for k in {*a.params, *b.params}
                                  if a.params.get(k) != b.params.get(k)))
            return ("racer", i, _changed(a, b), params)
    if changed == ("surface_params",):
        a, b = before.surface_params, after.surface_params
        return ("surface", tuple(sorted(k for k in {*a, *b} if a.get(k) != b.get(k))))
    return ("scenario", changed)


class History:
    """Snapshots of the model with a current position, and the one that was saved."""

    def __init__(self, scenario: Scenario, limit: int = UNDO_LIMIT):
        self.limit = int(limit)
        self.reset(scenario)

    # -- state ------------------------------------------------------------------------------
    @property
    def current(self) -> Scenario:
        return self._states[self._index]

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._states) - 1

    @property
    def modified(self) -> bool:
        """The model differs from the last one saved (or opened)."""
        return self._saved is None or self._states[self._saved] != self.current

    def undo_text(self) -> str:
        return self._labels[self._index] if self.can_undo else ""

    def redo_text(self) -> str:
        return self._labels[self._index + 1] if self.can_redo else ""

    # -- changing ---------------------------------------------------------------------------
    def reset(self, scenario: Scenario) -> None:
        """A scenario was opened: no history, and it counts as saved."""
        self._states = [scenario]
        self._labels = [""]
        self._keys: list = [None]
        self._index = 0
        self._saved: int | None = 0
        self._restoring = False
        self._merge_open = False

    def mark_saved(self, scenario: Scenario | None = None) -> None:
        """What is current now was saved (``scenario``: as saved, e.g. with its new name)."""
        if scenario is not None:
            self._states[self._index] = scenario
        self._saved = self._index
        self._merge_open = False

    def record(self, scenario: Scenario, continuous: bool = False) -> None:
        """The model after an edit. Ignored while restoring and when nothing changed; a
        ``continuous`` edit of the same thing as the previous continuous one replaces it."""
        if self._restoring or scenario == self.current:
            return
        key = edit_key(self.current, scenario)
        if continuous and self._merge_open and self._keys[self._index] == key \
                and self._saved != self._index:
            self._states[self._index] = scenario
            return
        del self._states[self._index + 1:]
        del self._labels[self._index + 1:]
        del self._keys[self._index + 1:]
        if self._saved is not None and self._saved > self._index:
            self._saved = None  # the saved state was undone and is now overwritten
        self._states.append(scenario)
        self._labels.append(describe(key))
        self._keys.append(key)
        self._index += 1
        self._merge_open = continuous
        if len(self._states) > self.limit + 1:
            drop = len(self._states) - self.limit - 1
            del self._states[:drop], self._labels[:drop], self._keys[:drop]
            self._index -= drop
            if self._saved is not None:
                self._saved = self._saved - drop if self._saved >= drop else None

    def undo(self) -> Scenario | None:
        """The snapshot before the current one (None: nothing to undo)."""
        if not self.can_undo:
            return None
        self._index -= 1
        self._merge_open = False
        return self.current

    def redo(self) -> Scenario | None:
        if not self.can_redo:
            return None
        self._index += 1
        self._merge_open = False
        return self.current

    @contextmanager
    def restoring(self) -> Iterator[None]:
        """Records nothing inside (the owner puts an undone snapshot back into the model)."""
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = False


class SessionHistory(History):
    """The history of a :class:`app.session.SessionModel`, fed by its own events: every
    ``scenarioEdited`` is recorded (merged when the model says the edit is part of a drag),
    ``scenarioReplaced`` (a file or lesson opened) starts afresh. :meth:`undo_edit` and
    :meth:`redo_edit` put a snapshot back with ``model.restore``. ``changed`` fires after
    every change of the history (menus, the modified marker)."""

    def __init__(self, model, limit: int = UNDO_LIMIT):
        from app.session import Event

        self.model = model
        self.changed = Event("changed")
        super().__init__(model.scenario, limit)
        model.scenarioReplaced.connect(self._replaced)
        model.scenarioEdited.connect(self._edited)

    def _replaced(self) -> None:
        self.reset(self.model.scenario)
        self.changed.emit()

    def _edited(self) -> None:
        self.record(self.model.scenario, self.model.edit_continuous)
        self.model.edit_continuous = False
        self.changed.emit()

    def undo_edit(self) -> bool:
        """Undo the last edit in the model; False if there is none."""
        return self._put_back(self.undo())

    def redo_edit(self) -> bool:
        return self._put_back(self.redo())

    def _put_back(self, scenario: Scenario | None) -> bool:
        if scenario is None:
            return False
        with self.restoring():
            self.model.restore(scenario)
        self.changed.emit()
        return True

    def saved(self) -> None:
        """The model's scenario was just saved (its name may have changed with it)."""
        self.mark_saved(self.model.scenario)
        self.changed.emit()


def describe(key: tuple) -> str:
    """A few words for the Edit menu: "Undo lr", "Undo move start point"."""
    kind = key[0]
    if kind == "start":
        return "move start point"
    if kind == "racer":
        what = key[3] or key[2]
        return f"racer {key[1] + 1}: {', '.join(what)}"
    if kind == "surface":
        return f"surface: {', '.join(key[1])}"
    names = {"starts": "start points", "racers": "racers", "surface": "surface",
             "steps": "steps", "noise_sigma": "gradient noise", "noise_seed": "noise seed",
             "window": "view"}
    return ", ".join(names.get(n, n.replace("_", " ")) for n in key[1]) or "edit"
