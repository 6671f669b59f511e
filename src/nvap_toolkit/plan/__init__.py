"""The Impact Realisation Plan as a file format: what a force holds, fills in and sends back.

``format`` owns the format (its kind, versions, defined names and metadata);
``form`` is what one action's plan sheet shows, as text, and ``sheet`` draws it
(in a force's plan and in the toolkit workbook) with the names ``format`` gives;
``write`` makes a force's blank plan; ``read`` reads a filled one back, from
every format version that ever shipped (the file opened by ``sheets``);
``languages`` reads a plan in another language; ``dates`` reads the dates forces
type; ``model`` holds what a filled plan contains.
"""
