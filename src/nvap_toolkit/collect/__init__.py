"""``nvap collect``: read the plans forces returned into a national summary.

``model`` holds what a collection is; ``tally`` reads the files, chooses each
force's plan and counts the dropdown choices; ``summary`` renders the collection
as Excel, HTML, CSV and JSON.
"""
