"""Drive the real programs a reader uses on nvap's outputs, for the `clients` tests.

Each helper runs one program (Chromium with axe-core, LibreOffice, poppler, the Nu HTML
Checker) and returns what it produced. A program that is missing or fails raises an
AssertionError carrying its output, so a test never passes or skips without having run
it. `scripts/install-clients.sh` (run by `make test-clients`) installs them all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BROWSER_SCRIPT = PROJECT_ROOT / "scripts" / "clients" / "browser.mjs"
VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from row 1, ...,
# and -1 last: one file per sheet, named <stem>-<SheetName>.csv.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
LIBREOFFICE_FORMATS = {"pdf": "pdf", "csv": CSV_FILTER, "xlsx": "xlsx"}

INSTALL_HINT = "run `make test-clients` (scripts/install-clients.sh installs the programs)"


def _run(
    cmd: Sequence[str | Path],
    *,
    timeout: float,
    ok_codes: tuple[int, ...] = (0,),
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a program; raise AssertionError if it is missing, fails or hangs."""
    args = [str(part) for part in cmd]
    if shutil.which(args[0]) is None:
        raise AssertionError(f"{args[0]} not found: {INSTALL_HINT}")
    try:
        result = subprocess.run(
            args,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"{' '.join(args)} took longer than {timeout} s") from exc
    if result.returncode not in ok_codes:
        raise AssertionError(
            f"{' '.join(args)} exited {result.returncode}\n--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}"
        )
    return result


def audit_html(paths: Sequence[Path], out_dir: Path, *, width: int | None = None) -> dict[Path, dict]:
    """Audit HTML files in headless Chromium with axe-core, in one browser launch.

    Runs `scripts/clients/browser.mjs`, which writes `<name>.png`, `<name>.nocss.png`,
    `<name>.pdf` (A4) and `<name>.axe.json` into `out_dir` for each file.

    Args:
        paths: HTML files; their names without `.html` must differ.
        out_dir: Folder for the screenshots, PDFs and axe results.
        width: A viewport this many CSS pixels wide (320: WCAG 1.4.10's reflow); the files are
            then `<name>.<width>.png`..., with `<name>.<width>.forced.png` in forced colours.

    Returns:
        For each path, its summary: `violations` (WCAG 2.x A/AA rules broken, each
        with `id`, `impact`, `help` and `nodes`), `best_practice` (the same for axe's
        best-practice rules), `requests` (URLs other than file: or data: the page
        asked for, which a self-contained page must not), `scroll_width` and
        `client_width` (the page scrolls sideways when the first is larger) and `wider`
        (elements reaching past the viewport outside a box that scrolls).
    """
    if not paths:
        raise AssertionError("audit_html needs at least one HTML file")
    if not (PROJECT_ROOT / "node_modules" / "playwright-core").is_dir():
        raise AssertionError(f"node_modules/playwright-core is missing: {INSTALL_HINT}")
    # The script runs from the project root: hand it absolute paths.
    absolute = {Path(path): Path(path).resolve() for path in paths}
    result = _run(
        [
            "node",
            BROWSER_SCRIPT,
            "--out",
            Path(out_dir).resolve(),
            *(["--width", str(width)] if width else []),
            *absolute.values(),
        ],
        cwd=PROJECT_ROOT,
        timeout=60 + 30 * len(paths),
    )
    summaries = {
        Path(summary["file"]): summary for summary in (json.loads(line) for line in result.stdout.splitlines() if line.strip())
    }
    missing = [str(path) for path in absolute.values() if path not in summaries]
    if missing:
        raise AssertionError(f"browser.mjs reported nothing for {missing}\n{result.stderr}")
    return {path: summaries[resolved] for path, resolved in absolute.items()}


def libreoffice_convert(path: Path, out_dir: Path, fmt: str) -> list[Path]:
    """Convert a workbook with headless LibreOffice and a private, throw-away profile.

    Args:
        path: The workbook to open.
        out_dir: Folder for the output; for "xlsx", not the workbook's own folder.
        fmt: "pdf" (every sheet, as printed), "csv" (UTF-8, one
            `<stem>-<SheetName>.csv` per sheet) or "xlsx" (an open-and-save round trip).

    Returns:
        The files produced, sorted by name.
    """
    if fmt not in LIBREOFFICE_FORMATS:
        known = ", ".join(LIBREOFFICE_FORMATS)
        raise AssertionError(f"unknown LibreOffice format {fmt!r}: use one of {known}")
    path, out_dir = Path(path).resolve(), Path(out_dir).resolve()
    if fmt == "xlsx" and out_dir == path.parent:
        raise AssertionError(f"an xlsx round trip of {path} would overwrite it: use another out_dir")
    out_dir.mkdir(parents=True, exist_ok=True)
    # LibreOffice writes into a fresh folder: whatever lands there is what it produced.
    with tempfile.TemporaryDirectory(prefix="nvap-lo-") as work:
        fresh = Path(work, "out")
        result = _run(
            [
                "soffice",
                f"-env:UserInstallation={Path(work, 'lo-profile').as_uri()}",
                "--headless",
                "--convert-to",
                LIBREOFFICE_FORMATS[fmt],
                "--outdir",
                fresh,
                path,
            ],
            timeout=120,
        )
        outputs = sorted(fresh.iterdir()) if fresh.is_dir() else []
        if not outputs:
            raise AssertionError(
                f"LibreOffice wrote no {fmt} for {path}\n--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}"
            )
        return [Path(shutil.move(output, out_dir / output.name)) for output in outputs]


def pdf_info(pdf: Path) -> dict[str, str]:
    """Return the fields `pdfinfo` prints for a PDF ("Pages", "Page size", ...)."""
    result = _run(["pdfinfo", pdf], timeout=30)
    fields = (line.partition(":") for line in result.stdout.splitlines())
    return {key.strip(): value.strip() for key, _, value in fields}


def pdf_pages(pdf: Path) -> int:
    """Return the number of pages of a PDF."""
    return int(pdf_info(pdf)["Pages"])


def pdf_text(pdf: Path) -> str:
    """Return a PDF's text, laid out as on the page (`pdftotext -layout`)."""
    return _run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], timeout=60).stdout


def pdf_to_png(pdf: Path, out_prefix: Path) -> list[Path]:
    """Render each page of a PDF at 70 dpi to `<out_prefix>-<page>.png`, in order."""
    out_prefix = Path(out_prefix)
    _run(["pdftoppm", "-png", "-r", "70", pdf, out_prefix], timeout=120)
    pages = sorted(
        out_prefix.parent.glob(f"{out_prefix.name}-*.png"),
        key=lambda png: int(png.stem.rpartition("-")[2]),
    )
    if not pages:
        raise AssertionError(f"pdftoppm rendered no page of {pdf}")
    return pages


def vnu_errors(html_paths: Sequence[Path]) -> list[str]:
    """Check HTML files with the Nu HTML Checker.

    Returns:
        Its errors as `path:line: message`; an empty list when every file is valid.
    """
    if not html_paths:
        raise AssertionError("vnu_errors needs at least one HTML file")
    if not VNU_JAR.is_file():
        raise AssertionError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    # vnu exits 1 when it finds errors: the JSON report, not the exit code, tells.
    result = _run(
        [
            "java",
            "-jar",
            VNU_JAR,
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *html_paths,
        ],
        timeout=120,
        ok_codes=(0, 1),
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise AssertionError(
            f"vnu gave no JSON report (exit {result.returncode})\n"
            f"--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}"
        ) from exc
    return [f"{unquote(urlparse(msg.get('url', '')).path)}:{msg.get('lastLine', '?')}: {msg['message']}" for msg in messages]
