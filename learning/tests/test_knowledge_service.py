"""Scoring, one attempt per phase, closed phases, anonymous codes and the post-test pass mark."""

import pytest

from catalogue.models import CertificateRule
from learning.models import Attempt, AttemptAnswer, Phase, QuestionKind
from learning.queries.knowledge import knowledge_results, normalised_gain
from learning.services.knowledge import (
    AlreadyAnswered,
    KnowledgeRefused,
    code_key,
    submit_attempt,
)
from learning.tests.factories_knowledge import (
    KnowledgeTestFactory,
    QuestionFactory,
    right_answers,
    wrong_answers,
)
from training.models import RegistrationStatus
from training.queries.certificates import eligible_registrations
from training.tests.factories import AttendanceFactory, RegistrationFactory


@pytest.fixture
def test(db):
    test = KnowledgeTestFactory()
    test.pre_open = test.post_open = True
    test.save()
    return test


@pytest.fixture
def registration(test):
    return RegistrationFactory(training=test.training)


def test_single_choice_scores_one_point_for_the_right_answer(test, registration):
    attempt = submit_attempt(test, Phase.PRE, right_answers(test), registration=registration)
    assert (attempt.score, attempt.max_score) == (2, 2)


def test_wrong_and_missing_answers_score_nothing(test, registration):
    answers = wrong_answers(test)
    answers.pop(next(iter(answers)))
    attempt = submit_attempt(test, Phase.PRE, answers, registration=registration)
    assert attempt.score == 0
    assert AttemptAnswer.objects.filter(attempt=attempt, correct=False).count() == 2


def test_multiple_choice_scores_only_the_exact_set_of_right_answers(db):
    question = QuestionFactory(
        kind=QuestionKind.MULTIPLE, answers=[("A", True), ("B", True), ("C", False)]
    )
    test = KnowledgeTestFactory(
        questions=[question], training__organisation=question.organisation, pre_open=True
    )
    a, b, c = question.choices.all()
    people = RegistrationFactory.create_batch(4, training=test.training)
    scores = [
        submit_attempt(test, Phase.PRE, {question.pk: chosen}, registration=person).score
        for person, chosen in zip(
            people, [[a.pk, b.pk], [a.pk], [a.pk, b.pk, c.pk], [a.pk, b.pk, 999999]], strict=True
        )
    ]
    # An id that is not one of the question's answers is ignored, not counted.
    assert scores == [1, 0, 0, 1]


def test_single_choice_with_two_answers_ticked_is_wrong(test, registration):
    item = test.items.first()
    chosen = {item.question_id: [c.pk for c in item.question.choices.all()]}
    attempt = submit_attempt(test, Phase.PRE, chosen, registration=registration)
    assert attempt.score == 0


def test_second_attempt_in_a_phase_is_refused(test, registration):
    submit_attempt(test, Phase.PRE, wrong_answers(test), registration=registration)
    with pytest.raises(AlreadyAnswered):
        submit_attempt(test, Phase.PRE, right_answers(test), registration=registration)
    assert Attempt.objects.get().score == 0
    # The post-test is a phase of its own.
    submit_attempt(test, Phase.POST, right_answers(test), registration=registration)
    assert Attempt.objects.count() == 2


def test_closed_phase_is_refused(test, registration):
    test.post_open = False
    test.save()
    with pytest.raises(KnowledgeRefused, match="closed"):
        submit_attempt(test, Phase.POST, right_answers(test), registration=registration)
    assert not Attempt.objects.exists()


def test_registration_of_another_training_is_refused(test):
    stranger = RegistrationFactory()
    with pytest.raises(KnowledgeRefused):
        submit_attempt(test, Phase.PRE, right_answers(test), registration=stranger)
    assert not Attempt.objects.exists()


def test_waitlisted_registration_cannot_answer(test):
    waiting = RegistrationFactory(training=test.training, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(KnowledgeRefused):
        submit_attempt(test, Phase.PRE, right_answers(test), registration=waiting)


def test_anonymous_attempts_pair_by_code_without_storing_it(test):
    test.anonymous = True
    test.save()
    submit_attempt(test, Phase.PRE, wrong_answers(test), code="Lipa42")
    submit_attempt(test, Phase.POST, right_answers(test), code="Lipa42")
    submit_attempt(test, Phase.PRE, right_answers(test), code="Orah7x")
    keys = set(Attempt.objects.values_list("code_key", flat=True))
    assert keys == {code_key("Lipa42"), code_key("Orah7x")}
    assert not any("Lipa42" in key or "lipa42" in key for key in keys)
    assert Attempt.objects.filter(registration__isnull=False).count() == 0
    results = knowledge_results(test)
    paired = [p for p in results.participants if p.pre is not None and p.post is not None]
    assert len(paired) == 1 and (paired[0].pre, paired[0].post) == (0, 2)


def test_anonymous_code_cannot_answer_a_phase_twice(test):
    test.anonymous = True
    test.save()
    submit_attempt(test, Phase.PRE, wrong_answers(test), code="Lipa42")
    with pytest.raises(AlreadyAnswered):
        submit_attempt(test, Phase.PRE, right_answers(test), code="Lipa42")


@pytest.mark.parametrize("code", ["", "abc", "has space", "waytoolongcode123", "šuma"])
def test_anonymous_code_must_be_4_to_12_letters_or_digits(test, code):
    test.anonymous = True
    test.save()
    with pytest.raises(KnowledgeRefused):
        submit_attempt(test, Phase.PRE, right_answers(test), code=code)
    assert not Attempt.objects.exists()


def test_normalised_gain_formula():
    assert normalised_gain(2, 8, 10) == 0.75
    assert normalised_gain(4, 2, 10) == pytest.approx(-1 / 3)
    assert normalised_gain(10, 10, 10) is None  # nothing left to learn: undefined


def test_results_show_gain_per_person_and_class_averages(test):
    a, b, c = RegistrationFactory.create_batch(3, training=test.training)
    right, wrong = right_answers(test), wrong_answers(test)
    one_right = {**wrong, next(iter(right)): right[next(iter(right))]}
    submit_attempt(test, Phase.PRE, wrong, registration=a)  # 0 → 2: g = 1
    submit_attempt(test, Phase.POST, right, registration=a)
    submit_attempt(test, Phase.PRE, one_right, registration=b)  # 1 → 1: g = 0
    submit_attempt(test, Phase.POST, one_right, registration=b)
    submit_attempt(test, Phase.PRE, right, registration=c)  # 2 → 2: g undefined
    submit_attempt(test, Phase.POST, right, registration=c)
    results = knowledge_results(test)
    by_name = {p.label: p for p in results.participants}
    assert by_name[a.full_name].normalised_gain == 1
    assert by_name[b.full_name].normalised_gain == 0
    assert by_name[c.full_name].normalised_gain is None
    assert results.average_g == 0.5  # mean of the defined individual gains
    assert results.pre_average == 1 and results.post_average == pytest.approx(5 / 3)
    assert results.hake_g == pytest.approx((5 / 3 - 1) / (2 - 1))
    first = results.items[0]
    assert first.pre_share == pytest.approx(200 / 3) and first.post_share == 100


def test_results_take_a_constant_number_of_queries(test, django_assert_num_queries):
    for person in RegistrationFactory.create_batch(5, training=test.training):
        submit_attempt(test, Phase.PRE, wrong_answers(test), registration=person)
        submit_attempt(test, Phase.POST, right_answers(test), registration=person)
    with django_assert_num_queries(3):
        knowledge_results(test)


def test_passing_the_post_test_sets_post_test_passed(test):
    test.pass_mark = 60
    test.save()
    good, poor = RegistrationFactory.create_batch(2, training=test.training)
    submit_attempt(test, Phase.POST, right_answers(test), registration=good)
    submit_attempt(test, Phase.POST, wrong_answers(test), registration=poor)
    good.refresh_from_db()
    poor.refresh_from_db()
    assert good.post_test_passed is True
    assert poor.post_test_passed is False


def test_pre_test_does_not_decide_the_pass(test, registration):
    test.pass_mark = 50
    test.save()
    submit_attempt(test, Phase.PRE, right_answers(test), registration=registration)
    registration.refresh_from_db()
    assert registration.post_test_passed is None


def test_certificate_needs_a_passed_post_test_when_the_programme_says_so(test):
    test.pass_mark = 100
    test.save()
    programme = test.training.programme
    programme.certificate_rule = CertificateRule.ANY_DAY
    programme.certificate_needs_post_test = True
    programme.save()
    passed, failed = RegistrationFactory.create_batch(2, training=test.training)
    for person in (passed, failed):
        AttendanceFactory(registration=person)
    submit_attempt(test, Phase.POST, right_answers(test), registration=passed)
    submit_attempt(test, Phase.POST, wrong_answers(test), registration=failed)
    assert list(eligible_registrations(test.training)) == [passed]
    programme.certificate_needs_post_test = False
    programme.save()
    test.training.refresh_from_db()
    assert set(eligible_registrations(test.training)) == {passed, failed}
