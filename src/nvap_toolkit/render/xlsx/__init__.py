"""Every Excel workbook nvap writes, built on one layer.

``styles`` (fonts, fills, borders, the form's named styles: each defined once),
``cells`` (text that stays text, links, names, sheet titles), ``layout`` (row
heights from text, print setup, protection, a sheet filled row by row, a table
sheet) and ``workbook`` (byte-identical saving).  On them: ``toolkit`` (the
Action Impact Toolkit), ``tracker`` (the Police Covenant priority tracker),
``plan_form`` (the fillable Impact Realisation Plan sheet) and, in
``collect.summary``, the summary of the plans forces returned.
"""
