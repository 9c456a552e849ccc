"""A need submitted and a need assigned, each through the API (written, then rolled back)."""
import json

from rest_framework.test import APIClient

from chainparty.models import Department
from services.models import Need

from .harness import measure


def _client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_need_submission(contact):
    client = _client(contact)
    enterprise_id = contact.enterprise_contacts.get().enterprise_id
    body = {"enterprise": enterprise_id, "category": "labour", "title": "招工困难", "workers_requested": 30,
            "description": "二季度扩产，急需一线操作工三十名。", "urgency": "normal", "source": "form"}

    def run():
        response = client.post("/api/v1/needs/", body, format="json")
        assert response.status_code == 201, response.content
    measure("need submission (API)", run, write=True)


def test_need_assignment(city, dispatcher):
    need = Need.objects.filter(county__parent=city, status=Need.Status.ACCEPTED, park__isnull=False) \
        .order_by("pk").first()
    client = _client(dispatcher(need.park_id))
    department = Department.objects.filter(region__in=[city, city.parent]).order_by("pk").first()
    body = {"lead_department": department.pk, "responsible_person": "王科长", "plan": "两周内走访企业，协调解决。"}

    def run():
        response = client.post(f"/api/v1/needs/{need.pk}/assign/", json.dumps(body), content_type="application/json")
        assert response.status_code == 200, response.content
    measure("need assignment (API)", run, write=True)
