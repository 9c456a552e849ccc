"""Reading a page's empty state (templates/includes/empty_state.html) in tests."""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html


@dataclass
class Shown:
    kind: str      # "filtered", "create" or "elsewhere"
    message: str
    hint: str
    links: list[tuple[str, str]]  # (href, text)


def empty_state_of(response) -> Shown | None:
    """The one empty-state block of a page, or None when the page has none."""
    blocks = lxml.html.fromstring(response.content.decode()).xpath("//*[@data-empty-state]")
    assert len(blocks) <= 1, "a page shows one empty state at most"
    if not blocks:
        return None
    block = blocks[0]
    hint = " ".join(p.text_content().strip() for p in block.xpath(".//*[contains(@class, 'empty-state-hint')]"))
    return Shown(kind=block.get("data-empty-state"), message=block.xpath("./p")[0].text_content().strip(),
                 hint=hint, links=[(a.get("href"), a.text_content().strip()) for a in block.xpath(".//a[@href]")])
