"""The Qt application (PySide6 + pyqtgraph): the only package that imports Qt.

One model, many views (napari's split): :class:`~app.ui.session.Session` holds the scenario,
the precomputed runs and the playhead; every widget observes its signals and draws arrays that
the headless engine computed (:mod:`app.viewmodel` prepares them; no numerics in widgets).

- ``session.py``       Session (QObject model): set_scenario, add/move/remove_start,
                       add/remove/update_racer, set_surface(_params), set_run, set_step, select
- ``playback.py``      Playback: a QTimer that only moves the playhead
- ``surface_view.py``  SurfaceView: heatmap + colour bar, contour lines (contourpy), minima,
                       start points (click/drag/right-click), paths up to the playhead, legend,
                       "diverged at step k" badge
- ``readouts.py``      ReadoutsView: loss and |gradient| versus step, log y, playhead line
- ``controls.py``      ControlPanel: surface, run, one RacerCard per racer (forms generated
                       from Param specs by ``param_fields.py``), lr-schedule sparkline
- ``lesson_panel.py``, ``lesson_gallery.py``  the lesson text; the gallery of built-ins
- ``playback_bar.py``, ``status_bar.py``, ``icons.py``, ``theme.py``
- ``main_window.py``   MainWindow (menus, docks, tabs; extension points) and ``launch()``
- ``render.py``        render_frame(session, step, size, include_readouts) -> QImage, offscreen
- ``screenshots.py``   ``python -m app.ui.screenshots`` -> assets/screenshots/*.png
"""
