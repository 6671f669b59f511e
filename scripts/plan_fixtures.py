"""Write the committed filled-plan fixtures of the current plan format (tests/fixtures/plans/v<N>/).

Run once per new format version, when it ships; never for a version already
committed (those files are what forces of that release hold).  Fills a blank
plan for Norfolk with openpyxl, and one for Gwent that LibreOffice then opens
and saves, with the hand-written answers of tests/fixtures/plans/answers.yaml.

    .venv/bin/python scripts/plan_fixtures.py          # needs soffice (make test-clients installs it)
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from openpyxl import load_workbook

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan import format as fmt
from nvap_toolkit.plan.write import plan_outputs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "plans"


def filled(project: object, force: str, answers: dict) -> bytes:  # type: ignore[type-arg]
    """A blank plan for ``force`` with every input set, as a force typing into Excel would."""
    (output,) = plan_outputs(project, Path("."), [force])  # type: ignore[arg-type]
    wb = load_workbook(io.BytesIO(output.data))

    def put(name: str, value: object) -> None:
        ((sheet, coord),) = wb.defined_names[name].destinations
        cell = wb[sheet][coord.replace("$", "")]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # typed text, even when it starts with '='

    for action_id, action in answers.items():
        for field in fmt.HEADER_FIELDS:
            put(fmt.header_name(action_id, field), action[field])
        for objective_id, objective in action["objectives"].items():
            put(fmt.objective_name(action_id, objective_id, "impact_owner"), objective["impact_owner"])
            for part, column in fmt.COLUMNS:
                for field, value in objective[column].items():
                    put(fmt.objective_name(action_id, objective_id, field, part), value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> int:
    out = FIXTURES / f"v{fmt.VERSION}"
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} exists: the fixtures of a shipped format are never remade", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    answers = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
    project = load_valid_project(ROOT / "content")
    (out / "norfolk-openpyxl.xlsx").write_bytes(filled(project, "Norfolk", answers))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "gwent-libreoffice.xlsx"
        source.write_bytes(filled(project, "Gwent", answers))
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                f"{tmp}/saved",
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copy(Path(tmp) / "saved" / source.name, out / source.name)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
