"""Ship the repository's content/ and templates/ inside the wheel (nvap_toolkit/data/)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithData(build_py):
    """Copy content/ and templates/ into the package, so an installed nvap works anywhere."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "nvap_toolkit" / "data"
        for name in ("content", "templates"):
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(Path(__file__).parent / name, dest)


setup(cmdclass={"build_py": BuildPyWithData})
