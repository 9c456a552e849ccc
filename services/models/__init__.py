"""Models of the services app, one module per list: needs (needs.py, calendar.py), resources and
projects (lists.py), visits (visits.py)."""
from .lists import Milestone, Project, Resource  # noqa: F401
from .visits import Visit  # noqa: F401
