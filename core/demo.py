"""Demo organisations and one sign-in per role (seed facts: ../shared/data/seed-facts.yaml)."""

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from core.access import needs_second_factor
from core.models import Membership, Organisation, Role, User

DEMO_PASSWORD = "putokaz-demo-2026"  # noqa: S105  (printed for the demo on purpose)

ORGANISATIONS = [
    # The first organisation: a Belgrade NGO founded in 2000 (seed facts).
    {
        "slug": "demo-ngo",
        "name": "Putokaz Demo NGO Belgrade",
        "city": "Belgrade",
        "founded": 2000,
        "accepts_online_reports": True,
    },
    {"slug": "partner-ngo", "name": "Partner NGO Novi Sad", "city": "Novi Sad", "founded": 2004},
]

USERS = [
    ("admin", "Ana", "Adminović", Role.ADMINISTRATOR, "demo-ngo"),
    ("coordinator", "Jelena", "Jovanović", Role.EDUCATION_COORDINATOR, "demo-ngo"),
    ("trainer", "Marko", "Petrović", Role.TRAINER, "demo-ngo"),
    ("consultant", "Ivana", "Nikolić", Role.SOS_CONSULTANT, "demo-ngo"),
    ("casemanager", "Milica", "Đorđević", Role.CASE_MANAGER, "demo-ngo"),
    ("researcher", "Stefan", "Ilić", Role.RESEARCHER, "demo-ngo"),
    ("partner", "Dragana", "Kovač", Role.EDUCATION_COORDINATOR, "partner-ngo"),
]


def seed(context: dict[str, Any]) -> None:
    organisations = {}
    for data in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=data["slug"],
            defaults={key: value for key, value in data.items() if key != "slug"},
        )
        organisations[organisation.slug] = organisation
    context["organisations"] = organisations

    report = ["", f"Demo sign-ins (password for all: {DEMO_PASSWORD}):"]
    for username, first, last, role, org_slug in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.putokaz"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=organisations[org_slug], role=role)
        line = f"  {username:<12} {Role(role).label:<24} {organisations[org_slug].name}"
        if needs_second_factor([role]):
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="demo", defaults={"confirmed": True}
            )
            line += f"  TOTP secret (base32): {_base32(device)}  ·  code now: manage.py demo_otp {username}"
        report.append(line)
    context["report"] = context.get("report", []) + report


def _base32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode()
