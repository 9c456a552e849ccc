"""Models of the alliances app: the matrix (chains, alliances, positions, members) and the bodies' work."""
from .matrix import Alliance, AllianceMember, AlliancePosition, IndustrialChain
from .meetings import CalendarToken, Meeting, MeetingIssue
from .work import (Activity, Agreement, Case, Instruction, Pairing, ServiceCenter, check_participants,
                   check_parties)

__all__ = ["IndustrialChain", "Alliance", "AlliancePosition", "AllianceMember", "Meeting", "MeetingIssue",
           "CalendarToken", "Activity", "Agreement", "Pairing", "ServiceCenter", "Instruction", "Case",
           "check_parties", "check_participants"]
