"""Admin of the services app: each list registers its own models."""
from . import admin_lists  # noqa: F401
