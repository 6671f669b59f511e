"""The time nvap writes into its outputs: the same for every build of the same content.

Workbooks, OpenDocument files, PDFs and catalogues carry a creation time. It is
``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else a fixed
date, never the wall clock, so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

FIXED = datetime(2024, 1, 1, tzinfo=UTC)
"""The time written when ``SOURCE_DATE_EPOCH`` is not set."""


def build_time() -> datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else a fixed date."""
    epoch = setting()
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return FIXED


def setting() -> str:
    """What sets the time (``SOURCE_DATE_EPOCH``, or ""): part of every key of a cached output, as its bytes depend on it."""
    return os.environ.get("SOURCE_DATE_EPOCH", "")
