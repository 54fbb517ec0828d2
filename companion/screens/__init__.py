"""One module per screen of the companion."""
