"""The unified social credit code (统一社会信用代码) of GB 32100-2015 and its check character."""
from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
FORMAT = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"


def check_character(first17: str) -> str:
    """The 18th character that GB 32100 computes from the first seventeen."""
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first17, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if not re.match(FORMAT, value or ""):
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters other than I, O, S, V, Z."),
            code="format")
    if check_character(value[:17]) != value[17]:
        raise ValidationError(_("This unified social credit code's check character is wrong; please check the code."),
                              code="checksum")
