"""StatusReadout: the step, and for the selected racer its loss, |g| and lr at the playhead, and
the numbers its optimizer reports per step (its declared readouts, e.g. L-BFGS's function
evaluations, Prodigy's d, where GD departs from the gradient flow)."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app import viewmodel as vm
from app.ui import theme
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["StatusReadout", "ElidedLabel"]

#: the racer list's width (its labels are elided to it, in full in the tooltip)
RACER_LIST_WIDTH = 190


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" where it does not fit (the whole text in its
    tooltip), so a long status line never widens the window or is cut mid-character."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(40, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """The text as drawn at the current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             max(self.contentsRect().width(), 0))

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())


class StatusReadout(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(10)
        self.step_label = QLabel()
        layout.addWidget(self.step_label)
        self.racer = QComboBox()
        self.racer.setToolTip(translate(
            "StatusReadout", "the racer whose numbers are shown"))
        self.racer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.racer.setMinimumContentsLength(8)
        self.racer.setFixedWidth(RACER_LIST_WIDTH)
        self.racer.activated.connect(session.select)
        layout.addWidget(self.racer)
        self.values = ElidedLabel()  # its tooltip: the whole line
        layout.addWidget(self.values, 1)
        self._spec_of = None  # (racer, its optimizer's spec) of the run shown
        self._labels: list = []  # the racers' labels in the list
        self.diverged = QLabel()
        layout.addWidget(self.diverged)
        session.runsChanged.connect(self._rebuild)
        session.selectedChanged.connect(self._rebuild)
        session.playheadChanged.connect(self.show_step)
        self._rebuild()

    def _rebuild(self, *_) -> None:
        """The racer list follows the racers' labels: only the entries whose label changed are
        set again (an lr drag renames one racer per position), the list is rebuilt only when
        the number of racers changed."""
        labels = [self.session.label(i) for i in range(len(self.session.scenario.racers))]
        self.racer.blockSignals(True)
        if labels != self._labels:
            if len(labels) != self.racer.count():
                self.racer.clear()
                self.racer.addItems([""] * len(labels))
                self._labels = [None] * len(labels)
            metrics = self.racer.fontMetrics()
            for i, (full, old) in enumerate(zip(labels, self._labels, strict=True)):
                if full != old:  # elided to the list's width (cut mid-letter reads wrongly)
                    self.racer.setItemText(i, metrics.elidedText(
                        full, Qt.TextElideMode.ElideRight, RACER_LIST_WIDTH - 40))
                    self.racer.setItemData(i, full, Qt.ItemDataRole.ToolTipRole)
            self._labels = labels
        if self.racer.currentIndex() != self.session.selected:
            self.racer.setCurrentIndex(self.session.selected)
        self.racer.blockSignals(False)
        # as wide as its widest text: the playhead moving does not re-lay the status bar out
        widest = self._step_text(self.session.steps, self.session.steps)
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance(widest))
        self.show_step(self.session.step)

    @staticmethod
    def _step_text(step: int, steps: int) -> str:
        return translate("StatusReadout", "Step {step} / {steps}").format(step=step, steps=steps)

    def _spec(self, run):
        """The selected run's optimizer spec (built once per run, not every frame)."""
        if self._spec_of is None or self._spec_of[0] is not run.racer:
            try:
                spec = run.racer.build()[0].spec
            except ValueError:
                spec = None
            self._spec_of = (run.racer, spec)
        return self._spec_of[1]

    def show_step(self, step: int) -> None:
        s = self.session
        self.step_label.setText(self._step_text(step, s.steps))
        run = s.selected_run()
        if run is None:
            self.values.setText(translate(
                "StatusReadout", "no start point: click the plot") if not s.scenario.starts
                                else translate(
                                    "StatusReadout", "racer switched off"))
            self.diverged.setText("")
            return
        t = run.trajectories
        k = min(step, t.steps)
        lrs = t.lr_of(0)
        lr = lrs[min(k, lrs.size - 1)] if lrs.size else np.nan
        n = translate(
            "StatusReadout", " (start 1 of {n})").format(n=t.n) if t.n > 1 else ""
        loss, gnorm = float(t.loss[k, 0]), float(t.grad_norm[k, 0])
        if np.isfinite(loss) and np.isfinite(gnorm):
            values = translate(
                "StatusReadout", "loss {loss}   |g| {gnorm}").format(
                loss=vm.format_number(loss), gnorm=vm.format_number(gnorm))
        else:  # e.g. a start point where f is undefined (log(x), x < 0): no "nan" text
            values = translate(
                "StatusReadout", "loss —   |g| —   (f is undefined or infinite here: move the "
                                 "start point)")
        extra = _readouts(run, self._spec(run), k)
        self.values.setText(f"{values}   lr {vm.format_number(lr)}{extra}{n}")
        d = s.diverged_at(s.selected)
        if d >= 0 and step >= d:
            diagnosis = s.diagnosis(s.selected)
            why = f" · {html.escape(diagnosis.text())}" if diagnosis is not None else ""
            self.diverged.setText(translate(
                "StatusReadout", "<b style='color:{color}'>diverged at step {d}</b>{why}").format(
                color=theme.COLORS["error"], d=d, why=why))
            self.diverged.setToolTip(diagnosis.text() if diagnosis is not None else "")
        else:
            self.diverged.setText("")
            self.diverged.setToolTip("")


def _readouts(run, spec, k: int) -> str:
    """``"   function evaluations 7"``, ``"   d (distance estimate) 0.83"``, ``"   GD departs
    from the flow at step 7"``: the optimizer's (``spec``'s) own numbers after update ``k`` of
    the first start point (points are drawn, not written)."""
    if spec is None:
        return ""
    return "".join(f"   {text}" for text in vm.readout_texts(run.trajectories, spec.readouts, k))
