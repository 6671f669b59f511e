"""Renderers: the validated project to Markdown, HTML and Excel, in memory."""
