"""Load: the dashboard, the needs list API and need submission together (127.0.0.1 only; see load.sh).

Users: ``city_official`` (dashboard), ``alliance_secretary`` (needs API) and ``enterprise_contact``
(submits needs) of the demo city, password ``demo-2026-portal``."""
import re

from locust import HttpUser, between, task

PASSWORD = "demo-2026-portal"


class Portal(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    username = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post("/accounts/login/", {"username": self.username, "password": PASSWORD,
                                              "csrfmiddlewaretoken": token}, name="login",
                         headers={"Referer": self.host + "/accounts/login/"})

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")


class Official(Portal):
    abstract = False
    weight = 2
    username = "city_official"

    @task
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")


class AllianceStaff(Portal):
    abstract = False
    weight = 2
    username = "alliance_secretary"

    @task
    def needs_api(self):
        self.client.get("/api/v1/needs/?page=1", name="needs list API")


class Enterprise(Portal):
    abstract = False
    weight = 1
    username = "enterprise_contact"

    @task
    def submit_need(self):
        page = self.client.get("/services/needs/new/", name="need form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        enterprise = re.search(r'name="enterprise" value="(\d+)"', page.text)
        if not token or not enterprise:
            return
        self.client.post("/services/needs/new/", {
            "csrfmiddlewaretoken": token.group(1), "enterprise": enterprise.group(1), "category": "policy",
            "title": "压测诉求", "description": "负载测试提交", "urgency": "normal"},
            name="need submission", headers={"Referer": self.host + "/services/needs/new/"})
