"""Insights drawn from the journal: daily means, trends and the clinically
important change, "what seems to help", the weekly questions, journal filters.

Import the module you need; nothing is re-exported.
"""
