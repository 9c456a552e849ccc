"""Personal phone numbers shown masked (138****1234) to users who only read them.

Unmasked for administrators and for the body that may edit the record (``editable_by`` of its model).
API: add ``MaskedPhonesMixin`` to a serializer with ``masked_phone_fields``; pages: ``{% phone obj "field" %}``
(chainparty/templatetags/portal.py). One query per model and request (the editable ids are cached)."""
from __future__ import annotations


def mask_phone(value) -> str:
    text = str(value or "")
    if not text:
        return ""
    if len(text) >= 7:
        return f"{text[:3]}****{text[-4:]}"
    return "****"


def may_see_phone(request, obj) -> bool:
    if request is None:
        return False
    user = getattr(request, "user", None)
    if user is not None and (user.is_superuser or getattr(obj, "user_id", None) == user.pk):
        return True  # administrators, and everyone their own number
    cache = request.__dict__.setdefault("_phone_editable_ids", {})
    model = type(obj)
    label = model._meta.label
    if label not in cache:
        cache[label] = set(model.objects.editable_by(request.scope).values_list("pk", flat=True))
    return obj.pk in cache[label]


def shown_phone(request, obj, value) -> str:
    return str(value or "") if may_see_phone(request, obj) else mask_phone(value)


class MaskedPhonesMixin:
    masked_phone_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not may_see_phone(request, instance):
            for name in self.masked_phone_fields:
                if data.get(name):
                    data[name] = mask_phone(data[name])
        return data
