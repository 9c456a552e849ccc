"""The demo city (宿迁-like, from the seed report): the matrix, its people and one user per role.

``python manage.py load_demo`` calls ``load_foundation`` and then, in order, the ``load(city)``
function of each app's ``demo.py`` (alliances, parks, enterprises, services), which add the app's
own records (meetings, member reports, needs …). Every loader is idempotent: it finds records by a
natural key (get_or_create / update_or_create), so running the command twice gives the same data.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.contrib.auth.hashers import check_password, make_password

DEMO_PASSWORD = "demo-2026-portal"


@dataclass
class DemoCity:
    """What the foundation loaded, handed to each app's ``demo.load(city)``."""

    rng: random.Random
    today: date
    province: object
    city: object
    counties: dict[str, object]                 # county name -> Region
    departments: dict[str, object]              # short name -> Department
    chains: dict[str, object]                   # chain name -> IndustrialChain
    alliances: dict[str, object]                # chain name -> Alliance
    parks: dict[str, object]                    # park name -> Park
    committees: dict[str, object]               # park name -> JointCommittee
    enterprises: list = field(default_factory=list)   # every Enterprise, in a stable order
    users: dict[str, object] = field(default_factory=dict)  # demo username -> User

    def rng_for(self, name: str) -> random.Random:
        """A generator seeded by ``name``: each loader's choices stay the same from run to run."""
        return random.Random(f"demo:{name}")


# --- The foundation's data -------------------------------------------------------------------

REGIONS = [  # GB/T 2260 codes
    ("320000", "江苏省", "province", None),
    ("321300", "宿迁市", "city", "320000"),
    ("321302", "宿城区", "county", "321300"),
    ("321311", "宿豫区", "county", "321300"),
    ("321322", "沭阳县", "county", "321300"),
    ("321323", "泗阳县", "county", "321300"),
    ("321324", "泗洪县", "county", "321300"),
]

DEPARTMENTS = {
    "org": "市委组织部", "ndrc": "市发展和改革委员会", "miit": "市工业和信息化局", "science": "市科学技术局",
    "hr": "市人力资源和社会保障局", "commerce": "市商务局", "finance": "市地方金融监督管理局",
    "land": "市自然资源和规划局", "market": "市市场监督管理局",
}

# chain -> (lead department, founded, advisor (city leader), chair, secretary general)
CHAINS = {
    "晶硅光伏": ("ndrc", date(2023, 3, 18), ("王振东", "市委常委、常务副市长"), ("刘国庆", "市发改委党组书记、主任"),
             ("陈晓梅", "市发改委副主任")),
    "激光装备": ("miit", date(2023, 3, 18), ("李卫平", "副市长"), ("周建军", "市工信局党组书记、局长"),
             ("孙海涛", "市工信局副局长")),
    "食品加工": ("commerce", date(2023, 4, 26), ("赵立群", "市委常委、组织部部长"), ("吴红梅", "市商务局党组书记、局长"),
             ("郑明", "市商务局副局长")),
    "酿造（酒）": ("miit", date(2023, 4, 26), ("钱志刚", "副市长"), ("冯建华", "市工信局党委委员"),
              ("朱丽", "市工信局二级调研员")),
    "纺织服装": ("commerce", date(2023, 6, 8), ("何永新", "市人大常委会副主任"), ("许文斌", "市商务局副局长"),
             ("沈佳", "市商务局科长")),
}

# park -> (level, county code, chain, committee secretary)
PARKS = {
    "宿迁经济技术开发区": ("national", "321302", "晶硅光伏", "马立新"),
    "宿迁高新技术产业开发区": ("provincial", "321302", "激光装备", "葛玉峰"),
    "洋河新区": ("provincial", "321311", "酿造（酒）", "蒋文华"),
    "沭阳经济技术开发区": ("national", "321322", "纺织服装", "胡志远"),
    "泗阳经济开发区": ("provincial", "321323", "食品加工", "袁明杰"),
    "泗洪经济开发区": ("provincial", "321324", "食品加工", "邵春燕"),
}

# The report's named enterprises: name -> (chain, park, chain leader)
NAMED_ENTERPRISES = {
    "苏洋酿酒": ("酿造（酒）", "洋河新区", True),
    "国鼎酒业": ("酿造（酒）", "洋河新区", False),
    "国御酒业": ("酿造（酒）", "洋河新区", False),
    "卡米特激光": ("激光装备", "宿迁高新技术产业开发区", True),
    "永年激光": ("激光装备", "宿迁高新技术产业开发区", False),
    "先进光源技术研究院有限公司": ("激光装备", "宿迁高新技术产业开发区", False),
}

NAME_PARTS = {
    "晶硅光伏": (["天合", "润阳", "阿特斯", "晶澳", "中润", "海润", "华晟", "高景", "正泰", "协鑫", "隆基", "东磁"],
             ["光伏科技有限公司", "新能源有限公司", "硅材料有限公司", "光电科技有限公司"]),
    "激光装备": (["宏力", "光驰", "锐科", "华工", "大族", "飞博", "创鑫", "杰普特", "金橙子", "英诺", "镭宝", "光韵"],
             ["激光科技有限公司", "智能装备有限公司", "光电技术有限公司"]),
    "食品加工": (["康师傅", "今麦郎", "旺旺", "盼盼", "三只松鼠", "良品", "雨润", "卫岗", "洽洽", "思念", "得益"],
             ["食品有限公司", "乳业有限公司", "食品科技有限公司"]),
    "酿造（酒）": (["洋河", "双沟", "泗阳", "今世缘", "宿酒", "古黄河", "绵柔", "梦之蓝", "运河", "黄河故道"],
               ["酒业有限公司", "酿酒有限公司", "酒厂有限公司"]),
    "纺织服装": (["恒力", "盛虹", "阳光", "海澜", "波司登", "红豆", "鸿泰", "新风", "华峰", "云蝠", "锦纶"],
             ["纺织有限公司", "服饰有限公司", "化纤有限公司", "家纺有限公司"]),
}

SEGMENTS = ["upstream", "midstream", "midstream", "downstream", "peer"]

OTHER_MEMBERS = [  # (name, kind, segment) joined to every alliance
    ("宿迁学院", "university", "research"),
    ("江苏省产业技术研究院宿迁分院", "institute", "research"),
    ("江苏银行宿迁分行", "financial", "finance"),
    ("宿迁农村商业银行", "financial", "finance"),
]

DEMO_USERS = {
    # username: (display name, what they are)
    "admin": ("系统管理员", "Administrator"),
    "city_official": ("市委组织部 刘书记", "Official of the city"),
    "county_official": ("宿城区委组织部 韩部长", "Official of 宿城区"),
    "alliance_secretary": ("孙海涛", "Secretary general of the laser equipment alliance"),
    "committee_staff": ("宿迁高新区联合党委 葛专干", "Staff of the high-tech zone joint committee"),
    "department_staff": ("市工信局 邱科长", "Staff of the bureau of industry and IT"),
    "enterprise_contact": ("卡米特激光 党务联络员", "Contact of 卡米特激光"),
}


def load_foundation(today: date | None = None) -> DemoCity:
    """Regions, departments, chains, alliances, parks, committees, enterprises, people and users."""
    from django.utils import timezone

    from alliances.models import Alliance, AllianceMember, AlliancePosition, IndustrialChain
    from chainparty.models import Department, DepartmentStaff, Official, Region, User
    from enterprises.credit_code import check_character
    from enterprises.models import Enterprise, EnterpriseContact, PartyOrganization
    from parks.models import CommitteePosition, JointCommittee, Park, PartyWorker

    today = today or timezone.localdate()
    regions = {}
    for code, name, level, parent in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": regions.get(parent)})
    city = regions["321300"]
    counties = {r.name: r for r in regions.values() if r.level == "county"}

    departments = {key: Department.objects.get_or_create(region=city, name=name)[0]
                   for key, name in DEPARTMENTS.items()}

    chains, alliances = {}, {}
    for name, (lead, founded, advisor, chair, secretary) in CHAINS.items():
        chain, _ = IndustrialChain.objects.update_or_create(
            region=city, name=name, defaults={"is_key": True, "lead_department": departments[lead],
                                              "description": f"宿迁市{name}重点产业链"})
        alliance, _ = Alliance.objects.update_or_create(
            chain=chain, defaults={"name": f"{name}产业链党建联盟", "founded_on": founded,
                                   "charter": f"{name}产业链党建联盟章程：坚持党建引领，把上下游、左右岸、产学研全部囊括进来，"
                                              "推动事务共商、资源共享、合作共赢。"})
        chains[name], alliances[name] = chain, alliance
        for role, (person, title), leader in (("advisor", advisor, True), ("chair", chair, False),
                                              ("secretary_general", secretary, False)):
            AlliancePosition.objects.update_or_create(
                alliance=alliance, role=role, person_name=person,
                defaults={"title": title, "organisation": title.split("、")[0][:100], "is_party_member": True,
                          "is_city_leader": leader, "start_date": founded})

    parks, committees = {}, {}
    for name, (level, county_code, chain_name, secretary) in PARKS.items():
        park, _ = Park.objects.update_or_create(name=name, defaults={"level": level, "county": regions[county_code]})
        committee, _ = JointCommittee.objects.update_or_create(
            park=park, defaults={"chain": chains[chain_name], "name": f"{name}{chain_name}产业链联合党委",
                                 "secretary_name": secretary, "secretary_title": "园区党工委副书记（分管负责同志）",
                                 "founded_on": date(2023, 5, 1)})
        parks[name], committees[name] = park, committee
        CommitteePosition.objects.update_or_create(
            committee=committee, role="secretary", person_name=committee.secretary_name,
            defaults={"title": committee.secretary_title, "start_date": date(2023, 5, 1)})
        PartyWorker.objects.update_or_create(
            name=f"{name[:2]}专职党务工作者", committee=committee,
            defaults={"employment": "full_time", "title": "专职党务工作者", "certificate_no": f"SQDW{park.pk:04d}",
                      "certified_on": date(2024, 3, 1), "start_date": date(2023, 6, 1)})
    for name, alliance in alliances.items():
        for n in range(2):
            PartyWorker.objects.update_or_create(
                name=f"{name}联盟兼职党建指导员{n + 1}", alliance=alliance,
                defaults={"employment": "part_time", "title": "联盟选派党员干部", "start_date": alliance.founded_on})

    parks_of_chain = {}
    for park_name, (_, _, chain_name, _) in PARKS.items():
        parks_of_chain.setdefault(chain_name, []).append(parks[park_name])

    enterprises = []

    def make_enterprise(name, chain_name, park, leader, rng):
        county = park.county if park else rng.choice(list(counties.values()))
        serial = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10_000_000  # stable per name
        body = f"91{county.code}MA{serial:07d}"
        above = leader or rng.random() < 0.45
        enterprise, _ = Enterprise.objects.update_or_create(
            name=name, defaults={
                "credit_code": body + check_character(body), "county": county, "park": park,
                "is_chain_leader": leader, "is_above_scale": above,
                "ownership": rng.choice(["private", "private", "private", "joint_stock", "foreign", "mixed"]),
                "size": "large" if leader else rng.choice(["medium", "small", "small", "micro"]),
                "employees": rng.randint(800, 3000) if leader else rng.randint(20, 600),
                "address": f"{county.name}{park.name if park else ''}"})
        enterprise.chains.add(chains[chain_name])
        if rng.random() < (1.0 if leader or above else 0.75):
            level = rng.choice(["senior", "senior", "middle", "middle", "middle", "junior", "none"])
            organization, _ = PartyOrganization.objects.update_or_create(
                name=f"{name}党{'委' if leader else '支部'}", defaults={
                    "kind": "committee" if leader else "branch", "secretary_name": rng.choice(
                        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"]) + rng.choice(
                        ["建国", "海燕", "志强", "红梅", "明", "静", "伟", "磊", "婷", "军"]),
                    "secretary_management_level": level, "secretary_is_investor": level == "senior" and rng.random() < 0.4,
                    "superior": f"{park.name if park else county.name}非公企业党委", "founded_on": date(2019, 7, 1)})
            enterprise.party_organization = organization
            enterprise.save(update_fields=["party_organization"])
        AllianceMember.objects.update_or_create(
            alliance=alliances[chain_name], enterprise=enterprise,
            defaults={"kind": "enterprise", "segment": "midstream" if leader else rng.choice(SEGMENTS),
                      "joined_on": alliances[chain_name].founded_on})
        enterprises.append(enterprise)
        return enterprise

    rng = random.Random("demo:foundation")
    for name, (chain_name, park_name, leader) in NAMED_ENTERPRISES.items():
        make_enterprise(name, chain_name, parks[park_name], leader, rng)
    for chain_name, (prefixes, suffixes) in NAME_PARTS.items():
        for index, prefix in enumerate(prefixes):
            chain_parks = parks_of_chain.get(chain_name, [])
            park = chain_parks[index % len(chain_parks)] if chain_parks and index % 5 != 4 else None
            make_enterprise(f"宿迁{prefix}{suffixes[index % len(suffixes)]}", chain_name, park,
                            leader=index == 0 and chain_name not in ("激光装备", "酿造（酒）"), rng=rng)

    for alliance in alliances.values():
        for name, kind, segment in OTHER_MEMBERS:
            AllianceMember.objects.update_or_create(alliance=alliance, kind=kind, name=name,
                                                    defaults={"segment": segment, "joined_on": alliance.founded_on})
        AllianceMember.objects.update_or_create(
            alliance=alliance, kind="department", department=alliance.chain.lead_department,
            defaults={"segment": "government", "joined_on": alliance.founded_on})

    users = {}
    demo_password = _DemoPassword()
    for username, (display, _) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username, defaults={"name": display})
        if created or not demo_password.matches(user.password):
            user.password = demo_password.encoded
        user.name = display
        user.is_staff = username == "admin"
        user.is_superuser = username == "admin"
        user.save()
        users[username] = user
    Official.objects.get_or_create(user=users["city_official"], region=city, defaults={"title": "市委组织部副部长"})
    Official.objects.get_or_create(user=users["county_official"], region=counties["宿城区"],
                                   defaults={"title": "宿城区委组织部部长"})
    AlliancePosition.objects.filter(alliance=alliances["激光装备"], role="secretary_general") \
        .update(user=users["alliance_secretary"])
    CommitteePosition.objects.update_or_create(
        committee=committees["宿迁高新技术产业开发区"], role="staff", person_name="葛专干",
        defaults={"title": "专职党务工作者", "user": users["committee_staff"], "start_date": date(2023, 6, 1)})
    DepartmentStaff.objects.get_or_create(user=users["department_staff"], department=departments["miit"],
                                          defaults={"title": "科长"})
    EnterpriseContact.objects.update_or_create(
        user=users["enterprise_contact"], enterprise=Enterprise.objects.get(name="卡米特激光"),
        defaults={"position": "党支部组织委员", "mobile": "13800001234", "status": "approved", "active": True})

    return DemoCity(rng=random.Random("demo"), today=today, province=regions["320000"], city=city,
                    counties=counties, departments=departments, chains=chains, alliances=alliances, parks=parks,
                    committees=committees, enterprises=enterprises, users=users)


class _DemoPassword:
    """The demo accounts' one published password, hashed once for all of them and checked once per distinct hash:
    each hash costs a second of PBKDF2 on a small machine, and ``make run`` loads the demo every time."""

    def __init__(self):
        self._checked: dict[str, bool] = {}

    @cached_property
    def encoded(self) -> str:
        return make_password(DEMO_PASSWORD)

    def matches(self, encoded: str) -> bool:
        if encoded not in self._checked:
            self._checked[encoded] = check_password(DEMO_PASSWORD, encoded)
        return self._checked[encoded]


APP_LOADERS = ["alliances.demo", "parks.demo", "enterprises.demo", "services.demo"]


def load_all(today: date | None = None) -> DemoCity:
    """The foundation, then each app's own demo records."""
    from importlib import import_module

    from django.db import transaction

    with transaction.atomic():
        city = load_foundation(today)
        for module_name in APP_LOADERS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            module.load(city)
    return city
