"""Translations of the content: gettext catalogues under ``content/translations/<lang>/``.

``layout`` says where each document's catalogue lies; ``extract`` walks the validated
content for every string a reader sees, each with its stable field path (the msgctxt)
and its YAML file and line; ``placeholders`` checks that a translation keeps the inline
forms of the English; ``catalogue`` reads, merges and writes the PO files (with Babel);
``check`` is what ``nvap validate`` asks of them; ``stats`` counts how much is translated;
``gate`` lists every string not done (``nvap translate check``, ``build --require-complete``);
``sheet`` exports the catalogues as a workbook for translators and imports it back by msgctxt.
``apply`` makes the translated project a build in another language renders (``--lang cy``),
with English where a translation is missing or out of date; ``fallback`` marks that English
``lang="en"`` in HTML; ``plans`` reads plans in another language back; ``languages`` reads
``--lang``.

Nothing here writes Welsh (or any language): the catalogues nvap writes have every
msgstr empty, for translators to fill in.
"""
