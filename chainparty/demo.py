"""The demo city (宿迁-like, from the seed report): the matrix, its people and one user per role.

``python manage.py load_demo`` calls ``load_foundation`` and then, in order, the ``load(city)``
function of each app's ``demo.py`` (alliances, parks, enterprises, services), which add the app's
own records (meetings, member reports, needs …). Every loader is idempotent: it finds records by a
natural key (get_or_create / update_or_create), so running the command twice gives the same data.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

DEMO_PASSWORD = "demo-2026-portal"


@dataclass
class DemoCity:
    """What the foundation loaded, handed to each app's ``demo.load(city)``."""

    rng: random.Random
    today: date
    province: object
    city: object
    counties: dict[str, object]                 # county name -> Region
    departments: dict[str, object]              # short name -> Department
    chains: dict[str, object]                   # chain name -> IndustrialChain
    alliances: dict[str, object]                # chain name -> Alliance
    parks: dict[str, object]                    # park name -> Park
    committees: dict[str, object]               # park name -> JointCommittee
    enterprises: list = field(default_factory=list)   # every Enterprise, in a stable order
    users: dict[str, object] = field(default_factory=dict)  # demo username -> User

    def rng_for(self, name: str) -> random.Random:
        """A generator seeded by ``name``: each loader's choices stay the same from run to run."""
        return random.Random(f"demo:{name}")
