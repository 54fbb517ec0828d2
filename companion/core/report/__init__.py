"""The clinician report: its content as plain data, its chart and its HTML page.

Import the module you need; nothing is re-exported, so the CLI's other
commands never load pygal.
"""
