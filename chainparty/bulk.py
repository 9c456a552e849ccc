"""Work on a whole city at once (the follow-up pass, the year's workbook, an import) without Python's cycle
collector walking it again and again.

Such work keeps hundreds of thousands of rows as tuples and dicts while it runs. Each of them counts towards the
collector's next run, and every few hundred thousand new objects the collector walks every object the process
holds: in the stress follow-up pass that was 21 full walks, 1.5 s of its 10 s. These rows hold no reference cycles
(reference counting frees them as soon as they are dropped), so the collector is paused for the work and runs as
usual afterwards; whatever cyclic garbage the work left is collected then.
"""
from __future__ import annotations

import gc
from contextlib import ContextDecorator


class cycle_collection_paused(ContextDecorator):
    """Pause the cycle collector within the block (or the decorated function), as it was before afterwards; nested
    uses and a collector paused by someone else are left as they are."""

    def _recreate_cm(self):
        return type(self)()  # a decorated function's calls each keep their own state

    def __enter__(self):
        self._was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc):
        if self._was_enabled:
            gc.enable()
        return False
