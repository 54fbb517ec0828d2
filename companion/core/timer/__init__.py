"""The stretch timer: the phase state machine, what a routine needs before it
starts, and the inversion progression.

Import the module you need; nothing is re-exported.
"""
