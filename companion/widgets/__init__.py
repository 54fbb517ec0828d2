"""Reusable widgets: the pain scale and small display pieces."""
