"""Mark every test under tests/clients/ as `clients`: they drive real programs.

`make test-clients` installs the programs and runs `pytest -m clients tests/clients`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CLIENTS_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests in this folder `clients`, before `-m` selects by marker."""
    for item in items:
        if item.path.is_relative_to(CLIENTS_DIR):
            item.add_marker(pytest.mark.clients)
