"""The 3D tab: the session's surface as a rotatable landscape, with the racers' paths on it.

:func:`make_3d_view` returns a :class:`SurfaceView3D` (``pyqtgraph.opengl``: a
``GLViewWidget`` with a ``GLSurfacePlotItem`` and one ``GLLinePlotItem`` plus a
``GLScatterPlotItem`` per racer, in the racers' colours, revealed up to the playhead) when an
OpenGL context can be made, and otherwise a :class:`GLUnavailableWidget` that says so. Qt's
offscreen platform has no OpenGL (``pyqtgraph.opengl`` crashes there), so under offscreen, without
PyOpenGL, or when no context can be created, the tab shows the message and the rest of the app
works as before.

Heights: the window is mapped to ``[-1, 1] x [-1, 1]`` and the value to ``[0, Z_TOP]``, linearly
or as ``log10(f - f_min)`` (:func:`app.viewmodel.color_scale`'s transform and levels; "auto"
chooses log when the values span many times their median, as on Rosenbrock: see
:func:`wants_log_height`; a menu under the view overrides it). The paths use the engine's losses
for their heights and are drawn over the surface (no depth test), so a path is never cut up by
the mesh. The numbers behind the picture are plain numpy functions here (:func:`height_scale`,
:func:`shaded_colors`, :func:`path_segments`, :func:`heads`), testable without OpenGL.

pyqtgraph compiles its shaders once per process (in the first view's OpenGL context), so more
than one 3D view needs shared contexts: set ``Qt.ApplicationAttribute.AA_ShareOpenGLContexts``
before the QApplication is created. Without it :func:`make_3d_view` makes one 3D view per
process; a later call returns the message widget (instead of a view full of GL errors).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import viewmodel as vm
from app.i18n import QT_TRANSLATE_NOOP
from app.ui import theme
from app.ui.lazy_tabs import in_background

__all__ = [
    "make_3d_view",
    "build_3d_view",
    "gl_unavailable_reason",
    "GLUnavailableWidget",
    "SurfaceView3D",
    "HeightScale",
    "height_scale",
    "wants_log_height",
    "HEIGHT_MODES",
    "shaded_colors",
    "path_segments",
    "heads",
    "GL_MESSAGE",
    "Z_TOP",
]

GL_MESSAGE = QT_TRANSLATE_NOOP("View3D", "3D view needs OpenGL: run on a desktop or under Xvfb")
#: Qt platforms that never have an OpenGL context for widgets
NO_GL_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc")
#: the height of the highest point drawn (x and y span [-1, 1])
Z_TOP = 0.9
#: paths float this far above the surface (a fraction of Z_TOP) so the mesh does not hide them
PATH_LIFT = 0.02
GRID_SIZE = 121
#: heights turn logarithmic above this span / median ratio (the contour colours use 50: a 3D
#: view shows less of a valley's floor than a colour map, so it switches sooner)
LOG_HEIGHT_RATIO = 15.0
#: the choices of the height menu: label -> ``log`` argument of :func:`height_scale`
HEIGHT_MODES = {"auto": None, "linear": False, "log": True}


# ---------------------------------------------------------------------------------------------
# The numbers (no OpenGL)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeightScale:
    """Maps data ``(x, y, f)`` into the 3D box: ``[-1, 1]^2 x [0, Z_TOP]``."""

    window: tuple[tuple[float, float], tuple[float, float]]
    log: bool
    offset: float
    levels: tuple[float, float]
    label: str

    def xy(self, points: np.ndarray) -> np.ndarray:
        (x0, x1), (y0, y1) = self.window
        p = np.asarray(points, dtype=np.float64)
        out = np.empty(p.shape)
        out[..., 0] = (p[..., 0] - x0) / (x1 - x0) * 2 - 1
        out[..., 1] = (p[..., 1] - y0) / (y1 - y0) * 2 - 1
        return out

    def z(self, values: np.ndarray) -> np.ndarray:
        """Heights of values ``f`` (non-finite: the top; clipped to the colour levels)."""
        f = np.asarray(values, dtype=np.float64)
        lo, hi = self.levels
        with np.errstate(all="ignore"):
            if self.log:
                field = np.log10(np.maximum(f - self.offset, 1e-300))
            else:
                field = f
            t = (field - lo) / (hi - lo)
            t = np.where(np.isfinite(t), t, 1.0)
        return np.clip(t, 0.0, 1.0) * Z_TOP

    def inside(self, points: np.ndarray) -> np.ndarray:
        (x0, x1), (y0, y1) = self.window
        p = np.asarray(points, dtype=np.float64)
        with np.errstate(all="ignore"):
            return ((p[..., 0] >= x0) & (p[..., 0] <= x1) & (p[..., 1] >= y0)
                    & (p[..., 1] <= y1))


def wants_log_height(z: np.ndarray) -> bool:
    """Log heights when the values span more than :data:`LOG_HEIGHT_RATIO` times their median
    height above the minimum (Rosenbrock's banana valley then shows; a bowl stays a bowl)."""
    with np.errstate(all="ignore"):
        f = np.asarray(z, dtype=np.float64)
        f = f[np.isfinite(f)]
        if f.size == 0:
            return False
        lo = float(f.min())
        span, median = float(f.max()) - lo, float(np.median(f)) - lo
    return span > 0 and span > LOG_HEIGHT_RATIO * max(median, 1e-300)


def height_scale(surface, window, n: int = GRID_SIZE, log: bool | None = None):
    """``(scale, X, Y, H)``: the :class:`HeightScale` and the mesh, ``H[i, j]`` the height at
    ``(X[i], Y[j])`` (pyqtgraph's ``GLSurfacePlotItem`` layout), X and Y in ``[-1, 1]``.
    ``log``: True / False, or None to choose (:func:`wants_log_height`)."""
    xs, ys, z = surface.grid(n, window)
    if log is None:
        log = wants_log_height(z)
    cs = vm.color_scale(z, log=log)
    (x0, x1), (y0, y1) = window
    scale = HeightScale(((float(x0), float(x1)), (float(y0), float(y1))), cs.log, cs.offset,
                        cs.levels, cs.label)
    heights = scale.z(z).T  # grid is [j, i]: value at (xs[i], ys[j])
    X = np.linspace(-1.0, 1.0, n)
    Y = np.linspace(-1.0, 1.0, n)
    return scale, X, Y, np.ascontiguousarray(heights)


def shaded_colors(heights: np.ndarray, cmap: pg.ColorMap, light=(-0.45, -0.55, 0.7),
                  ambient: float = 0.6) -> np.ndarray:
    """Vertex colours ``(n, m, 4)`` in ``[0, 1]``: the colormap by height, lit by a fixed light
    (Lambert) so the landscape's relief reads from any angle."""
    h = np.asarray(heights, dtype=np.float64)
    n, m = h.shape
    dx, dy = 2.0 / max(n - 1, 1), 2.0 / max(m - 1, 1)
    gx, gy = np.gradient(h, dx, dy)
    normal = np.stack([-gx, -gy, np.ones_like(h)], axis=-1)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    L = np.asarray(light, dtype=np.float64)
    L = L / np.linalg.norm(L)
    lambert = np.clip(normal @ L, 0.0, 1.0)
    shade = ambient + (1 - ambient) * lambert
    t = h / Z_TOP
    colors = np.asarray(cmap.map(t.reshape(-1), mode="float"), dtype=np.float64)
    colors = colors.reshape(n, m, -1)
    if colors.shape[-1] == 3:
        colors = np.concatenate([colors, np.ones((n, m, 1))], axis=-1)
    colors[..., :3] *= shade[..., None]
    colors[..., 3] = 1.0
    return np.clip(colors, 0.0, 1.0).astype(np.float32)


def path_segments(points: np.ndarray, loss: np.ndarray, step: int,
                  scale: HeightScale) -> np.ndarray:
    """Line segments ``(2M, 3)`` (pairs of ends, for ``mode='lines'``) of every path up to
    ``step``: ``points`` ``(steps + 1, N, 2)`` and ``loss`` ``(steps + 1, N)`` from the
    engine. Segments with an end outside the window are left out (the surface ends there)."""
    k = int(min(max(step, 0), points.shape[0] - 1))
    if k == 0:
        return np.empty((0, 3), dtype=np.float32)
    p = points[: k + 1]
    xy = scale.xy(p)
    z = scale.z(loss[: k + 1]) + PATH_LIFT * Z_TOP
    pos = np.concatenate([xy, z[..., None]], axis=-1)  # (k + 1, N, 3)
    ok = scale.inside(p) & np.isfinite(pos).all(axis=-1)
    good = ok[:-1] & ok[1:]  # (k, N)
    a, b = pos[:-1][good], pos[1:][good]
    out = np.empty((2 * a.shape[0], 3), dtype=np.float32)
    out[0::2], out[1::2] = a, b
    return out


def heads(points: np.ndarray, loss: np.ndarray, step: int, scale: HeightScale) -> np.ndarray:
    """The current point of every path at ``step`` that lies in the window: ``(M, 3)``."""
    k = int(min(max(step, 0), points.shape[0] - 1))
    p = points[k]
    pos = np.concatenate([scale.xy(p), (scale.z(loss[k]) + PATH_LIFT * Z_TOP)[:, None]], axis=-1)
    ok = scale.inside(p) & np.isfinite(pos).all(axis=-1)
    return pos[ok].astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Is there OpenGL?
# ---------------------------------------------------------------------------------------------
def gl_unavailable_reason() -> str | None:
    """Why the 3D view cannot work here, or None if it can (an OpenGL context was made)."""
    if QGuiApplication.instance() is None:
        return "no QApplication"
    platform = QGuiApplication.platformName()
    if platform in NO_GL_PLATFORMS:
        return f"Qt's '{platform}' platform has no OpenGL"
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except Exception as err:  # ImportError, or PyOpenGL failing to load its library
        return f"PyOpenGL is not available ({type(err).__name__}: {err})"
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    if not context.create():
        return "no OpenGL context could be created"
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid() or not context.makeCurrent(surface):
            return "the OpenGL context could not be made current"
        context.doneCurrent()
    finally:
        surface.destroy()
    return None


class GLUnavailableWidget(QWidget):
    """What the 3D tab shows without OpenGL: :data:`GL_MESSAGE` and the reason."""

    def __init__(self, reason: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.reason = reason
        self.message = QCoreApplication.translate("View3D", GL_MESSAGE)
        muted = theme.COLORS["muted"]
        detail = f"<p style=\"color: {muted}\">({html.escape(reason)})</p>" if reason else ""
        self.label = QLabel(f"<p style=\"font-size: 13pt\">{self.message}</p>{detail}")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)


#: SurfaceView3D widgets made in this process (see make_3d_view)
_views_made = 0


def _shared_contexts() -> bool:
    return QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def _warm_up_gl() -> None:
    """Import PyOpenGL and pyqtgraph's OpenGL items, and make (and drop) one OpenGL context,
    which loads the driver: on a background thread, this leaves the window's thread a probe
    and a first paint of a few milliseconds each. A failure is the probe's to report."""
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
        from PySide6.QtGui import QOpenGLContext

        QOpenGLContext().create()
    except Exception:  # noqa: BLE001, S110 (gl_unavailable_reason says why)
        pass


def build_3d_view(session, add: Callable[[QWidget], Any]) -> Iterator[Any]:
    """:func:`make_3d_view` in stages, for a lazy tab (:mod:`app.ui.lazy_tabs`; each ``yield``
    ends an event-loop turn): PyOpenGL's import (about 0.1 s of Python) and the OpenGL
    driver's start on another thread (:func:`_warm_up_gl`), the OpenGL probe, the view, the
    view handed to ``add``, then its first paint (OpenGL starts) and its GL items one turn at a
    time (each kind compiles its shaders in its first paint)."""
    if QGuiApplication.platformName() not in NO_GL_PLATFORMS:
        yield in_background(_warm_up_gl)
    reason = gl_unavailable_reason()
    yield
    view = make_3d_view(session, reason=reason, staged=True)
    yield
    add(view)
    if isinstance(view, SurfaceView3D):
        yield from view.attach_in_stages()


_PROBE = object()


def make_3d_view(session, parent: QWidget | None = None, *, reason: Any = _PROBE,
                 staged: bool = False) -> QWidget:
    """The 3D view of ``session``, or a message widget where OpenGL is not available
    (``reason``: :func:`gl_unavailable_reason`'s answer, if asked already; ``staged``: the
    view's GL items are attached later, by :meth:`SurfaceView3D.attach_in_stages`)."""
    if reason is _PROBE:
        reason = gl_unavailable_reason()
    if reason is not None:
        return GLUnavailableWidget(reason, parent)
    if _views_made and not _shared_contexts():
        return GLUnavailableWidget(
            "pyqtgraph compiles its shaders once per process: a second 3D view needs shared "
            "OpenGL contexts (AA_ShareOpenGLContexts, set before the QApplication is created)",
            parent)
    try:
        return SurfaceView3D(session, parent, staged=staged)
    except Exception as err:  # a GL item failing to build: keep the app running
        return GLUnavailableWidget(f"{type(err).__name__}: {err}", parent)


# ---------------------------------------------------------------------------------------------
# The view
# ---------------------------------------------------------------------------------------------
def _rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    c = QColor(color)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


class SurfaceView3D(QWidget):
    """The rotatable 3D surface with the racers' paths up to the playhead (needs OpenGL).

    Drag to rotate, wheel to zoom, Ctrl+drag to pan. While the view is hidden (another tab is
    shown) playhead moves only mark it out of date; it catches up when shown.
    """

    def __init__(self, session, parent: QWidget | None = None, *, grid_size: int = GRID_SIZE,
                 follow_playhead: bool = True, staged: bool = False):
        super().__init__(parent)
        import pyqtgraph.opengl as gl
        from OpenGL import GL

        self._gl = gl
        # paths and their heads are drawn after the surface and without the depth test: on a
        # curved valley floor (worst with log heights) the mesh between grid points rises
        # above the true surface and would cut a path into dashes
        self._on_top = {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True, GL.GL_CULL_FACE: False,
                        "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA)}
        self.session = session
        self.grid_size = int(grid_size)
        self.follow_playhead = follow_playhead
        self.height_mode = "auto"
        self._step = session.step
        self._stale = False
        self.scale: HeightScale | None = None
        self.heights: np.ndarray | None = None

        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor(theme.COLORS["plot_bg"])
        self.view.setMinimumSize(200, 150)
        #: the GL items are in the view (staged: not until attach_in_stages)
        self.attached = not staged
        self.surface_item = gl.GLSurfacePlotItem(computeNormals=False, glOptions="opaque")
        self.minima_item = gl.GLScatterPlotItem(pos=np.zeros((1, 3)), color=(1, 1, 1, 1),
                                                size=9, pxMode=True, glOptions=self._on_top)
        self.minima_item.setDepthValue(5)
        if self.attached:
            self.view.addItem(self.surface_item)
            self.view.addItem(self.minima_item)
        else:  # the page's first paint without OpenGL; the GL widget's own comes next
            self.view.hide()
        self.racer_items: list[tuple] = []
        self._paths: list[tuple[np.ndarray, np.ndarray] | None] = []

        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.height_box = QComboBox()
        self.height_box.addItems(list(HEIGHT_MODES))
        self.height_box.setToolTip(self.tr(
            "height: auto (log when the values span many times their median, as on "
            "Rosenbrock), linear f, or log10(f - f_min)"))
        self.height_box.currentTextChanged.connect(self.set_height_mode)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 2)
        bar.addWidget(QLabel(self.tr("height")))
        bar.addWidget(self.height_box)
        bar.addWidget(self.caption, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        layout.addLayout(bar)
        self.legend.setContentsMargins(8, 0, 8, 0)
        self.reset_camera()

        global _views_made
        _views_made += 1
        session.surfaceChanged.connect(self.on_surface_changed)
        session.runsChanged.connect(self.on_runs_changed)
        if follow_playhead:
            session.playheadChanged.connect(self.show_step)
        self.on_surface_changed()

    def attach_in_stages(self) -> Iterator[None]:
        """Show the GL widget after the page's first paint, then put the GL items into it
        one kind a turn."""
        if self.attached:
            return
        yield  # the page paints, without the GL widget
        self.view.show()
        yield  # the empty GL widget paints: OpenGL starts
        self.view.addItem(self.surface_item)
        yield
        self.view.addItem(self.minima_item)
        for line, dots in self.racer_items:
            self.view.addItem(line)
            self.view.addItem(dots)
        self.attached = True

    def reset_camera(self) -> None:
        self.view.setCameraPosition(pos=pg.Vector(0, 0, Z_TOP * 0.6), distance=3.0,
                                    elevation=38, azimuth=-70)

    def set_height_mode(self, mode: str) -> None:
        """``"auto"``, ``"linear"`` or ``"log"`` (see :data:`HEIGHT_MODES`)."""
        if mode not in HEIGHT_MODES:
            raise ValueError(f"height mode must be one of {', '.join(HEIGHT_MODES)}: {mode!r}")
        if mode != self.height_mode:
            self.height_mode = mode
            if self.height_box.currentText() != mode:
                self.height_box.setCurrentText(mode)
            self.on_surface_changed()

    # -- the surface ----------------------------------------------------------------------------
    def on_surface_changed(self) -> None:
        s = self.session
        scale, X, Y, H = height_scale(s.surface, s.window, self.grid_size,
                                      log=HEIGHT_MODES[self.height_mode])
        self.scale = scale
        self.heights = H
        colors = shaded_colors(H, pg.colormap.get(theme.COLORMAP))
        self.surface_item.setData(x=X.astype(np.float32), y=Y.astype(np.float32),
                                  z=H.astype(np.float32), colors=colors)
        minima = np.asarray(s.surface.minima, dtype=float).reshape(-1, 2)
        minima = minima[scale.inside(minima)]
        if minima.size:
            z = scale.z(s.surface.value(minima)) + PATH_LIFT * Z_TOP
            pos = np.concatenate([scale.xy(minima), z[:, None]], axis=-1)
            self.minima_item.setData(pos=pos.astype(np.float32))
            self.minima_item.show()
        else:
            self.minima_item.hide()
        (x0, x1), (y0, y1) = scale.window
        self.caption.setText(
            self.tr("{scale}, clipped to the colour scale · x {x0} … {x1}, y {y0} … {y1} · "
                    "drag: rotate, wheel: zoom, Ctrl+drag: pan").format(
                scale=scale.label, x0=f"{x0:g}", x1=f"{x1:g}", y0=f"{y0:g}", y1=f"{y1:g}"))
        self.on_runs_changed()

    # -- the paths ------------------------------------------------------------------------------
    def on_runs_changed(self) -> None:
        gl = self._gl
        runs = self.session.runs
        racers = self.session.scenario.racers
        while len(self.racer_items) < len(runs):
            line = gl.GLLinePlotItem(mode="lines", width=3.0, antialias=True,
                                     glOptions=self._on_top)
            dots = gl.GLScatterPlotItem(size=12, pxMode=True, glOptions=self._on_top)
            line.setDepthValue(10)
            dots.setDepthValue(11)
            if self.attached:
                self.view.addItem(line)
                self.view.addItem(dots)
            self.racer_items.append((line, dots))
        while len(self.racer_items) > len(runs):
            line, dots = self.racer_items.pop()
            if self.attached:
                self.view.removeItem(line)
                self.view.removeItem(dots)
        self._paths = []
        self.legend.setText(" &nbsp; ".join(
            f"<span style=\"color: {QColor(r.color).name()}\">■</span> "
            f"{html.escape(self.session.label(i))}"
            for i, (r, run) in enumerate(zip(racers, runs, strict=False)) if run is not None))
        for (line, dots), racer, run in zip(self.racer_items, racers, runs, strict=False):
            color = _rgba(racer.color)
            line.setData(color=color)
            dots.setData(color=color)
            self._paths.append(None if run is None else
                               (run.trajectories.points, run.trajectories.loss))
        if self.follow_playhead:
            self._step = self.session.step
        self._stale = True
        self.show_step(self._step)

    def show_step(self, step: int) -> None:
        """Reveal every path up to ``step`` (only the items' data change)."""
        step = int(step)
        if step == self._step and not self._stale:
            return
        self._step = step
        self._stale = True
        if self.isVisible():
            self._update_paths()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._stale:
            self._update_paths()

    def _update_paths(self) -> None:
        self._stale = False
        if self.scale is None:
            return
        for (line, dots), data in zip(self.racer_items, self._paths, strict=False):
            if data is None:
                line.hide()
                dots.hide()
                continue
            points, loss = data
            seg = path_segments(points, loss, self._step, self.scale)
            if seg.shape[0]:
                line.setData(pos=seg)
                line.show()
            else:
                line.hide()
            h = heads(points, loss, self._step, self.scale)
            if h.shape[0]:
                dots.setData(pos=h)
                dots.show()
            else:
                dots.hide()

    # -- introspection for tests and export -------------------------------------------------------
    def path_positions(self, i: int) -> np.ndarray:
        """The drawn segment ends of racer ``i`` (``(2M, 3)``; empty when hidden)."""
        if self._stale:
            self._update_paths()
        line, _ = self.racer_items[i]
        if not line.visible() or line.pos is None:
            return np.empty((0, 3), dtype=np.float32)
        return np.asarray(line.pos)

    def head_positions(self, i: int) -> np.ndarray:
        if self._stale:
            self._update_paths()
        _, dots = self.racer_items[i]
        if not dots.visible() or dots.pos is None:
            return np.empty((0, 3), dtype=np.float32)
        return np.asarray(dots.pos)

    def grab_image(self):
        """The rendered GL picture as a QImage (the view must be shown)."""
        if self._stale:
            self._update_paths()
        return self.view.grabFramebuffer()
