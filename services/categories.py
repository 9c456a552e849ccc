"""The categories of an enterprise's need (诉求), shared by needs and by the resources that may answer them."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedCategory(models.TextChoices):
    ENERGY = "energy", _("energy")
    LAND = "land", _("land")
    LABOUR = "labour", _("labour")
    FUNDING = "funding", _("funding")
    POLICY = "policy", _("policy")
    TALENT = "talent", _("talent")
    TECHNOLOGY = "technology", _("technology")
    MARKET = "market", _("market")
    APPROVALS = "approvals", _("approvals")
    OTHER = "other", _("other")
