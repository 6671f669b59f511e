"""The Impact Realisation Plan as a file format: what a force holds, fills in and sends back.

``format`` owns the format (its kind, versions, defined names and metadata);
``write`` makes a force's blank plan; ``read`` reads a filled one back, from
every format version that ever shipped; ``dates`` reads the dates forces type;
``model`` holds what a filled plan contains.  The fillable sheet itself is
drawn by ``render.xlsx.plan_form`` with the names ``format`` gives it.
"""
