"""The code lists of the SOS and 116 000 lines (DESIGN.md §2: code lists are data).

Where HTCDS v2.0 (../shared/data/htcds/) has a list, the stored value is its value name, so the
later HTCDS export maps one-to-one: caller gender is `prs_Gender`, the indicators are
`vic_MethodsOfControl` and `vic_Vulnerabilities`. The other lists are the line's own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Line(models.TextChoices):
    SOS = "sos", _("SOS line")
    MISSING_CHILDREN = "116000", _("116 000 missing children")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    SMS = "sms", _("SMS")
    SOCIAL = "social", _("Social network")
    IN_PERSON = "in_person", _("In person")
    ONLINE_REPORT = "online_report", _("Online report")
    INSTITUTION = "institution", _("Institution")


class ContactKind(models.TextChoices):
    """A data contact asks everything; the others are counted and ask nothing more."""

    DATA = "data", _("Conversation")
    SILENT = "silent", _("Silent")
    HANG_UP = "hang_up", _("Hang-up")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    TEST = "test", _("Test")
    ABUSIVE = "abusive", _("Abusive")


QUICK_KINDS = [kind for kind in ContactKind if kind != ContactKind.DATA]


class ContactStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECEIVED = "received", _("Received, not yet processed")  # an online report in the queue
    RECORDED = "recorded", _("Recorded")


class CallerType(models.TextChoices):
    PERSON_AT_RISK = "person_at_risk", _("Person at risk")
    VICTIM = "victim", _("Victim")
    FAMILY_MEMBER = "family_member", _("Family member")
    FRIEND = "friend", _("Friend")
    PROFESSIONAL = "professional", _("Professional")
    CITIZEN = "citizen", _("Citizen")
    ANONYMOUS = "anonymous", _("Anonymous")


class Gender(models.TextChoices):
    """HTCDS `prs_Gender`."""

    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class AgeBand(models.TextChoices):
    UNDER_14 = "0-13", _("Under 14")
    FROM_14 = "14-17", _("14–17")
    FROM_18 = "18-24", _("18–24")
    FROM_25 = "25-34", _("25–34")
    FROM_35 = "35-49", _("35–49")
    FROM_50 = "50-64", _("50–64")
    FROM_65 = "65+", _("65 and over")
    UNKNOWN = "unknown", _("Unknown")


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the citizenships the line meets most; "ZZ" for any other."""

    RS = "RS", _("Serbia")
    BA = "BA", _("Bosnia and Herzegovina")
    ME = "ME", _("Montenegro")
    MK = "MK", _("North Macedonia")
    HR = "HR", _("Croatia")
    SI = "SI", _("Slovenia")
    AL = "AL", _("Albania")
    XK = "XK", _("Kosovo*")
    BG = "BG", _("Bulgaria")
    RO = "RO", _("Romania")
    HU = "HU", _("Hungary")
    MD = "MD", _("Moldova")
    UA = "UA", _("Ukraine")
    RU = "RU", _("Russia")
    TR = "TR", _("Türkiye")
    DE = "DE", _("Germany")
    AT = "AT", _("Austria")
    IT = "IT", _("Italy")
    AF = "AF", _("Afghanistan")
    SY = "SY", _("Syria")
    PK = "PK", _("Pakistan")
    CN = "CN", _("China")
    OTHER = "ZZ", _("Other or unknown")


class Subject(models.TextChoices):
    INFORMATION = "information", _("Information or prevention")
    JOB_OFFER = "job_offer", _("Checking a job offer abroad")
    SUSPECTED_TRAFFICKING = "suspected_trafficking", _("Suspected trafficking")
    HELP_REQUEST = "help_request", _("Request for help")
    MISSING_CHILD = "missing_child", _("Missing child")
    OTHER = "other", _("Other")


class Indicator(models.TextChoices):
    """Trafficking indicators a consultant may notice: HTCDS `vic_MethodsOfControl` and
    `vic_Vulnerabilities` value names."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of police or deportation")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats to children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Earnings taken")
    RESTRICTS_FINANCES = "RestrictsFinancialAccess", _("No access to own money")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Medical care withheld")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Food, sleep or shelter withheld")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Made to take drugs or alcohol")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Documents taken away")
    POVERTY = "Poverty", _("Poverty")
    MIGRATION = "Migration", _("Migration")
    HOMELESSNESS = "Homelessness", _("Homelessness")
    ADDICTION = "Addiction", _("Addiction")
    ABUSE_SOCIAL_MEDIA = "AbuseSocialMedia", _("Abuse through social media")
    OTHER = "Other", _("Other")


class RiskLevel(models.TextChoices):
    NONE = "none", _("No risk noticed")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    IMMEDIATE = "immediate", _("Immediate danger")


class Action(models.TextChoices):
    INFORMATION_GIVEN = "information_given", _("Information given")
    REFERRAL_POLICE = "referral_police", _("Referred to the police")
    REFERRAL_SOCIAL_WORK = "referral_social_work", _("Referred to the centre for social work")
    REFERRAL_VICTIM_CENTRE = (
        "referral_victim_centre",
        _("Referred to the Centre for Protection of Victims of Trafficking"),
    )
    REFERRAL_HEALTH = "referral_health", _("Referred to a health service")
    REFERRAL_OTHER = "referral_other", _("Referred elsewhere")
    CASE_OPENED = "case_opened", _("Case opened")


class Circumstance(models.TextChoices):
    RUNAWAY = "runaway", _("Runaway")
    PARENTAL_ABDUCTION = "parental_abduction", _("Parental abduction")
    MIGRATION = "migration", _("Missing in migration")
    LOST_INJURED = "lost_injured", _("Lost or injured")
    UNKNOWN = "unknown", _("Unknown")


class MissingChildStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    SEARCHING = "searching", _("Searching")
    FOUND = "found", _("Found")
    PROTECTION = "protection", _("Protection after finding")
    CLOSED = "closed", _("Closed")


# Where a missing-child report may go from each status (services.missing_children).
MISSING_CHILD_TRANSITIONS: dict[str, frozenset[str]] = {
    MissingChildStatus.REPORTED: frozenset(
        {MissingChildStatus.SEARCHING, MissingChildStatus.FOUND, MissingChildStatus.CLOSED}
    ),
    MissingChildStatus.SEARCHING: frozenset({MissingChildStatus.FOUND, MissingChildStatus.CLOSED}),
    MissingChildStatus.FOUND: frozenset({MissingChildStatus.PROTECTION, MissingChildStatus.CLOSED}),
    MissingChildStatus.PROTECTION: frozenset({MissingChildStatus.CLOSED}),
    MissingChildStatus.CLOSED: frozenset(),
}


class FoundCondition(models.TextChoices):
    UNHARMED = "unharmed", _("Unharmed")
    INJURED = "injured", _("Injured or ill")
    EXPLOITED = "exploited", _("Victim of exploitation or abuse")
    DECEASED = "deceased", _("Deceased")
    UNKNOWN = "unknown", _("Unknown")


class HandoverStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a case manager")
    ACCEPTED = "accepted", _("Case opened")
    DECLINED = "declined", _("Declined")
