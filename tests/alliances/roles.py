"""Who sees and who changes each kind of record on side A of the `world` (side B: only admin and city_official
among the roles below see it, and only admin changes it)."""

ROLES = ["admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
         "contact_a", "outsider"]
SEES_B = {"admin", "city_official"}

_STAFF_READERS = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff"}

# record attribute on the `work` side -> (roles that see it, roles that change it)
EXPECTED = {
    "alliance_meeting": (_STAFF_READERS, {"admin", "alliance_staff_a"}),
    # the department leads the chain, not the park: the committee's records are not its business
    "committee_meeting": (_STAFF_READERS - {"department_staff"}, {"admin", "committee_staff_a"}),
    "activity": (_STAFF_READERS | {"contact_a"}, {"admin", "alliance_staff_a"}),
    "committee_activity": (_STAFF_READERS - {"department_staff"}, {"admin", "committee_staff_a"}),
    "agreement": (_STAFF_READERS | {"contact_a"}, {"admin", "alliance_staff_a"}),
    "pairing": (_STAFF_READERS | {"contact_a"}, {"admin", "alliance_staff_a"}),
    "center": (_STAFF_READERS | {"contact_a"}, {"admin", "alliance_staff_a"}),
    "instruction": (_STAFF_READERS, {"admin", "alliance_staff_a"}),
    "case": (_STAFF_READERS | {"contact_a"}, {"admin", "alliance_staff_a"}),
}
