"""The documents' Excel workbooks, built on one layer.

``sheets.styles`` and ``sheets.cells`` (nvap's named styles, text that stays
text), then ``layout`` (row heights from text, print setup, protection, a sheet
filled row by row, a table sheet) and ``cover`` (a workbook's first sheet).  On
them: ``toolkit`` (the Action Impact Toolkit, its realisation plan drawn by
``plan.sheet``), ``tracker`` (the Police Covenant priority tracker); the plan's
form (``plan.sheet``) and the summary of returned plans (``collect.summary``)
use the same layer.
"""
