"""The self-management programme: medicines and doses, flares, the walking
plan and personal goals (PSFS), as records and the rules over them.

Import the module you need; nothing is re-exported.
"""
