"""Administrators add people, set their roles and remove them — only in their own organisation."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditAction, AuditEntry, Membership, Role, User
from core.tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERS = reverse("core:members")
ADD = reverse("core:member_add")
GOOD_PASSWORD = "Privremena-Sifra-2026"


def edit_url(user):
    return reverse("core:member_edit", args=[user.pk])


def roles_of(user, organisation):
    return set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


@pytest.fixture
def admin_client(client_as):
    return client_as(Role.ADMINISTRATOR)


@pytest.fixture
def admin(admin_client):
    return admin_client.get(MEMBERS).wsgi_request.user


def new_person(**overrides):
    data = {
        "username": "milica",
        "first_name": "Milica",
        "last_name": "Petrović",
        "email": "milica@example.org",
        "roles": [Role.TRAINER],
        "password": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


def test_members_list_shows_people_with_their_roles(admin_client, member):
    trainer = member(Role.TRAINER)
    trainer.first_name, trainer.last_name = "Ana", "Marković"
    trainer.save()

    html = admin_client.get(MEMBERS).content.decode()

    assert "Ana Marković" in html
    assert "Trainer" in html


def test_members_list_leaves_out_other_organisations_people(
    admin_client, member, other_organisation
):
    outsider = member(Role.TRAINER, other_organisation)

    html = admin_client.get(MEMBERS).content.decode()

    assert outsider.username not in html


def test_members_list_runs_the_same_queries_however_many_members(
    admin_client, member, django_assert_max_num_queries
):
    for role in [Role.TRAINER, Role.RESEARCHER, Role.EDUCATION_COORDINATOR] * 5:
        member(role)

    with django_assert_max_num_queries(12):
        response = admin_client.get(MEMBERS)

    assert response.status_code == 200


def test_members_list_is_paginated(admin_client, member):
    for _ in range(55):
        member(Role.TRAINER)

    response = admin_client.get(MEMBERS)

    assert len(response.context["page"]) == 50
    assert "Page 1 of 2" in response.content.decode()


def test_people_without_manage_members_cannot_open_the_list(client_as):
    assert client_as(Role.EDUCATION_COORDINATOR).get(MEMBERS).status_code == 403


def test_adding_a_person_creates_their_account_with_the_roles(admin_client, organisation):
    response = admin_client.post(ADD, new_person(roles=[Role.TRAINER, Role.RESEARCHER]))

    user = User.objects.get(username="milica")
    assert response["Location"] == edit_url(user)
    assert user.get_full_name() == "Milica Petrović"
    assert user.check_password(GOOD_PASSWORD)
    assert roles_of(user, organisation) == {Role.TRAINER, Role.RESEARCHER}


def test_adding_a_person_is_audited_with_the_roles(admin_client, admin, organisation):
    admin_client.post(ADD, new_person(roles=[Role.TRAINER, Role.RESEARCHER]))

    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="core.user")
    assert entry.organisation == organisation
    assert entry.actor == admin
    assert entry.object_id == str(User.objects.get(username="milica").pk)
    assert "researcher" in entry.summary and "trainer" in entry.summary
    assert GOOD_PASSWORD not in entry.summary


def test_weak_temporary_password_is_refused(admin_client):
    response = admin_client.post(ADD, new_person(password="12345"))

    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert not User.objects.filter(username="milica").exists()


def test_new_account_needs_a_password(admin_client):
    response = admin_client.post(ADD, new_person(password=""))

    assert "A new account needs a temporary password" in response.content.decode()
    assert not User.objects.filter(username="milica").exists()


def test_at_least_one_role_is_required(admin_client):
    response = admin_client.post(ADD, new_person(roles=[]))

    assert response.status_code == 200
    assert not User.objects.filter(username="milica").exists()


def test_unknown_role_is_refused(admin_client):
    response = admin_client.post(ADD, new_person(roles=["superuser"]))

    assert response.status_code == 200
    assert not User.objects.filter(username="milica").exists()


@pytest.fixture
def account_elsewhere(other_organisation):
    return MembershipFactory(
        role=Role.CASE_MANAGER,
        organisation=other_organisation,
        user__username="milica",
        user__first_name="Milica",
        user__last_name="Privatna",
        user__email="milica@other.example",
    ).user


def test_existing_account_of_another_organisation_gains_the_membership(
    admin_client, organisation, other_organisation, account_elsewhere
):
    admin_client.post(ADD, new_person(first_name="Changed", email="Milica@Other.example"))

    account_elsewhere.refresh_from_db()
    assert roles_of(account_elsewhere, organisation) == {Role.TRAINER}
    assert roles_of(account_elsewhere, other_organisation) == {Role.CASE_MANAGER}
    assert account_elsewhere.first_name == "Milica"
    assert account_elsewhere.email == "milica@other.example"
    assert account_elsewhere.check_password(PASSWORD)


def test_existing_account_is_not_added_without_its_e_mail(
    admin_client, organisation, account_elsewhere
):
    response = admin_client.post(ADD, new_person(email="guess@example.org"))

    html = response.content.decode()
    assert "This username is taken" in html
    assert "Privatna" not in html
    assert "milica@other.example" not in html
    assert roles_of(account_elsewhere, organisation) == set()


def test_adding_an_existing_account_shows_only_this_organisations_roles(
    admin_client, account_elsewhere
):
    response = admin_client.post(ADD, new_person(email="milica@other.example"), follow=True)

    html = response.content.decode()
    assert "Other NGO" not in html
    assert 'value="trainer" id="id_roles_2" checked' in html
    assert 'value="case_manager" id="id_roles_4" checked' not in html


def test_adding_someone_already_a_member_is_refused(admin_client, member, organisation):
    trainer = member(Role.TRAINER)

    response = admin_client.post(
        ADD, new_person(username=trainer.username, roles=[Role.RESEARCHER])
    )

    assert "already a member" in response.content.decode()
    assert roles_of(trainer, organisation) == {Role.TRAINER}


def test_changing_roles_replaces_them_and_is_audited(admin_client, member, organisation):
    trainer = member(Role.TRAINER)

    response = admin_client.post(edit_url(trainer), {"roles": [Role.EDUCATION_COORDINATOR]})

    assert response.status_code == 302
    assert roles_of(trainer, organisation) == {Role.EDUCATION_COORDINATOR}
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(trainer.pk))
    assert entry.organisation == organisation
    assert "education_coordinator" in entry.summary


def test_changing_roles_here_leaves_other_organisations_alone(
    admin_client, member, organisation, other_organisation
):
    trainer = member(Role.TRAINER)
    MembershipFactory(user=trainer, organisation=other_organisation, role=Role.RESEARCHER)

    admin_client.post(edit_url(trainer), {"roles": [Role.EDUCATION_COORDINATOR]})

    assert roles_of(trainer, other_organisation) == {Role.RESEARCHER}


def test_removing_a_person_takes_every_role_here(admin_client, member, organisation):
    trainer = member(Role.TRAINER)

    response = admin_client.post(edit_url(trainer), {"remove": "1"})

    assert response["Location"] == MEMBERS
    assert roles_of(trainer, organisation) == set()
    assert User.objects.filter(pk=trainer.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(trainer.pk)).exists()


def test_last_administrator_cannot_drop_their_own_administrator_role(
    admin_client, admin, organisation
):
    response = admin_client.post(edit_url(admin), {"roles": [Role.TRAINER]}, follow=True)

    assert "must keep at least one administrator" in response.content.decode()
    assert roles_of(admin, organisation) == {Role.ADMINISTRATOR}


def test_last_administrator_cannot_remove_themselves(admin_client, admin, organisation):
    response = admin_client.post(edit_url(admin), {"remove": "1"}, follow=True)

    assert "must keep at least one administrator" in response.content.decode()
    assert roles_of(admin, organisation) == {Role.ADMINISTRATOR}


def test_an_administrator_may_step_down_when_another_remains(
    admin_client, admin, member, organisation
):
    member(Role.ADMINISTRATOR)

    admin_client.post(edit_url(admin), {"roles": [Role.TRAINER]})

    assert roles_of(admin, organisation) == {Role.TRAINER}


def test_a_person_of_another_organisation_is_not_found(admin_client, member, other_organisation):
    outsider = member(Role.TRAINER, other_organisation)

    assert admin_client.get(edit_url(outsider)).status_code == 404
    assert admin_client.post(edit_url(outsider), {"remove": "1"}).status_code == 404
    assert roles_of(outsider, other_organisation) == {Role.TRAINER}


def test_a_user_without_any_membership_is_not_found(admin_client):
    loner = UserFactory()

    assert admin_client.get(edit_url(loner)).status_code == 404


def test_member_page_shows_the_current_roles_checked(admin_client, member):
    trainer = member(Role.TRAINER)

    html = admin_client.get(edit_url(trainer)).content.decode()

    assert 'value="trainer" id="id_roles_2" checked' in html
    assert 'value="researcher" id="id_roles_5" checked' not in html


def test_a_non_numeric_member_address_is_not_found(admin_client):
    assert admin_client.get("/members/abc/").status_code == 404


def test_resetting_a_lost_second_factor_sends_the_person_back_to_enrolment(
    admin_client, client_as, organisation
):
    their_client = client_as(Role.CASE_MANAGER)
    case_manager = their_client.get("/dashboard/").wsgi_request.user

    admin_client.post(edit_url(case_manager), {"reset_second_factor": "1"})

    assert not TOTPDevice.objects.filter(user=case_manager).exists()
    assert their_client.get("/dashboard/")["Location"].startswith(reverse("core:otp_enrol"))
    entry = AuditEntry.objects.get(action=AuditAction.SECOND_FACTOR, object_id=str(case_manager.pk))
    assert entry.organisation == organisation
