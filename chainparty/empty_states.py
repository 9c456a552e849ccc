"""What a list page shows when it has no rows: why it is empty, and what to do next."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, kw_only=True)
class EmptyState:
    """The texts of one list's empty state, one per way the list can be empty.

    ``nothing``: there is nothing at all. Those who may create see ``create``, the label of the button to the
    create page; the others see ``elsewhere``: where the rows will come from.
    ``filtered``: filters are set and nothing matches — the next step is to clear them."""

    nothing: str
    filtered: str = ""
    create: str = ""
    elsewhere: str = ""

    def render(self, request, *, filtered: bool = False, create_url: str = "",
               link: tuple[str, str] | None = None) -> dict:
        """The context of includes/empty_state.html; ``link`` (url, label) is the step of those who may not create."""
        if filtered and self.filtered:
            return {"kind": "filtered", "message": self.filtered, "url": request.path,
                    "action": _("Clear the filters")}
        if create_url and self.create:
            return {"kind": "create", "message": self.nothing, "url": create_url, "action": self.create}
        url, action = link or ("", "")
        return {"kind": "elsewhere", "message": self.nothing, "hint": self.elsewhere, "url": url, "action": action}
