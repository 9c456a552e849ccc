"""Models of the enterprises app: the enterprises and their Party organisations, and the branch's member growth."""
from .growth import (BASICS, CRITERIA, BranchRating, DemonstrationSite, MemberPost, MemberPostProject, MemberReport,
                     TrainingSession, check_participants, quarter_bounds)
from .organizations import Enterprise, EnterpriseContact, PartyOrganization

__all__ = ["Enterprise", "EnterpriseContact", "PartyOrganization", "MemberReport", "MemberPost",
           "MemberPostProject", "BranchRating", "DemonstrationSite", "TrainingSession", "BASICS", "CRITERIA",
           "check_participants", "quarter_bounds"]
