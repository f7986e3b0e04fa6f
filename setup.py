"""The package layout, which pyproject.toml cannot express (the metadata lives there).

``assets/`` stays where people edit the built-in scenarios and the icon, and installs as the
package ``app.assets`` (``package_dir`` maps it), so the wheel, the sdist and the editable
install of ``.ci/setup`` all carry it; the program reads it with ``importlib.resources``.
The code packages are discovered, so a new subpackage of ``app`` needs no edit here.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["app", "app.*", "surfaces", "surfaces.*"]), "app.assets"],
    package_dir={"app.assets": "assets"},
    package_data={"app.assets": ["scenarios/*.toml", "icons/*.svg", "i18n/*.ts", "i18n/*.qm"]},
)
