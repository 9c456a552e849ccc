"""Models of the services app, one module per list: needs (needs.py) and the working-day calendar
(calendar.py), resources and projects (lists.py), visits (visits.py)."""
from .calendar import CategoryDeadlines, WorkingDayOverride  # noqa: F401
from .followups import FollowUp  # noqa: F401
from .lists import Milestone, Project, Resource  # noqa: F401
from .needs import (Assignment, ExtensionRequest, Feedback, Need, NeedAttachment, NeedCategory,  # noqa: F401
                    NeedEvent, NeedStatus)
from .visits import Visit  # noqa: F401
