"""The matrix of a generated city: its regions, departments and their staff, chains with their alliances,
positions and member units, parks with their joint committees, positions and Party workers."""
from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from alliances.models import Alliance, AllianceMember, AlliancePosition, IndustrialChain
from chainparty.models import Department, DepartmentStaff, Official, Region, User
from parks.models import CommitteePosition, JointCommittee, Park, PartyWorker

from .base import COUNTIES_PER_CITY, City
from .rows import bulk

PROVINCE = ("320000", "江苏省")
# Jiangsu's prefecture-level cities; 宿迁 (321300) is left to the demo city. Beyond them: synthetic codes.
CITIES = [("320100", "南京市"), ("320200", "无锡市"), ("320300", "徐州市"), ("320400", "常州市"), ("320500", "苏州市"),
          ("320600", "南通市"), ("320700", "连云港市"), ("320800", "淮安市"), ("320900", "盐城市"), ("321000", "扬州市"),
          ("321100", "镇江市"), ("321200", "泰州市")]
RESERVED = {"321300"}
COUNTY_SUFFIXES = ["城区", "新区", "东区", "西区", "南县", "北县", "中县", "湖区", "港区"]
CITY_DEPARTMENTS = ["市委组织部", "市发展和改革委员会", "市工业和信息化局", "市科学技术局", "市人力资源和社会保障局",
                    "市商务局", "市地方金融监督管理局", "市自然资源和规划局", "市市场监督管理局", "市生态环境局"]
LEAD_DEPARTMENTS = [1, 2, 3, 5]  # indexes of CITY_DEPARTMENTS that lead chains
COUNTY_DEPARTMENTS = ["工信局", "人社局"]
CHAIN_NAMES = ["新能源汽车", "集成电路", "生物医药", "高端装备", "新材料", "晶硅光伏", "风电装备", "智能电网", "软件和信息服务",
               "纺织服装", "食品加工", "绿色建材", "节能环保", "医疗器械", "物联网", "人工智能", "工业机器人", "航空航天",
               "海工装备", "轨道交通", "现代物流", "数字文创", "激光装备", "化工新材料", "酿造（酒）"]
PARK_KINDS = [("经济技术开发区", "national"), ("高新技术产业开发区", "provincial"), ("智能制造产业园", "municipal"),
              ("科技创业园", "municipal"), ("现代物流园", "other"), ("化工园区", "provincial")]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = ["建国", "海燕", "志强", "红梅", "明", "静", "伟", "磊", "婷", "军", "秀英", "国庆", "晓梅", "文斌", "立新", "玉峰",
         "春燕", "振东", "卫平", "丽", "佳", "海涛", "永新", "志刚", "建华", "明杰", "文华", "志远", "敏", "强"]
OTHER_MEMBERS = [("university", "research", "{city}学院"), ("institute", "research", "{city}产业技术研究院"),
                 ("financial", "finance", "{city}农村商业银行"), ("financial", "finance", "江苏银行{city}分行")]


def person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def next_city(number_hint: int) -> tuple[str, str, str]:
    """Code, name and short name of the first city of the province not yet in the database."""
    taken = set(Region.objects.values_list("code", flat=True))
    for code, name in CITIES:
        if code not in taken and code not in RESERVED:
            return code, name, name[:-1]
    prefix = 3214
    while any(code.startswith(str(prefix)) for code in taken) or f"{prefix}00" in RESERVED:
        prefix += 1
    if prefix > 3299:
        raise RuntimeError("The province has no free city code left.")
    return f"{prefix}00", f"苏{prefix - 3200}市", f"苏{prefix - 3200}"


def regions(city: City) -> None:
    province, _created = Region.objects.get_or_create(code=PROVINCE[0], defaults={"name": PROVINCE[1],
                                                                                  "level": Region.Level.PROVINCE})
    city.province = province
    city.region = Region.objects.create(code=city.code, name=city.name, level=Region.Level.CITY, parent=province)
    prefix = city.code[:4]
    city.counties = bulk(Region, [
        Region(code=f"{prefix}{index + 2:02d}", name=f"{city.short}{COUNTY_SUFFIXES[index]}",
               level=Region.Level.COUNTY, parent=city.region) for index in range(COUNTIES_PER_CITY)])


def users(city: City, kind: str, names: list[str]) -> list:
    """One user per name, usernames unique to the city (``s320100_dept3``), no usable password."""
    password = make_password(None)  # unusable: these accounts exist to be measured, not to sign in
    return bulk(User, [User(username=f"s{city.code}_{kind}{index}", name=name, password=password)
                       for index, name in enumerate(names, 1)])


def departments(city: City) -> None:
    city.departments = bulk(Department, [Department(name=name, region=city.region) for name in CITY_DEPARTMENTS] + [
        Department(name=f"{county.name}{name}", region=county) for county in city.counties
        for name in COUNTY_DEPARTMENTS])
    staff = users(city, "dept", [f"{department.name} {person(city.rng)}" for department in city.departments])
    bulk(DepartmentStaff, [DepartmentStaff(user=user, department=department, title="科长")
                           for user, department in zip(staff, city.departments)])
    city.staff_of = {department.pk: user.pk for department, user in zip(city.departments, staff)}
    officials = users(city, "official", [f"{city.name}委组织部 {person(city.rng)}"] + [
        f"{county.name}委组织部 {person(city.rng)}" for county in city.counties])
    bulk(Official, [Official(user=user, region=region, title="组织部副部长")
                    for user, region in zip(officials, [city.region, *city.counties])])


def chains(city: City, founded: date) -> None:
    rng, count = city.rng, city.counts["chains"]
    names = [CHAIN_NAMES[index % len(CHAIN_NAMES)] + ("" if index < len(CHAIN_NAMES) else f"{index // len(CHAIN_NAMES) + 1}")
             for index in range(count)]
    city.chains = bulk(IndustrialChain, [
        IndustrialChain(name=name, region=city.region, is_key=index < count * 0.9 or index == 0,
                        lead_department=city.departments[LEAD_DEPARTMENTS[index % len(LEAD_DEPARTMENTS)]],
                        description=f"{city.name}{name}重点产业链") for index, name in enumerate(names)])
    city.alliances = bulk(Alliance, [
        Alliance(chain=chain, name=f"{city.short}{chain.name}产业链党建联盟", founded_on=founded,
                 charter=f"{chain.name}产业链党建联盟章程：坚持党建引领，推动事务共商、资源共享、合作共赢。")
        for chain in city.chains])
    secretaries = users(city, "alliance", [f"{alliance.name}秘书长" for alliance in city.alliances])
    positions, workers, members = [], [], []
    for alliance, user in zip(city.alliances, secretaries):
        city.alliance_users[alliance.pk] = user.pk
        positions += [
            AlliancePosition(alliance=alliance, role="advisor", person_name=person(rng), title="副市长",
                             organisation=f"{city.name}人民政府", is_city_leader=True, start_date=founded),
            AlliancePosition(alliance=alliance, role="chair", person_name=person(rng), title="党组书记、局长",
                             organisation=alliance.chain.lead_department.name, start_date=founded),
            AlliancePosition(alliance=alliance, role="secretary_general", person_name=user.name, title="副局长",
                             organisation=alliance.chain.lead_department.name, user=user, start_date=founded),
        ] + [AlliancePosition(alliance=alliance, role="council_member", person_name=person(rng), title="理事",
                              is_party_member=rng.random() < 0.9, start_date=founded) for _ in range(4)]
        workers += [PartyWorker(name=person(rng), employment="part_time", alliance=alliance, title="联盟选派党员干部",
                                certificate_no=f"DW{city.code}A{alliance.pk}{n}" if rng.random() < 0.8 else "",
                                start_date=founded) for n in range(2)]
        members += [AllianceMember(alliance=alliance, kind=kind, segment=segment, name=name.format(city=city.short),
                                   joined_on=founded) for kind, segment, name in OTHER_MEMBERS]
        members.append(AllianceMember(alliance=alliance, kind="department", segment="government",
                                      department=alliance.chain.lead_department, joined_on=founded))
    bulk(AlliancePosition, positions)
    bulk(PartyWorker, workers)
    bulk(AllianceMember, members)


def parks(city: City, founded: date) -> None:
    rng, count = city.rng, city.counts["parks"]
    rows = []
    for index in range(count):
        county = city.counties[index % len(city.counties)]
        kind, level = PARK_KINDS[(index // len(city.counties)) % len(PARK_KINDS)]
        round_number = index // (len(city.counties) * len(PARK_KINDS))
        rows.append(Park(name=f"{county.name}{kind}" + (f"{round_number + 1}期" if round_number else ""), level=level,
                         county=county))
    city.parks = bulk(Park, rows)
    city.committees = bulk(JointCommittee, [
        JointCommittee(park=park, chain=city.chains[index % len(city.chains)],
                       name=f"{park.name}{city.chains[index % len(city.chains)].name}产业链联合党委",
                       secretary_name=person(rng), secretary_title="园区党工委副书记", founded_on=founded)
        for index, park in enumerate(city.parks)])
    staff = users(city, "committee", [f"{committee.park.name}专职党务工作者" for committee in city.committees])
    positions, workers = [], []
    for committee, user in zip(city.committees, staff):
        city.committee_users[committee.pk] = user.pk
        positions += [
            CommitteePosition(committee=committee, role="secretary", person_name=committee.secretary_name,
                              title=committee.secretary_title, start_date=founded),
            CommitteePosition(committee=committee, role="deputy_secretary", person_name=person(rng),
                              title="副书记", start_date=founded),
            CommitteePosition(committee=committee, role="staff", person_name=user.name, title="专职党务工作者",
                              user=user, start_date=founded),
        ]
        workers += [PartyWorker(name=person(rng), employment="full_time", committee=committee, title="专职党务工作者",
                                certificate_no=f"DW{city.code}C{committee.pk}{n}" if rng.random() < 0.8 else "",
                                certified_on=founded + timedelta(days=90), start_date=founded) for n in range(2)]
    bulk(CommitteePosition, positions)
    bulk(PartyWorker, workers)


def build(city: City, founded: date) -> None:
    regions(city)
    departments(city)
    chains(city, founded)
    parks(city, founded)
