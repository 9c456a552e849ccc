"""Models of the services app, one module per list: needs (the workflow) and the working-day calendar."""
from .calendar import CategoryDeadlines, WorkingDayOverride  # noqa: F401
from .needs import (Assignment, ExtensionRequest, Feedback, Need, NeedAttachment, NeedCategory,  # noqa: F401
                    NeedEvent, NeedStatus)
