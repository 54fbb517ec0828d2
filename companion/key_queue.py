"""Keys handled one at a time, each after the one before it has had its effect.

Over SSH (and when pasting) several keys arrive in one read. Textual decides
where a key goes when it takes it from the app's queue, before the key before
it has been handled: ``c 5 tab 7`` sent together gives the ``7`` to the pain
scale because ``tab`` had not yet moved the focus to leg pain. The app hands
each key to :class:`KeyQueue`; while one key is still travelling through the
widgets (and any screen it opened is still being built) the next ones wait,
then go out in order to whatever has focus by then.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

__all__ = ["KeyQueue"]

ROUNDS = 100
"""How many rounds of "has every widget handled its messages?" before giving up waiting."""
CLOSED_CHECK = 0.5
"""Seconds between looks for nodes that closed without answering (not a deadline)."""


class KeyQueue:
    """Holds keys that arrive while an earlier key is still being handled."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Key], object]) -> None:
        self.app = app
        self._deliver = deliver
        """Re-sends a held key to the app, marked as released (see :meth:`releasing`)."""
        self._held: deque[events.Key] = deque()
        self._released: events.Key | None = None
        self._busy = False
        self._task: asyncio.Task[None] | None = None

    def take(self, event: events.Key) -> bool:
        """Whether ``event`` must wait (it is then kept, to be delivered later).

        A key that may go now marks the queue busy until it has been handled.
        """
        if event is self._released:
            self._released = None
            return False
        if self._busy:
            self._held.append(event)
            return True
        self._busy = True
        self._task = asyncio.create_task(self._release_in_turn())
        return False

    async def idle(self) -> None:
        """Wait until every held key has been delivered and handled."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    def cancel(self) -> None:
        """Stop waiting (the app is closing)."""
        if self._task is not None:
            self._task.cancel()
        self._held.clear()

    async def _release_in_turn(self) -> None:
        try:
            while True:
                await self._until_quiet()
                if not self._held:
                    return
                self._released = self._held.popleft()
                self._deliver(self._released)
        except asyncio.CancelledError:
            raise
        finally:
            self._busy = False

    async def _until_quiet(self) -> None:
        """Wait until the app and every widget of the current screen have handled
        all their messages (the last key's bubbling, a new screen's mounting)."""
        for _ in range(ROUNDS):
            nodes: list[MessagePump] = [self.app]
            with contextlib.suppress(Exception):  # no screen yet, or one being torn down
                nodes += list(self.app.screen.walk_children(with_self=True))
            await self._one_round(nodes)
            if all(node._message_queue.empty() for node in nodes):
                return

    @staticmethod
    async def _one_round(nodes: list[MessagePump]) -> None:
        """Every node finishes what it was doing and what was queued for it.

        No deadline: on a loaded machine a round may take seconds, and a key
        sent early would land in the wrong widget. Only a node that closes
        before running the callback (a screen torn down) stops being waited for.
        """
        pending: set[MessagePump] = set()
        done = asyncio.Event()

        def one_done(node: MessagePump) -> None:
            pending.discard(node)
            if not pending:
                done.set()

        for node in nodes:
            if node.call_later(one_done, node):
                pending.add(node)
        while pending:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), timeout=CLOSED_CHECK)
            pending.difference_update([node for node in pending if _closed(node)])


def _closed(node: MessagePump) -> bool:
    """Whether ``node`` has stopped (or is stopping) and will run no more callbacks."""
    return node._closing or node._closed
