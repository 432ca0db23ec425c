"""The code lists of direct assistance (DESIGN.md §2: code lists are data).

Where HTCDS v2.0 (../shared/data/htcds/) has a list, the stored value is its value name, so the
HTCDS export maps one-to-one: `vic_TraffickingStatus`, `vic_TraffickingStatusDecisionMakingOrg`,
`vic_TypeOfExploitation`, `vic_ForcedLabourIndustry`, `vic_MethodOfRecruitment`,
`vic_MethodsOfControl`, `per_RoleInProcess`, `cas_Status`, `cas_ReasonForOutgoingReferral`.
Values HTCDS lacks (forced criminality, the detailed relation to a trafficker) are ours, and
`HTCDS_EXPLOITATION` / `HTCDS_RELATION` say what each becomes in an HTCDS export.
Gender, age band and country are the hotline's lists (HTCDS `prs_Gender`, ISO 3166).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hotline.codes import AgeBand, Country, Gender, Indicator

__all__ = ["AgeBand", "Country", "Gender"]


class CaseStatus(models.TextChoices):
    """HTCDS `cas_Status`."""

    ACTIVE = "Active", _("Open")
    FOLLOW_UP = "FollowUp", _("Follow-up")
    CLOSED = "Closed", _("Closed")
    CLOSED_REFERRED = "ClosedReferred", _("Closed, referred elsewhere")


OPEN_STATUSES = frozenset({CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP})


class TraffickingStatus(models.TextChoices):
    """HTCDS `vic_TraffickingStatus`, in the words of the National Referral Mechanism."""

    PRESUMED = "PossibleVictimOfTrafficking", _("Presumed victim")
    IDENTIFIED = "ActualVictimOfTrafficking", _("Identified victim")
    NOT_IDENTIFIED = "NotAVictimOfTrafficking", _("Not identified as a victim")


class DecisionMaker(models.TextChoices):
    """HTCDS `vic_TraffickingStatusDecisionMakingOrg`. In Serbia the Centre for Protection of
    Victims of Trafficking (a state body other than the police) identifies victims."""

    CENTRE = (
        "NonPoliceGovernmentalOrganization",
        _("Centre for Protection of Victims of Trafficking"),
    )
    POLICE = "Police", _("Police")
    COURT = "CourtOrProsecution", _("Court or prosecution")
    NGO = "NGO", _("Non-governmental organisation")
    OTHER = "Other", _("Other")


class ExploitationForm(models.TextChoices):
    """HTCDS `vic_TypeOfExploitation`, plus forced criminality (HTCDS: Other)."""

    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    LABOUR = "ForcedLabour", _("Labour exploitation")
    BEGGING = "ForcedBegging", _("Forced begging")
    MARRIAGE = "ForcedMarriage", _("Forced marriage")
    CRIMINALITY = "ForcedCriminality", _("Forced criminality")
    ADOPTION = "ForcedAdoption", _("Illegal adoption")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    SERVITUDE = "Servitude", _("Domestic servitude")
    OTHER = "Other", _("Other")


HTCDS_EXPLOITATION = {form.value: form.value for form in ExploitationForm} | {
    ExploitationForm.CRIMINALITY.value: ExploitationForm.OTHER.value
}


class LabourSector(models.TextChoices):
    """HTCDS `vic_ForcedLabourIndustry` (ISIC rev. 4 sections) the line meets."""

    AGRICULTURE = "A_AgricultureForestryAndFishing", _("Agriculture, forestry and fishing")
    MANUFACTURING = "C_Manufacturing", _("Manufacturing")
    CONSTRUCTION = "F_Construction", _("Construction")
    TRADE = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Trade and car repair")
    TRANSPORT = "H_TransportationAndStorage", _("Transport and storage")
    HOSPITALITY = "I_AccommodationAndFoodServiceActivities", _("Hotels, restaurants and catering")
    ENTERTAINMENT = "R_ArtsEntertainmentAndRecreation", _("Arts, entertainment and recreation")
    OTHER_SERVICES = "S_OtherServiceActivities", _("Other services")
    HOUSEHOLDS = "T_ActivitiesOfHouseholdsAsEmployers", _("Private households (domestic work)")


class RecruitmentMethod(models.TextChoices):
    """HTCDS `vic_MethodOfRecruitment`."""

    BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    SCHOOL = "AtAnEducationalInstitution", _("At school or university")
    WORK = "AtWork", _("At work")
    SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_AD = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TV_AD = "ThroughATelevisionAdvert", _("Through a television advertisement")
    NEWSPAPER_AD = "ThroughANewspaperAdvert", _("Through a newspaper advertisement")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or acquaintances")
    OTHER = "Other", _("Other")


# HTCDS `vic_MethodsOfControl`: the hotline's indicators without the vulnerabilities.
_METHODS_OF_CONTROL = {
    "PhysicalThreats",
    "ThreatsLawEnforcement",
    "ThreatensChildrenFamily",
    "DebtBondage",
    "FalsePromises",
    "PhysicalAbuse",
    "SexualAbuse",
    "TakesEarnings",
    "RestrictsFinancialAccess",
    "RestrictsMedicalCare",
    "WithholdsNecessities",
    "PsychologicalAbuse",
    "PsychoactiveSubstance",
    "ExcessiveWorkingHours",
    "WithholdsDocuments",
    "Other",
}
MEANS_OF_CONTROL: list[tuple[str, str]] = [
    (indicator.value, indicator.label)
    for indicator in Indicator
    if indicator.value in _METHODS_OF_CONTROL
]


class TraffickerRelation(models.TextChoices):
    PARTNER = "partner", _("Partner")
    FAMILY = "family", _("Family member")
    FRIEND = "friend", _("Friend")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    EMPLOYER = "employer", _("Employer")
    STRANGER = "stranger", _("Stranger")
    UNKNOWN = "unknown", _("Unknown")


# HTCDS `vic_RelationshipToTrafficker` is coarser: familial, acquainted, unacquainted.
HTCDS_RELATION = {
    TraffickerRelation.PARTNER.value: "Familial",
    TraffickerRelation.FAMILY.value: "Familial",
    TraffickerRelation.FRIEND.value: "Acquainted",
    TraffickerRelation.ACQUAINTANCE.value: "Acquainted",
    TraffickerRelation.EMPLOYER.value: "Acquainted",
    TraffickerRelation.STRANGER.value: "Unaquainted",
    TraffickerRelation.UNKNOWN.value: "",
}


class TraffickerRole(models.TextChoices):
    """HTCDS `per_RoleInProcess` (the roles a trafficker can hold)."""

    RECRUITER = "RecruiterOrIntermediary", _("Recruiter or intermediary")
    TRANSPORTER = "Transporter", _("Transporter")
    EXPLOITER = "Exploiter", _("Exploiter")
    BROKER = "BrokerTravelAgent", _("Broker or travel agent")
    ABUSER = "Abuser", _("Abuser")
    KIDNAPPER = "Kidnapper", _("Kidnapper")
    SMUGGLER = "Smuggler", _("Smuggler")
    OTHER = "Other", _("Other")


class Language(models.TextChoices):
    """ISO 639 codes of the languages assisted persons speak."""

    SR = "sr", _("Serbian")
    HU = "hu", _("Hungarian")
    RO = "ro", _("Romanian")
    ROM = "rom", _("Romani")
    SQ = "sq", _("Albanian")
    BS = "bs", _("Bosnian")
    MK = "mk", _("Macedonian")
    BG = "bg", _("Bulgarian")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    DE = "de", _("German")
    AR = "ar", _("Arabic")
    FA = "fa", _("Persian (Farsi, Dari)")
    OTHER = "other", _("Other")


class NeedDomain(models.TextChoices):
    SAFETY = "safety", _("Safety")
    ACCOMMODATION = "accommodation", _("Accommodation")
    HEALTH = "health", _("Health")
    PSYCHOLOGICAL = "psychological", _("Psychological well-being")
    LEGAL = "legal", _("Legal matters")
    DOCUMENTS = "documents", _("Personal documents")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Employment")
    FAMILY = "family", _("Family and relationships")
    FINANCES = "finances", _("Finances")


class NeedRating(models.IntegerChoices):
    NONE = 0, _("No need")
    LOW = 1, _("Low need")
    MEDIUM = 2, _("Considerable need")
    HIGH = 3, _("Urgent need")


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class ServiceKind(models.TextChoices):
    SOS_COUNSELLING = "sos_counselling", _("SOS counselling")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    LEGAL_AID = "legal_aid", _("Legal aid")
    LEGAL_REPRESENTATION = "legal_representation", _("Legal representation")
    MEDICAL = "medical", _("Medical assistance")
    ACCOMMODATION = "accommodation", _("Accommodation")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Employment support")
    FINANCIAL = "financial", _("Financial aid")
    MATERIAL = "material", _("Material aid")
    FAMILY_SUPPORT = "family_support", _("Family support")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to institutions")
    INTERPRETATION = "interpretation", _("Interpretation")
    OTHER = "other", _("Other")


class ReferralDirection(models.TextChoices):
    OUTGOING = "outgoing", _("Referred by us")
    INCOMING = "incoming", _("Referred to us")


class ReferralReason(models.TextChoices):
    """HTCDS `cas_ReasonForOutgoingReferral` / `cas_ReasonForIncomingReferral`."""

    SERVICES = "AdditionalServicesRequired", _("Additional services required")
    MOVE = "MigrationOrChangeOfLocation", _("Moving or change of location")
    OTHER = "Other", _("Other")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Where a referral may go from each status (services.referrals); withdrawn is also what a
# withdrawn consent does to the referrals that relied on it.
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.SENT: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}
# What a partner organisation can see and answer: open referrals, and the ones it completed.
PARTNER_VISIBLE_STATUSES = frozenset(
    {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED}
)


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance")
    SHARING = "sharing", _("Sharing with a named institution or organisation")
    STATISTICS = "statistics", _("Statistics")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent of the person (or their guardian)")
    VITAL_INTERESTS = "vital_interests", _("Vital interests of the person")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_INTEREST = "public_interest", _("Task in the public interest")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests")


class CourtRole(models.TextChoices):
    INJURED_PARTY = "injured_party", _("Injured party")
    WITNESS = "witness", _("Witness")
    INJURED_PARTY_WITNESS = "injured_party_witness", _("Injured party and witness")
    DEFENDANT = "defendant", _("Defendant")


class ProceedingStage(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation")
    INDICTMENT = "indictment", _("Indictment")
    FIRST_INSTANCE = "first_instance", _("First-instance trial")
    APPEAL = "appeal", _("Appeal")
    FINAL = "final", _("Final judgment")
    DISCONTINUED = "discontinued", _("Discontinued")


class ProtectiveMeasure(models.TextChoices):
    PSEUDONYM = "pseudonym", _("Testimony under a pseudonym")
    VIDEO_LINK = "video_link", _("Testimony by video link")
    SEPARATE_ROOM = "separate_room", _("Testimony from a separate room")
    CLOSED_HEARING = "closed_hearing", _("Public excluded from the hearing")
    NO_CONFRONTATION = "no_confrontation", _("No confrontation with the defendant")
    RESTRAINING_ORDER = "restraining_order", _("Restraining order")
    POLICE_PROTECTION = "police_protection", _("Police protection")
    ESPECIALLY_VULNERABLE = "especially_vulnerable", _("Status of an especially vulnerable witness")


class CompensationResult(models.TextChoices):
    NOT_CLAIMED = "not_claimed", _("Not claimed")
    PENDING = "pending", _("Claimed, not yet decided")
    AWARDED = "awarded", _("Awarded")
    PARTLY_AWARDED = "partly_awarded", _("Partly awarded")
    REFERRED_TO_CIVIL = "referred_to_civil", _("Referred to civil proceedings")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Awarded and paid")


class HearingKind(models.TextChoices):
    TESTIMONY = "testimony", _("Testimony")
    HEARING = "hearing", _("Hearing")
    VERDICT = "verdict", _("Verdict announced")


class ClosureReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Support plan goals achieved")
    PERSON_DECIDED = "person_decided", _("The person ended the assistance")
    MOVED = "moved", _("Moved away")
    REFERRED = "referred", _("Referred to another organisation")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class ClosureOutcome(models.TextChoices):
    REINTEGRATED = "reintegrated", _("Reintegrated")
    PARTLY = "partly", _("Partly reintegrated")
    NOT_REINTEGRATED = "not_reintegrated", _("Not reintegrated")
    UNKNOWN = "unknown", _("Unknown")
