"""A racer card's Copy button: a plain copy on click, and a menu for learning-rate sweeps
(lr x 1/2, lr x 2, "sweep: N copies over a range…"). The copies come from :mod:`app.sweeps`;
each sweep is one edit of the session (one undo step)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import sweeps
from app.i18n import QT_TRANSLATE_NOOP
from app.numbers import format_field, format_number
from app.ui.session import Session
from surfaces.params import Param

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["install_copy_menu", "SweepDialog"]

_LR = Param("lr", 0.01, low=0.0, log_scale=True, doc=QT_TRANSLATE_NOOP("params", "learning rate"))


class SweepDialog(QDialog):
    """From, to (learning rates) and how many copies; :attr:`result` holds the copies."""

    def __init__(self, session: Session, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate(
            "CopyMenu", "Learning-rate sweep"))
        self.session, self.index = session, index
        racer = session.scenario.racers[index]
        lr = float(racer.params.get("lr", 0.01))
        self.lr_from = QLineEdit(format_field(lr / 10))
        self.lr_to = QLineEdit(format_field(lr * 10))
        self.count = QSpinBox()
        self.count.setRange(2, sweeps.MAX_SWEEP)
        self.count.setValue(5)
        form = QFormLayout()
        form.addRow(translate(
            "CopyMenu", "lr from"), self.lr_from)
        form.addRow("to", self.lr_to)
        form.addRow("copies", self.count)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(translate(
            "CopyMenu", "Copies of {racer_display_label}, learning rates evenly spaced on a "
                        "log scale:").format(racer_display_label=racer.display_label())))
        lay.addLayout(form)
        lay.addWidget(self.preview)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        for edit in (self.lr_from, self.lr_to):
            edit.textChanged.connect(self._update)
        self.count.valueChanged.connect(self._update)
        self.result: list = []
        self._update()

    def copies(self) -> list:
        """The copies the fields describe (``ValueError`` with the reason)."""
        racers = self.session.scenario.racers
        lo, hi = _LR.parse(self.lr_from.text()), _LR.parse(self.lr_to.text())
        sweeps.room_for(len(racers), self.count.value())
        return sweeps.sweep(racers[self.index], lo, hi, self.count.value(),
                            used=[r.color for r in racers])

    def _update(self) -> None:
        try:
            copies = self.copies()
        except ValueError as err:
            self.error.setText(str(err))
            self.preview.setText("")
            self.ok.setEnabled(False)
            return
        self.error.setText("")
        self.preview.setText("lr " + ", ".join(format_number(c.params["lr"]) for c in copies))
        self.ok.setEnabled(True)

    def accept(self) -> None:
        try:
            self.result = self.copies()
        except ValueError:
            return
        super().accept()


def install_copy_menu(button: QToolButton, session: Session, index: Callable[[], int],
                      on_error: Callable[[str], None]) -> QMenu:
    """Give ``button`` (the card's Copy) its sweep menu; ``index()`` is the card's racer."""
    menu = QMenu(button)
    menu.setToolTipsVisible(True)

    def add(make) -> None:
        try:
            session.add_racers(make())
        except ValueError as err:
            on_error(str(err))

    def used() -> list[str]:
        return [r.color for r in session.scenario.racers]

    def racer():
        return session.scenario.racers[index()]

    plain = menu.addAction("Copy")
    plain.setToolTip(translate(
        "CopyMenu", "the same racer again, in a new colour"))
    plain.triggered.connect(lambda: session.duplicate_racer(index()))
    half = menu.addAction(translate(
        "CopyMenu", "Copy with lr × 1/2"))
    half.triggered.connect(lambda: add(lambda: [sweeps.scaled(racer(), 0.5, used())]))
    double = menu.addAction(translate(
        "CopyMenu", "Copy with lr × 2"))
    double.triggered.connect(lambda: add(lambda: [sweeps.scaled(racer(), 2.0, used())]))
    menu.addSeparator()
    ranged = menu.addAction(translate(
        "CopyMenu", "Sweep: N copies over a range…"))
    ranged.setToolTip(translate(
        "CopyMenu", "copies whose learning rates are spread evenly on a log scale, each in its "
                    "own colour and labelled with its lr"))

    def sweep_dialog() -> None:
        dialog = SweepDialog(session, index(), button.window())
        if dialog.exec() and dialog.result:
            add(lambda: dialog.result)

    ranged.triggered.connect(sweep_dialog)

    def refresh() -> None:  # an optimizer without lr: only the plain copy
        ok = 0 <= index() < len(session.scenario.racers) and sweeps.has_lr(racer())
        for act in (half, double, ranged):
            act.setEnabled(ok)

    menu.aboutToShow.connect(refresh)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    return menu
