"""Developer tools: make screenshots (tools/screenshots.py, tools/report_png.py)."""
