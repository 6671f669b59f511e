"""nvap translate: catalogues extracted from the content, merged without losing translations, checked, counted.

Translations here are a pseudo-translation (each msgstr is the English between ⟦ ⟧,
so inline forms are kept): nvap never ships Welsh it did not get from a translator.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from support import MINIMAL_ACTION

from nvap_toolkit.i18n.check import catalogue_issues

CY = "content/translations/cy"
DOCUMENTS = [
    "actions/1.1.1.po",
    "covenant/2024.po",
    "nvap.po",
    "reference/glossary.po",
    "reference/links.po",
    "reference/peel.po",
    "reference/perennial-challenges.po",
]


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.output.strip().splitlines()


def catalogue(rel: str):  # type: ignore[no-untyped-def]
    """A catalogue of the content copy, read with Babel itself."""
    with open(f"{CY}/{rel}", "rb") as fh:
        return read_po(fh, abort_invalid=True)


def pseudo_translate(rel: str, change=None) -> None:  # type: ignore[no-untyped-def]
    """Fill every msgstr of a catalogue with ⟦English⟧ (or ``change(msgctxt, English)``), written by Babel."""
    cat = catalogue(rel)
    for message in cat:
        if message.id:
            message.string = change(message.context, message.id) if change else f"⟦{message.id}⟧"
    with open(f"{CY}/{rel}", "wb") as fh:
        write_po(fh, cat)


def entry_block(text: str, context: str) -> str:
    """The lines of the entry of ``context`` in a PO file's text, from its comments to its msgstr."""
    blocks = text.split("\n\n")
    return next(b for b in blocks if f'msgctxt "{context}"' in b)


def line_of(rel: str, context: str) -> int:
    """The line (1-based) of the msgstr of the entry of ``context`` (Babel gives its msgid's line)."""
    msgid = next(m.lineno for m in catalogue(rel) if m.context == context)
    text = Path(f"{CY}/{rel}").read_text(encoding="utf-8").splitlines()
    return next(i for i in range(msgid - 1, len(text)) if text[i].startswith("msgstr ")) + 1


def test_update_writes_a_catalogue_per_document(content, nvap):
    result = nvap("translate", "update", "--lang", "cy")
    assert result.exit_code == 0, result.output
    # The shipped catalogues follow the English: after changing the content, run `nvap translate update --lang cy`.
    assert lines(result)[-1] == f"7 catalogues: 0 created, 0 updated, 7 unchanged in {CY}/", (
        "content/translations/cy/ is stale: run `nvap translate update --lang cy`"
    )
    shipped = sorted(p.relative_to(content / "translations/cy").as_posix() for p in (content / "translations/cy").rglob("*.po"))
    assert shipped == sorted(DOCUMENTS)
    for rel in DOCUMENTS:  # nvap ships no Welsh: every msgstr is empty
        cat = catalogue(rel)
        assert [m.context for m in cat if m.id and m.string] == [], rel


def test_a_new_document_gets_its_catalogue_with_paths_and_lines(write, nvap):
    write("actions/9.9.9.yaml", MINIMAL_ACTION)
    result = nvap("translate", "update", "--lang", "cy")
    assert result.exit_code == 0, result.output
    assert f"created {CY}/actions/9.9.9.po: " in result.output
    assert lines(result)[-1] == f"8 catalogues: 1 created, 0 updated, 7 unchanged in {CY}/"
    text = Path(f"{CY}/actions/9.9.9.po").read_text(encoding="utf-8")
    assert entry_block(text, "9.9.9:objectives[first].statement") == (
        '#: content/actions/9.9.9.yaml:12\nmsgctxt "9.9.9:objectives[first].statement"\nmsgid "To test things"\nmsgstr ""'
    )
    assert entry_block(text, "9.9.9:detail") == (
        '#: content/actions/9.9.9.yaml:4\nmsgctxt "9.9.9:detail"\nmsgid "Recognise that tests matter [@smith2020]"\nmsgstr ""'
    )
    contexts = [m.context for m in catalogue("actions/9.9.9.po") if m.id]
    assert "9.9.9:objectives[first].activities[write-tests].evidence[1]" in contexts
    assert "9.9.9:perennial_challenges.links[second-challenge].issues[1]" in contexts
    # Ids, codes, keys, dates and the plan's name are not words to translate.
    assert not [
        c for c in contexts if c.endswith((".id", ".plan", ".how_we_know", ".edition.version", ".edition.date", ".challenge"))
    ]


def test_extraction_covers_the_content_and_leaves_out_what_is_not_words(content):
    block = entry_block(Path(f"{CY}/actions/1.1.1.po").read_text(encoding="utf-8"), "1.1.1:objectives[objective-one].statement")
    assert block.startswith("#: content/actions/1.1.1.yaml:22\n")
    assert catalogue("actions/1.1.1.po").get(
        "Fixture objective one statement", context="1.1.1:objectives[objective-one].statement"
    )
    glossary = {m.context: m.id for m in catalogue("reference/glossary.po") if m.id}
    assert glossary["glossary:terms[FXA].expansion"] == "Fixture Acronym"
    assert glossary["glossary:heading"] == "Acronym Glossary"
    peel = {m.context: m.id for m in catalogue("reference/peel.po") if m.id}
    assert peel["peel:measures[2.1].text"] == "Fixture measure two"
    links = {m.context: m.id for m in catalogue("reference/links.po") if m.id}
    assert links["links:links[fixture-link].title"] == "Fixture Link"
    challenges = {m.context: m.id for m in catalogue("reference/perennial-challenges.po") if m.id}
    assert challenges["perennial-challenges:challenges[second-challenge].name"] == "Second Challenge"
    programme = {m.context: m.id for m in catalogue("nvap.po") if m.id}
    assert programme["nvap:labels.page_numbers"] == "Page {page} of {pages}"
    assert programme["nvap:realisation_plan.date_prepared.label"] == "Date Prepared"
    # Not words: ids, codes, citation keys, URLs, e-mail addresses, references, forces.
    every = [m.id for rel in DOCUMENTS for m in catalogue(rel) if m.id]
    for text_ in ("objective-one", "activity-one", "2.1", "1.1.1", "smith2020", "fixture@example.org", "nvap"):
        assert text_ not in every
    assert not [t for t in every if t.startswith(("http://", "https://", "www."))]
    assert "Norfolk Constabulary" not in every and "Heddlu Gwent" not in every
    assert "FXA" not in every  # the glossary's keys
    covenant = {m.context for m in catalogue("covenant/2024.po") if m.id}
    assert "covenant-2024:title" in covenant
    assert not covenant & {
        "covenant-2024:isbn",
        "covenant-2024:reference",
        "covenant-2024:year",
        "covenant-2024:attribution.licence_url",
    }
    assert not (content / "translations/cy/reference/bibliography.po").exists()
    assert not (content / "translations/cy/reference/forces.po").exists()


def test_equal_english_in_two_places_gets_two_entries(content, nvap):
    cat = catalogue("nvap.po")
    editions = sorted(m.context for m in cat if m.id == "Edition")
    assert editions == ["nvap:index_labels.edition", "nvap:labels.edition"]
    pseudo_translate("nvap.po", lambda ctx, english: "⟦a⟧" if ctx == "nvap:labels.edition" else f"⟦{english}⟧")
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    translated = {m.context: m.string for m in catalogue("nvap.po") if m.id == "Edition"}
    assert translated == {"nvap:index_labels.edition": "⟦Edition⟧", "nvap:labels.edition": "⟦a⟧"}


def test_update_keeps_translations_adds_obsoletes_and_marks_changes_fuzzy(content, nvap):
    pseudo_translate("actions/1.1.1.po")
    before = catalogue("actions/1.1.1.po")
    yaml = content / "actions/1.1.1.yaml"
    text = yaml.read_text(encoding="utf-8")
    old_title = "Fixture Action"
    old_note = "Fixture note that no outputs are given."
    assert f"title: {old_title}\n" in text and f"outputs_note: {old_note}\n" in text
    text = text.replace(f"title: {old_title}\n", "title: Renamed Fixture Action\n")
    text = text.replace(f"outputs_note: {old_note}\n", "")
    text = text.replace("        - Fixture need two\n", "        - Fixture need two\n        - A new need\n", 1)
    yaml.write_text(text, encoding="utf-8")
    index = content / "nvap.yaml"  # an action has one title: the programme's index says it too
    shipped_index = index.read_text(encoding="utf-8")

    def index_title(title: str) -> None:
        index.write_text(shipped_index.replace(f'"1.1.1": {old_title}', f'"1.1.1": {title}'), encoding="utf-8")

    index_title("Renamed Fixture Action")

    result = nvap("translate", "update", "--lang", "cy")
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        f"updated {CY}/actions/1.1.1.po: 1 new, 1 changed (now fuzzy), 1 obsolete",
        f"updated {CY}/nvap.po: 1 changed (untranslated)",
        f"7 catalogues: 0 created, 2 updated, 5 unchanged in {CY}/",
    ]
    after = catalogue("actions/1.1.1.po")
    title = after.get("Renamed Fixture Action", context="1.1.1:title")
    assert title.string == f"⟦{old_title}⟧" and title.fuzzy
    po = Path(f"{CY}/actions/1.1.1.po").read_text(encoding="utf-8")
    assert entry_block(po, "1.1.1:title").splitlines()[-4:] == [
        f'#| msgid "{old_title}"',
        'msgctxt "1.1.1:title"',
        'msgid "Renamed Fixture Action"',
        f'msgstr "⟦{old_title}⟧"',
    ]
    new = after.get("A new need", context="1.1.1:objectives[objective-one].what_we_need.items[3]")
    assert new is not None and new.string == "" and not new.fuzzy
    gone = after.obsolete[(old_note, "1.1.1:outputs_note")]
    assert gone.string == f"⟦{old_note}⟧"
    assert f'#~ msgctxt "1.1.1:outputs_note"\n#~ msgid "{old_note}"\n#~ msgstr "⟦{old_note}⟧"' in po
    # Every other translation is as it was, and not fuzzy.
    kept = {m.context: m.string for m in before if m.id and m.context not in ("1.1.1:title", "1.1.1:outputs_note")}
    assert {m.context: m.string for m in after if m.context in kept} == kept
    assert [m.context for m in after if m.fuzzy and m.id] == ["1.1.1:title"]

    # The English changes again before a translator got to it: the previous msgid stays the one translated from.
    yaml.write_text(text.replace("title: Renamed Fixture Action\n", "title: Renamed Fixture Action (2)\n"), encoding="utf-8")
    index_title("Renamed Fixture Action (2)")
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    po = Path(f"{CY}/actions/1.1.1.po").read_text(encoding="utf-8")
    assert f'#| msgid "{old_title}"' in entry_block(po, "1.1.1:title")

    # The note comes back: its translation returns from the obsolete section, as it was.
    index_title("Renamed Fixture Action")
    yaml.write_text(
        text.replace("title: Renamed Fixture Action\n", f"title: Renamed Fixture Action\noutputs_note: {old_note}\n"),
        encoding="utf-8",
    )
    result = nvap("translate", "update", "--lang", "cy")
    assert "1 restored from obsolete" in result.output
    restored = catalogue("actions/1.1.1.po").get(old_note, context="1.1.1:outputs_note")
    assert restored.string == f"⟦{old_note}⟧" and not restored.fuzzy


def test_removing_a_list_item_keeps_the_translations_after_it(content, nvap):
    pseudo_translate("actions/1.1.1.po")
    yaml = content / "actions/1.1.1.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("        - Fixture need one\n", "", 1), encoding="utf-8")
    result = nvap("translate", "update", "--lang", "cy")
    assert lines(result)[0] == f"updated {CY}/actions/1.1.1.po: 1 moved, 1 obsolete"
    after = catalogue("actions/1.1.1.po")
    items = "1.1.1:objectives[objective-one].what_we_need.items"
    shifted = after.get("Fixture need two", context=f"{items}[1]")
    assert shifted.string == "⟦Fixture need two⟧" and not shifted.fuzzy
    assert [m.context for m in after if m.fuzzy and m.id] == []


def test_rerunning_update_changes_no_file(content, nvap, monkeypatch):
    pseudo_translate("reference/glossary.po")
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0  # Babel's own writing normalised
    stamps = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (content / "translations").rglob("*.po")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # no date churn while the English is unchanged
    result = nvap("translate", "update", "--lang", "cy")
    assert lines(result) == [f"7 catalogues: 0 created, 0 updated, 7 unchanged in {CY}/"]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in stamps} == stamps


def test_a_catalogue_nvap_cannot_read_is_not_overwritten(content, nvap):
    path = content / "translations/cy/reference/peel.po"
    broken = path.read_text(encoding="utf-8").replace('msgid "PEEL Assessment Framework"', 'msgid "PEEL Assessment Framework')
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('msgid "PEEL Assessment Framework') + 1
    result = nvap("translate", "update", "--lang", "cy")
    assert result.exit_code == 1
    assert lines(result) == [
        f'{CY}/reference/peel.po:{line}:33: the quoted text has no closing quote (")',
        "a catalogue cannot be read (fix it, so that its translations are kept): 1 error, 0 warnings; nothing was written",
    ]
    assert path.read_text(encoding="utf-8") == broken


def test_broken_placeholders_are_located_errors(content):
    cite = "1.1.1:objectives[objective-one].activities[activity-one].evidence[1]"
    assert catalogue("actions/1.1.1.po").get("Fixture evidence one [@smith2020].", context=cite)
    heading = catalogue("nvap.po").get("Fixture part one text with **bold words**.", context="nvap:guidance.sections[1].body[1]")
    page = "nvap:labels.page_numbers"

    def broken(ctx: str, text: str) -> str:
        if ctx == cite:
            return "⟦" + text.replace("[@smith2020]", "[@smith2002]") + "⟧"
        if ctx == heading.context:
            return "⟦" + text.replace("**bold words**", "bold words**") + "⟧"
        if ctx == page:
            return "Tudalen {page}"  # not Welsh for the test's sake: any text without {pages}
        return f"⟦{text}⟧"

    pseudo_translate("actions/1.1.1.po", broken)
    pseudo_translate("nvap.po", broken)
    action, programme = f"{CY}/actions/1.1.1.po", f"{CY}/nvap.po"
    assert [str(i) for i in catalogue_issues(content)] == [
        f"{action}:{line_of('actions/1.1.1.po', cite)}:1: the translation of {cite} must keep the inline forms of the English: "
        "[@smith2020] of the English is missing and [@smith2002] is not in the English",
        f"{programme}:{line_of('nvap.po', heading.context)}:1: the translation of {heading.context} must keep the inline forms "
        "of the English: the English has '**' twice, the translation once (keep each **strong** pair)",
        f"{programme}:{line_of('nvap.po', page)}:1: the translation of {page} must keep the inline forms of the English: "
        "{pages} of the English is missing",
    ]


def test_a_fuzzy_translation_is_not_checked(content):
    cite = "1.1.1:objectives[objective-one].activities[activity-one].evidence[1]"
    pseudo_translate("actions/1.1.1.po", lambda ctx, text: "⟦dropped⟧" if ctx == cite else f"⟦{text}⟧")
    assert len(catalogue_issues(content)) == 1
    cat = catalogue("actions/1.1.1.po")
    next(m for m in cat if m.context == cite).flags.add("fuzzy")
    with open(f"{CY}/actions/1.1.1.po", "wb") as fh:
        write_po(fh, cat)
    assert catalogue_issues(content) == []


def test_po_syntax_errors_are_located(content):
    path = content / "translations/cy/reference/links.po"
    text = path.read_text(encoding="utf-8").splitlines()
    at = text.index('msgid "Fixture Link"')  # line 24
    text[at + 1] = 'msgstr "Fixture \\q Link"'
    text.insert(at + 2, 'msgstrr ""')
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    shown = f"{CY}/reference/links.po"
    assert [str(i) for i in catalogue_issues(content)] == [
        f"{shown}:25:17: unknown escape '\\q' in a quoted text: write \\\\ for a backslash, \\\" for a quote",
        f"{shown}:26:1: 'msgstrr' is not a PO keyword: a line holds msgctxt, msgid or msgstr with a quoted text, "
        "a quoted text continuing the line above, or a # comment",
    ]


def test_two_entries_of_one_msgctxt_and_a_stray_catalogue(content):
    path = content / "translations/cy/reference/perennial-challenges.po"
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, "perennial-challenges:challenges[second-challenge].name")
    path.write_text(text + "\n" + block + "\n", encoding="utf-8")
    (content / "translations/cy/actions/9.9.9.po").write_text('msgid ""\nmsgstr ""\n"Language: cy\\n"\n', encoding="utf-8")
    assert [str(i) for i in catalogue_issues(content)] == [
        f"{CY}/actions/9.9.9.po:1:1: warning: no content file has this catalogue (its document was removed or renamed): "
        "remove it, or run 'nvap translate update'",
        f"{CY}/reference/perennial-challenges.po:40:1: a second entry for msgctxt "
        "'perennial-challenges:challenges[second-challenge].name' (the first is at line 34): keep one",
    ]


def test_stats_of_the_shipped_catalogues_and_of_a_pseudo_translation(content, nvap):
    result = nvap("translate", "stats")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in lines(result)[1:8]]
    assert lines(result)[0].split("\t") == [
        "Language", "Document", "Catalogue", "Translated", "Fuzzy", "Untranslated", "Invalid", "Done"
    ]  # fmt: skip
    assert [(r[0], r[1], r[2], r[3], r[4], r[6], r[7]) for r in rows] == [
        ("cy", name, f"{CY}/{rel}", "0", "0", "0", "0.0%")
        for name, rel in zip(
            ["1.1.1", "covenant-2024", "nvap", "glossary", "links", "peel", "perennial-challenges"],
            DOCUMENTS,
            strict=True,
        )
    ]
    total = sum(int(r[5]) for r in rows)
    assert lines(result)[8] == f"cy: 0 of {total} strings translated (0.0%), 0 fuzzy, {total} untranslated, 0 invalid"
    assert nvap("translate", "stats", "--min", "1").exit_code == 1

    for rel in DOCUMENTS:
        pseudo_translate(rel)
    result = nvap("translate", "stats", "--lang", "cy", "--format", "json", "--min", "100")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {d["document"]: d["percent"] for d in report["documents"]} == dict.fromkeys(
        ["1.1.1", "covenant-2024", "nvap", "glossary", "links", "peel", "perennial-challenges"], 100.0
    )
    assert report["languages"] == [
        {"lang": "cy", "document": "all", "catalogue": "", "exists": True, "strings": total, "translated": total,
         "fuzzy": 0, "untranslated": 0, "invalid": 0, "percent": 100.0}
    ]  # fmt: skip


def test_stats_count_stale_and_fuzzy_translations_and_min_exits_1(content, nvap):
    for rel in DOCUMENTS:
        pseudo_translate(rel)
    yaml = content / "reference/perennial-challenges.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("name: Second Challenge", "name: Second Challenge Renamed"), encoding="utf-8"
    )
    # Not updated yet: the translation was made from other English, so it counts as fuzzy, not translated.
    result = nvap("translate", "stats", "--min", "100")
    assert result.exit_code == 1
    row = next(line for line in lines(result) if line.startswith("cy\tperennial-challenges\t"))
    assert row.split("\t")[3:] == ["2", "1", "0", "0", "66.6%"]
    assert "under --min 100%: cy perennial-challenges (66.6%)" in result.output
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    assert nvap("translate", "stats", "--min", "66.6").exit_code == 0
    assert nvap("translate", "stats", "--min", "66.7").exit_code == 1


def test_stats_count_a_translation_validate_rejects_as_invalid(content, nvap):
    """A translation that breaks a citation key is what validate and a Welsh build reject: never 'translated'."""

    def wrong_key(context: str, english: str) -> str:
        return english.replace("[@", "[@x") if "[@" in english else f"⟦{english}⟧"

    pseudo_translate("actions/1.1.1.po", wrong_key)
    broken = sum("[@" in (m.id or "") for m in catalogue("actions/1.1.1.po") if m.id)
    assert broken > 0
    report = json.loads(nvap("translate", "stats", "--lang", "cy", "--format", "json").output)
    (toolkit,) = [d for d in report["documents"] if d["document"] == "1.1.1"]
    assert (toolkit["invalid"], toolkit["translated"] + toolkit["invalid"], toolkit["untranslated"]) == (
        broken,
        toolkit["strings"],
        0,
    )
    assert nvap("validate").exit_code == 1


def test_catalogues_are_not_content_files(content, nvap):
    result = nvap("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert lines(result) == ["9 files checked: no problems"]


def test_language_codes(content, nvap):
    assert lines(nvap("translate", "update", "--lang", "en"))[-1] == (
        "Error: Invalid value for '--lang': 'en' is the language the content is written in: "
        "name the language to translate it into (e.g. cy)"
    )
    assert nvap("translate", "update", "--lang", "en").exit_code == 2
    result = nvap("translate", "update", "--lang", "../cy")
    assert result.exit_code == 2
    assert (
        lines(result)[-1]
        == "Error: Invalid value for '--lang': '../cy' is not a language code: use an ISO 639 code such as 'cy' (Welsh)"
    )
    assert nvap("translate", "stats", "--format", "xml").exit_code == 2
    assert not (content / "translations/en").exists()
