"""Spreadsheet files, whatever they hold: read any workbook a person sends, write nvap's byte for byte.

Reading: ``files`` tells a file by its bytes and opens it as a ``Book`` (``book``):
``ooxml`` reads .xlsx/.xlsm (transitional and Strict Open XML), ``odf`` reads .ods,
each cell as it was shown through ``numfmt`` (Excel's number formats). Writing:
``styles`` and ``cells`` (nvap's named styles; text that stays text, links, names,
sheet titles) for openpyxl workbooks, saved byte-identically by ``workbook`` or as
OpenDocument by ``ods``. Nothing here knows the content: the plan (``plan``), the
translation sheets (``i18n.sheet``) and the documents (``render``) build on it.
"""
