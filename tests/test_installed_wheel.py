"""The program as a user installs it: sdist -> wheel -> a fresh venv outside the source tree.

``pip install descent-lab`` or ``pipx install`` gets a wheel, not this checkout, so everything
the program reads at run time (the lessons, the icon) must be inside it. This test builds the
sdist from a copy of the source tree, builds the wheel from the sdist (so both carry
everything), installs it non-editable into a new venv in a temporary folder and runs the
installed ``descent-lab``.

Kept fast and offline: setuptools runs without build isolation (it is in the test extra), the
venv has no pip of its own (the project's pip installs into it with ``--python``), and the
dependencies are not installed again (250 MB of Qt): a ``.pth`` file lists the project venv's
site-packages *after* the new venv's own. That path entry does not run the ``.pth`` files in
it, so the editable install of this checkout cannot be imported there; the test proves that
``app``, its scenarios and its metadata all come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from app import scenario as S

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TIMEOUT = 300  # seconds per step; a busy CI machine is slow, a hung one must still fail


def _run(args, cwd, env=None) -> subprocess.CompletedProcess:
    out = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, f"{args}\nstdout:\n{out.stdout}\nstderr:\n{out.stderr}"
    return out


def _build(hook: str, source: Path, out: Path) -> Path:
    """Run a PEP 517 hook of setuptools (no isolation, in its own process) in ``source``."""
    code = f"import sys; from setuptools import build_meta; print(build_meta.{hook}(sys.argv[1]))"
    name = _run([sys.executable, "-c", code, out], cwd=source).stdout.strip().splitlines()[-1]
    return out / name


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``(venv, env, work)``: the wheel installed in ``venv``; run commands in ``work``."""
    work = tmp_path_factory.mktemp("installed")
    assert ROOT not in work.parents, "the venv must be outside the source tree"
    source, dist = work / "source", work / "dist"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "build", "dist", "out", "*.egg-info", "__pycache__"))
    sdist = _build("build_sdist", source, dist)
    with tarfile.open(sdist) as tar:
        tar.extractall(work / "unpacked", filter="data")
    wheel = _build("build_wheel", work / "unpacked" / sdist.name.removesuffix(".tar.gz"), dist)

    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONNOUSERSITE="1", XDG_DATA_HOME=str(work / "xdg"))
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
          wheel], cwd=work, env=env)
    # only now the dependencies: pip above saw no other descent-lab to skip or uninstall
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=work, env=env).stdout.strip())
    deps = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "_descent_lab_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return venv, env, work


def test_the_installed_program_is_the_wheel_not_the_checkout(installed):
    venv, env, work = installed
    code = (
        "import json, sys, importlib.metadata as m, app, app.assets, app.scenario as s\n"
        "d = m.distribution('descent-lab')\n"
        "print(json.dumps({'app': app.__file__, 'scenarios': str(app.assets.SCENARIOS),\n"
        "  'p1': str(s.resolve('p1_divergence')), 'meta': str(d.locate_file('')),\n"
        "  'direct_url': d.read_text('direct_url.json'),\n"
        "  'files': [str(f) for f in d.files], 'version': app.__version__,\n"
        "  'modules': [getattr(v, '__file__', None) or '' for v in list(sys.modules.values())]}))"
    )
    got = json.loads(_run([venv / "bin" / "python", "-c", code], cwd=work, env=env).stdout)
    site = venv.resolve()
    for key in ("app", "scenarios", "p1", "meta"):
        assert site in Path(got[key]).resolve().parents, (key, got[key])
    checkout = tuple(str(ROOT / d) + os.sep for d in ("app", "surfaces", "assets"))
    assert not [m for m in got["modules"] if m.startswith(checkout)]
    assert [m for m in got["modules"] if m.startswith(str(site))]  # the test can see them
    origin = json.loads(got["direct_url"])  # PEP 610: an editable install has "dir_info"
    assert "dir_info" not in origin and origin["url"].endswith("-py3-none-any.whl")
    assert got["version"] == PROJECT["version"]
    shipped = {f for f in got["files"] if f.startswith("app/assets/")}
    assert {f"app/assets/scenarios/{n}.toml" for n in S.builtin_names()} <= shipped
    assert "app/assets/icons/descent-lab.svg" in shipped
    for lang in ("ko", "zh"):  # the translation catalogue and its compiled twin
        assert {f"app/assets/i18n/descent_lab_{lang}.ts",
                f"app/assets/i18n/descent_lab_{lang}.qm"} <= shipped
    assert not [f for f in shipped if "screenshots" in f]  # the README's pictures stay out
    assert [f for f in got["files"] if f.endswith(".dist-info/licenses/LICENSE")]


def test_installed_command_lists_runs_and_renders_the_lessons(installed):
    venv, env, work = installed
    exe = venv / "bin" / "descent-lab"
    assert _run([exe, "--version"], cwd=work, env=env).stdout == \
        f"descent-lab {PROJECT['version']}\n"

    listed = _run([exe, "list", "scenarios"], cwd=work, env=env).stdout.splitlines()
    names = S.builtin_names()
    assert len(names) >= 20 and len(listed) == 1 + len(names)
    assert {line.split()[0] for line in listed[1:]} == set(names)
    korean = _run([exe, "--lang", "ko", "list", "scenarios"], cwd=work, env=env).stdout
    assert S.load("p1_divergence").lesson.translations["ko"]["title"] in korean

    run = json.loads(_run([exe, "run", "--scenario", "p1_divergence"], cwd=work, env=env).stdout)
    assert run["scenario"] == "p1_divergence"
    small, large = (r["runs"][0] for r in run["racers"])  # lr 0.01 and lr 0.12 on lambda_max 20
    assert small["diverged_at"] is None and large["diverged_at"] is not None
    assert small["loss"][-1] < 1e-3 * small["loss"][0]

    _run([exe, "render", "--scenario", "p1_divergence", "--out", "x.gif", "--size", "320x200"],
         cwd=work, env=env)
    with Image.open(work / "x.gif") as gif:
        assert gif.size == (320, 200) and gif.n_frames > 10

    _run([exe, "install-desktop"], cwd=work, env=env)
    entry = (work / "xdg" / "applications" / "descent-lab.desktop").read_text(encoding="utf-8")
    assert f"\nExec={exe}\n" in entry
    svg = work / "xdg" / "icons" / "hicolor" / "scalable" / "apps" / "descent-lab.svg"
    assert svg.read_bytes() == (ROOT / "assets" / "icons" / "descent-lab.svg").read_bytes()
