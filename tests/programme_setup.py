"""Set-ups of the programme's scenes (medicines, flares, walks, goals) for tests/scenes.py."""

from __future__ import annotations

from datetime import timedelta

from companion.app import CompanionApp
from companion.core.ids import new_id
from companion.core.programme.flares import Flare
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk

__all__ = ["walking_in_a_flare", "with_medicines"]


def with_medicines(app: CompanionApp) -> None:
    """Two medicines on the list, one with the person's own daily limit, and a dose today."""
    now = app.clock.now()
    added = now - timedelta(days=30)
    ibu = Medicine(new_id(added), "ibuprofen", added, "400", "mg", 3.0)
    para = Medicine(new_id(added + timedelta(seconds=1)), "paracetamol", added, "500", "mg")
    app.store.medicines.add(ibu)
    app.store.medicines.add(para)
    taken = now - timedelta(hours=2)
    app.store.doses.add(Dose(new_id(taken), ibu.id, taken, 1.0))


def walking_in_a_flare(app: CompanionApp) -> None:
    """Three weeks of walking (a 20-minute baseline, then steps) and a flare since yesterday."""
    now = app.clock.now()
    for days_ago in range(21, 0, -1):
        at = now - timedelta(days=days_ago)
        app.store.walks.add(Walk(new_id(at), at, 20 if days_ago > 14 else 24))
    started = now - timedelta(days=1)
    app.store.flares.add(Flare(new_id(started), started, 7))
