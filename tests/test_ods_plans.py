"""OpenDocument plans and summaries from the command line: written, collected and upgraded like Excel ones."""

from __future__ import annotations

import zipfile
from pathlib import Path

from nvap_toolkit.sheets.files import open_book_bytes


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.output.splitlines() if line.strip()]


def fill(path: Path, name: str, text: str) -> None:
    """Type ``text`` into the input behind the defined name ``name``, as LibreOffice stores a typed cell."""
    book = open_book_bytes(path.read_bytes())
    found = book.destination(name)
    assert found is not None
    sheet, coord, _ = found
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    content = parts["content.xml"].decode("utf-8")
    # The input is an empty, unlocked cell of its row: give the first such cell of the sheet the text.
    table = content.index(f'table:name="{sheet.title}"')
    row = int(coord.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    at = table
    for _ in range(row):
        at = content.index("<table:table-row", at + 1)
    end = content.index("</table:table-row>", at)
    cells = content[at:end]
    col = ord(coord[0]) - 64
    pieces = cells.split("<table:table-cell")
    target = pieces[col]
    assert "/>" in target.split(">")[0] + ">", target[:200]
    style = target.split(">")[0].rstrip("/")
    pieces[col] = f'{style} office:value-type="string"><text:p>{text}</text:p></table:table-cell>' + target.split("/>", 1)[1]
    content = content[:at] + "<table:table-cell".join(pieces) + content[end:]
    parts["content.xml"] = content.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", parts.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def test_an_ods_plan_is_written_filled_collected_and_upgraded(content, nvap, tmp_path):
    result = nvap("plan", "--force", "Norfolk", "--format", "ods", "--out", "plans")
    assert (result.exit_code, lines(result)) == (0, ["wrote plans/norfolk-constabulary-realisation-plan.ods"])
    plan = Path("plans/norfolk-constabulary-realisation-plan.ods")
    assert plan.read_bytes()[30:77] == b"mimetypeapplication/vnd.oasis.opendocument.spre"
    again = nvap("plan", "--force", "Norfolk", "--format", "ods", "--out", "again")
    assert again.exit_code == 0 and Path("again/norfolk-constabulary-realisation-plan.ods").read_bytes() == plan.read_bytes()

    fill(plan, "p_1_1_1_reporting_period", "Norfolk: Q3 2025/26 typed in LibreOffice")
    collected = nvap("collect", "plans", "--out", "summary", "-f", "json", "-f", "ods")
    assert collected.exit_code == 0, collected.output
    assert lines(collected)[-1] == "1 plan read, 0 rejected, 13 forces missing"
    summary = (tmp_path / "summary" / "summary.json").read_text(encoding="utf-8")
    assert '"reporting_period": "Norfolk: Q3 2025/26 typed in LibreOffice"' in summary
    assert Path("summary/summary.ods").is_file()

    # The summary in the folder of plans is nvap's own: skipped, never read as a plan.
    assert nvap("collect", "plans", "summary", "--out", "summary", "-f", "ods").exit_code == 0

    upgraded = nvap("plan", "--upgrade", str(plan), "--out", "upgraded")
    assert lines(upgraded)[0] == "wrote upgraded/norfolk-constabulary-realisation-plan.ods: 1 answer carried over by id"
    book = open_book_bytes(Path("upgraded/norfolk-constabulary-realisation-plan.ods").read_bytes())
    found = book.destination("p_1_1_1_reporting_period")
    assert found is not None
    assert found[0].at(found[1]).shown == "Norfolk: Q3 2025/26 typed in LibreOffice"  # type: ignore[union-attr]
    as_excel = nvap("plan", "--upgrade", str(plan), "--out", "excel", "--format", "xlsx")
    assert lines(as_excel)[0] == "wrote excel/norfolk-constabulary-realisation-plan.xlsx: 1 answer carried over by id"


def test_a_plan_format_is_xlsx_or_ods(content, nvap):
    result = nvap("plan", "--force", "Norfolk", "--format", "pdf")
    assert (result.exit_code, lines(result)[-1]) == (
        2,
        "Error: Invalid value for '--format' / '-f': 'pdf' is not one of xlsx, ods",
    )
