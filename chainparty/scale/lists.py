"""Visits, annual projects, training sessions and demonstration sites of a generated city."""
from __future__ import annotations

from datetime import date, timedelta

from enterprises.demo import TRAINING_TOPICS
from enterprises.models import CRITERIA, DemonstrationSite, TrainingSession
from services.demo_lists import FINDINGS, PROJECT_TEMPLATES
from services.models import Milestone, Project, Visit

from .base import City
from .rows import bulk


def visits(city: City) -> None:
    """Mostly to key enterprises, by an alliance of their chain, their park's committee or a department."""
    rng = city.rng
    alliance_of = {alliance.chain_id: alliance for alliance in city.alliances}
    committee_of = {committee.park_id: committee for committee in city.committees}
    key = [e for e in city.enterprises if e.is_key] or city.enterprises
    rows = []
    for _ in range(city.counts["visits"]):
        enterprise = rng.choice(key) if rng.random() < 0.8 else rng.choice(city.enterprises)
        draw = rng.random()
        if draw < 0.35 and enterprise.park_id:
            body, visitors = {"committee": committee_of[enterprise.park_id]}, "联合党委书记、专职党务工作者"
        elif draw < 0.9:
            body, visitors = {"alliance": alliance_of[enterprise.chain_ids[0]]}, "联盟理事长、秘书长"
        else:
            body, visitors = {"department": rng.choice(city.departments)}, "部门负责同志"
        rows.append(Visit(enterprise_id=enterprise.pk, visited_on=city.day_between(city.window_start, city.today),
                          visitors=visitors, purpose="走访调研，收集企业诉求", findings=rng.choice(FINDINGS), **body))
    bulk(Visit, rows)


def projects(city: City) -> None:
    rng, today = city.rng, city.today
    rows, steps = [], []
    for year in range(city.window_start.year, today.year + 1):
        for alliance in city.alliances:
            for category, template in PROJECT_TEMPLATES.items():
                project = Project(alliance=alliance, year=year, category=category,
                                  title=template.format(chain=alliance.chain.name),
                                  department=alliance.chain.lead_department,
                                  description=f"{alliance.name}{year}年度惠企项目。")
                done = 0
                for title, due in [("制定实施方案", date(year, 3, 31)), ("组织推进落实", date(year, 9, 30)),
                                   ("总结评估成效", date(year, 12, 20))]:
                    finished = due <= today and rng.random() < 0.85
                    done += finished
                    steps.append((project, Milestone(title=title, due_on=due,
                                                     done_on=due - timedelta(days=rng.randint(0, 10)) if finished else None)))
                project.progress = round(100 * done / 3)
                project.status = "completed" if done == 3 else "in_progress" if done or today >= date(year, 3, 1) else "planned"
                rows.append(project)
    bulk(Project, rows)
    for project, milestone in steps:
        milestone.project = project
    bulk(Milestone, [milestone for _project, milestone in steps])


def training_sessions(city: City) -> None:
    """Twice a year by the city, once a year by each county, each with some of the organisations."""
    rng = city.rng
    organizations = [e.organization_id for e in city.enterprises]
    by_county: dict[int, list[int]] = {}
    for enterprise in city.enterprises:
        by_county.setdefault(enterprise.county_id, []).append(enterprise.organization_id)
    sessions, attending = [], []
    for year in range(city.window_start.year, city.today.year + 1):
        plans = [(city.region, organizations, month) for month in (4, 10)]
        plans += [(county, by_county.get(county.pk, []), rng.choice([5, 6, 9])) for county in city.counties]
        for organizer, pool, month in plans:
            start = date(year, month, rng.randint(8, 20))
            if start > city.today:
                continue
            chosen = rng.sample(pool, min(len(pool), rng.randint(10, 40)))
            sessions.append(TrainingSession(organizer=organizer, topic=rng.choice(TRAINING_TOPICS), start_date=start,
                                            end_date=start + timedelta(days=rng.choice([0, 1, 2])),
                                            location=f"{organizer.name}委党校",
                                            participants=len(chosen) * rng.randint(1, 3) + rng.randint(5, 30)))
            attending.append(chosen)
    bulk(TrainingSession, sessions)
    through = TrainingSession.organizations.through
    bulk(through, [through(trainingsession_id=session.pk, partyorganization_id=organization)
                   for session, chosen in zip(sessions, attending) for organization in chosen])


def demonstration_sites(city: City) -> None:
    """Last year every chain leader was nominated by its chain's alliance, most were awarded."""
    rng = city.rng
    alliance_of = {alliance.chain_id: alliance for alliance in city.alliances}
    year = city.today.year - 1
    rows = []
    for enterprise in city.enterprises:
        if not enterprise.is_chain_leader:
            continue
        scores = {name: rng.randint(6, 10) for name, _label in CRITERIA}
        awarded = sum(scores.values()) >= 68 or rng.random() < 0.5
        rows.append(DemonstrationSite(enterprise_id=enterprise.pk, alliance=alliance_of[enterprise.chain_ids[0]],
                                      year=year, evaluator="市委组织部“三高三好三强”评审组",
                                      status="awarded" if awarded else "declined", nominated_on=date(year, 9, 1),
                                      awarded_on=date(year, 12, 1) if awarded else None, **scores))
    bulk(DemonstrationSite, rows)


def build(city: City) -> None:
    visits(city)
    projects(city)
    training_sessions(city)
    demonstration_sites(city)
