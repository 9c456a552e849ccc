"""Demo data of the resource, project and visit lists for the demo city (called from services/demo.py).

Idempotent: every record is found by a natural key (department + title, alliance + year + title,
enterprise + date + body), and every random choice comes from ``city.rng_for(...)``, so loading twice
gives the same data.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .models import Milestone, Project, Resource, Visit

FINDINGS = [
    "企业反映熟练技工招聘难，希望联盟牵线职业院校开展订单式培养。",
    "企业新厂房用电增容申请进展较慢，请供电部门协调。",
    "企业有技术改造融资需求，约需资金500万元。",
    "企业党支部活动阵地不足，建议与链主企业共建共享。",
    "企业希望对接上下游配套企业，拓展本地采购。",
    "企业生产经营正常，对惠企政策落实情况表示满意。",
    "企业申报高新技术企业认定，需要业务指导。",
]
PROJECT_TEMPLATES = {
    Project.Category.PARTY_BUILDING: "{chain}“链上党建”示范提升行动",
    Project.Category.POLICY_SUPPORT: "{chain}惠企政策直达快享",
    Project.Category.BUSINESS_GUIDANCE: "{chain}技术攻关与供需对接",
    Project.Category.TALENT_SERVICE: "{chain}人才引育专项服务",
}


def _department(city, *keywords):
    """The first demo department whose name has one of the keywords, else the first one."""
    departments = list(city.departments.values())
    for keyword in keywords:
        for department in departments:
            if keyword in department.name:
                return department
    return departments[0]


def _resource(department, title, *, chains=(), **fields) -> Resource:
    resource, _ = Resource.objects.update_or_create(department=department, title=title, defaults=fields)
    resource.target_chains.set(chains)
    return resource


def load_resources(city) -> None:
    year = city.today.year
    valid = {"valid_from": date(year, 1, 1), "valid_to": date(year, 12, 31)}
    for name, chain in city.chains.items():
        department = chain.lead_department or _department(city, "工信", "发改")
        _resource(department, f"{name}产业链企业扶持政策", chains=[chain], kind=Resource.Kind.POLICY,
                  summary=f"对{name}产业链企业技术改造、扩大产能、首台套产品给予奖补。",
                  how_to_apply="登录平台提交诉求，或向牵头部门报送申报材料。", target_categories=["policy", "funding"],
                  published=True, **valid)
    laser = next((chain for name, chain in city.chains.items() if "激光" in name), None)
    if laser is not None:
        _resource(_department(city, "金融", "财政", "工信"), "宿城激光贷", chains=[laser], kind=Resource.Kind.LOAN,
                  summary="全市首个产业专项贷款，面向激光装备产业链企业，纯信用、低利率、快审批。",
                  body="由合作银行提供专项授信额度，对链上中小企业给予利率优惠和风险补偿。",
                  how_to_apply="向激光装备产业链党建联盟秘书处或合作银行网点提出申请。", quota=Decimal("50000"),
                  contact_info="联盟秘书处 0527-80000000", target_categories=["funding"], published=True, **valid)
        _resource(_department(city, "科技", "工信"), "激光检测设备共享", chains=[laser], kind=Resource.Kind.EQUIPMENT,
                  summary="链主企业开放激光功率检测、光束质量分析设备，按工时共享使用。",
                  target_categories=["technology"], published=True, **valid)
    labour = _department(city, "人社", "人力")
    _resource(labour, "线上线下招聘服务", kind=Resource.Kind.RECRUITMENT,
              summary="每月举办专场招聘会，常态开展线上直播带岗，为链上企业推荐用工。",
              how_to_apply="在平台提交用工诉求，注明岗位、人数和到岗时间。", target_categories=["labour"],
              published=True, **valid)
    _resource(labour, "高层次人才引进计划", kind=Resource.Kind.TALENT,
              summary="对企业引进的高层次人才给予安家补贴和项目资助。", target_categories=["talent"],
              published=True, **valid)
    _resource(_department(city, "组织", "工信"), "综合服务中心场地共享", kind=Resource.Kind.VENUE,
              summary="联盟综合服务中心会议室、展示厅、党建活动室向链上企业免费开放。", published=True, **valid)
    _resource(_department(city, "工信"), "数字化转型诊断服务（征求意见稿）", kind=Resource.Kind.POLICY,
              summary="草稿：拟为链上企业免费提供数字化转型诊断。", target_categories=["technology"],
              published=False)


def load_projects(city) -> None:
    year, today = city.today.year, city.today
    for name, alliance in city.alliances.items():
        rng = city.rng_for(f"services.projects.{name}")
        leaders = [e for e in city.enterprises if e.is_chain_leader and alliance.chain in e.chains.all()]
        for category, template in PROJECT_TEMPLATES.items():
            title = template.format(chain=name)
            target = {"target": Project.Target.CHAIN}
            if category == Project.Category.BUSINESS_GUIDANCE and leaders:
                title = f"一企一策：服务{leaders[0].name}"
                target = {"target": Project.Target.ENTERPRISE}
            project, _ = Project.objects.update_or_create(
                alliance=alliance, year=year, title=title,
                defaults={"category": category, "department": alliance.chain.lead_department,
                          "description": f"{name}产业链党建联盟{year}年度惠企项目。", **target})
            project.target_enterprises.set(leaders[:1] if target["target"] == Project.Target.ENTERPRISE else [])
            steps = [("制定实施方案", date(year, 3, 31)), ("组织推进落实", date(year, 9, 30)),
                     ("总结评估成效", date(year, 12, 20))]
            done = 0
            for step, due in steps:
                finished = due <= today and rng.random() < 0.85
                done += finished
                Milestone.objects.update_or_create(project=project, title=step, defaults={
                    "due_on": due, "done_on": due - timedelta(days=rng.randint(0, 10)) if finished else None})
            project.progress = round(100 * done / len(steps))
            project.status = Project.Status.COMPLETED if done == len(steps) else (
                Project.Status.IN_PROGRESS if done or today >= date(year, 3, 1) else Project.Status.PLANNED)
            project.save(update_fields=["progress", "status"])


def load_visits(city) -> None:
    """Visit most key enterprises this year (and many last year), by an alliance of their chain or their
    park's committee."""
    rng = city.rng_for("services.visits")
    alliances_by_chain = {alliance.chain_id: alliance for alliance in city.alliances.values()}
    committees_by_park = {committee.park_id: committee for committee in city.committees.values()}
    this_year = date(city.today.year, 1, 1)
    for enterprise in city.enterprises:
        chains = [chain for chain in enterprise.chains.all() if chain.is_key]
        if not chains or not (enterprise.is_chain_leader or enterprise.is_above_scale):
            continue
        for start, end, share in [(this_year, city.today, 0.85), (date(city.today.year - 1, 1, 1),
                                                                 this_year - timedelta(days=1), 0.7)]:
            chance, offset = rng.random(), rng.randint(0, max((end - start).days, 0))
            alliance = alliances_by_chain.get(rng.choice(chains).pk)
            committee = committees_by_park.get(enterprise.park_id)
            use_committee = committee is not None and (alliance is None or rng.random() < 0.4)
            findings = rng.choice(FINDINGS)
            if chance >= share or (alliance is None and committee is None):
                continue
            body = {"alliance": None, "committee": committee} if use_committee else \
                {"alliance": alliance, "committee": None}
            Visit.objects.update_or_create(
                enterprise=enterprise, visited_on=start + timedelta(days=offset), department=None, **body,
                defaults={"visitors": "联合党委书记、专职党务工作者" if use_committee else "联盟理事长、秘书长",
                          "purpose": "走访调研，收集企业诉求", "findings": findings})


def load(city) -> None:
    load_resources(city)
    load_projects(city)
    load_visits(city)
