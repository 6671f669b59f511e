"""The release gate of a translation: `nvap translate check` and `nvap build --require-complete` (issue 25).

The Welsh is a pseudo-translation (each English string between ⟦ ⟧, placeholders kept):
nvap never ships Welsh it did not get from a translator.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from support import retitle

CY = Path("content/translations/cy")


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.output.strip().splitlines()


def fill(change=None) -> None:  # type: ignore[no-untyped-def]
    """Set every msgstr of every Welsh catalogue to ⟦English⟧ (or ``change(msgctxt, English)``)."""
    for po in sorted(CY.rglob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh)
        for message in cat:
            if message.id:
                message.string = change(message.context, message.id) if change else f"⟦{message.id}⟧"
        with po.open("wb") as fh:
            write_po(fh, cat)


def msgstr_line(rel: str, context: str) -> int:
    """The line (1-based) of the msgstr of ``context`` in a Welsh catalogue."""
    text = (CY / rel).read_text(encoding="utf-8").splitlines()
    at = text.index(f'msgctxt "{context}"')
    return next(i for i in range(at, len(text)) if text[i].startswith("msgstr ")) + 1


def strings() -> int:
    total = 0
    for po in CY.rglob("*.po"):
        with po.open("rb") as fh:
            total += sum(1 for m in read_po(fh) if m.id)
    return total


def test_the_gate_fails_on_empty_catalogues_and_lists_each_string(content, nvap):
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    result = nvap("translate", "check", "--lang", "cy")
    assert result.exit_code == 1
    out = lines(result)
    n = strings()
    assert len(out) == n + 1  # one line per string, then the summary
    title = msgstr_line("actions/1.1.1.po", "1.1.1:title")
    assert out[0] == f"content/translations/cy/actions/1.1.1.po:{title}:1: 1.1.1:title is not translated"
    assert re.fullmatch(rf"cy: not complete: {n} of {n} strings not done \({n} untranslated\): 1\.1\.1 \d+, .*", out[-1])


def test_the_gate_passes_a_complete_translation_and_fails_again_after_an_english_change(content, nvap):
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    fill()
    n = strings()
    result = nvap("translate", "check", "--lang", "cy")
    assert (result.exit_code, result.output) == (0, f"cy: complete: every one of {n} strings in 7 catalogues is translated\n")

    retitle(content, "Renamed Fixture Action")  # the English changed, the catalogue not updated yet
    result = nvap("translate", "check", "--lang", "cy")
    assert result.exit_code == 1
    line = msgstr_line("actions/1.1.1.po", "1.1.1:title")
    assert lines(result)[0] == (
        f"content/translations/cy/actions/1.1.1.po:{line}:1: 1.1.1:title was translated from an earlier English "
        "(run 'nvap translate update --lang cy', then check it)"
    )
    assert lines(result)[-1].startswith(f"cy: not complete: 2 of {n} strings not done (2 fuzzy or out of date): 1.1.1 1, nvap 1")

    assert nvap("translate", "update", "--lang", "cy").exit_code == 0  # now marked fuzzy
    result = nvap("translate", "check", "--lang", "cy")
    assert result.exit_code == 1
    line = msgstr_line("actions/1.1.1.po", "1.1.1:title")
    assert lines(result)[0] == (
        f"content/translations/cy/actions/1.1.1.po:{line}:1: 1.1.1:title is fuzzy: the English changed since it was "
        "translated (check it, then clear the fuzzy mark)"
    )


def test_the_gate_fails_on_a_broken_placeholder_and_on_a_missing_string(content, nvap):
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    fill(lambda _context, english: "⟦" + english.replace("[@smith2020]", "[@smith2002]") + "⟧")
    result = nvap("translate", "check", "--lang", "cy")
    assert result.exit_code == 1
    broken = [line for line in lines(result) if "inline forms" in line]
    assert broken and all("[@smith2020] of the English is missing and [@smith2002] is not in the English" in b for b in broken)
    assert "invalid" in lines(result)[-1]

    fill()
    po = CY / "actions/1.1.1.po"
    with po.open("rb") as fh:
        cat = read_po(fh)
    cat.delete(next(m.id for m in cat if m.context == "1.1.1:title"), context="1.1.1:title")
    with po.open("wb") as fh:
        write_po(fh, cat)
    (CY / "reference/peel.po").unlink()
    result = nvap("translate", "check", "--lang", "cy")
    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        "content/actions/1.1.1.yaml:4:1: 1.1.1:title is not in content/translations/cy/actions/1.1.1.po "
        "(the catalogue is older than the English: run 'nvap translate update --lang cy')",
        "content/translations/cy/reference/peel.po: no catalogue: 5 strings of peel not translated "
        "(run 'nvap translate update --lang cy')",
    ]


def test_build_require_complete_refuses_an_incomplete_welsh_edition(content, nvap, tmp_path):
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    out = tmp_path / "out"
    result = nvap("build", "1.1.1", "--lang", "cy", "--require-complete", "-f", "md", "--out", str(out))
    assert result.exit_code == 1
    assert lines(result)[0].endswith("1.1.1:title is not translated")
    assert lines(result)[-1].startswith("cy: not complete: ")
    assert not out.exists()  # nothing built

    # English only: nothing to require.
    assert nvap("build", "1.1.1", "--require-complete", "-f", "md", "--out", str(out)).exit_code == 0

    fill()
    result = nvap("build", "1.1.1", "--lang", "cy", "--require-complete", "-f", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "1.1.1.cy.md").is_file()
    assert "warning" not in result.output


def test_a_welsh_plan_says_how_much_is_in_english(content, nvap, tmp_path):
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    fill(lambda context, english: "" if context == "1.1.1:title" else f"⟦{english}⟧")
    result = nvap("plan", "--force", "Gwent", "--lang", "en,cy", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [line for line in lines(result) if line.startswith("warning")] == [
        "warning: 1.1.1 cy: 1 string in English, 0 out of date"
    ]

    fill()
    result = nvap("plan", "--force", "Gwent", "--lang", "cy", "--out", str(tmp_path), "--overwrite")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
