"""Trainings: a run of 60 certificates, the staff training page's query count, and public
registrations per second against the bare view.

The data (bench.data.generate_training): a coordinator, held trainings with 6, 60 and 600
confirmed participants, a held training whose 60 participants attended both days, and an open
training with room for any number of registrations. Each benchmark puts back what it wrote, so
a re-run measures the same thing.
"""

import http.client
import os
import re
import secrets
import string
import time
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import data
from bench.context import BARE_PATH, Context
from bench.load import FormPost, fill_body, form_body_template, post_rate
from bench.registry import Measurement, benchmark
from bench.server import HarnessError

CERTIFICATES = data.CERTIFICATE_PARTICIPANTS


# --- Certificates -------------------------------------------------------------------------------


@benchmark("certificates_60_seconds", unit="seconds", op="<=", target=10)
def certificates_60_seconds(context: Context) -> Measurement:
    """Seconds for one certificate run of 60 participants: PDFs rendered, stored and e-mailed."""
    from django.core import mail

    from core.models import User
    from training.models import BatchStatus, Certificate, Training
    from training.services.certificates import run_batch, start_batch

    training = Training.objects.get(slug=data.CERTIFICATE_TRAINING)
    coordinator = User.objects.get(username=data.BENCH_COORDINATOR)
    remove_certificates(training)  # left over by an interrupted run
    outbox_before = len(getattr(mail, "outbox", []))
    try:
        batch = start_batch(training, actor=coordinator)
        started = time.perf_counter()
        run_batch(batch.pk)
        elapsed = time.perf_counter() - started
        batch.refresh_from_db()
        issued = list(Certificate.objects.filter(registration__training=training))
        if batch.status != BatchStatus.FINISHED or batch.done != CERTIFICATES:
            raise HarnessError(f"the run ended {batch.status} with {batch.done}/{batch.total}")
        if len(issued) != CERTIFICATES or not all(c.pdf and c.pdf.size > 0 for c in issued):
            raise HarnessError(f"{len(issued)} certificates issued, not all with a stored PDF")
        mailed = len(getattr(mail, "outbox", [])) - outbox_before
    finally:
        remove_certificates(training)
    return Measurement(
        elapsed,
        note=f"{CERTIFICATES} certificates in {elapsed:.2f} s "
        f"({elapsed / CERTIFICATES * 1000:.0f} ms each), {mailed} e-mailed; {machine_load()}",
    )


def remove_certificates(training: object) -> None:
    """Delete the training's certificates (and their PDF files), runs and queued run tasks."""
    from django_tasks_db.models import DBTaskResult

    from training.models import Certificate, CertificateBatch

    for certificate in Certificate.objects.filter(registration__training=training):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.delete()
    CertificateBatch.objects.filter(training=training).delete()
    # No worker runs against the bench database: the runs start_batch enqueued stay queued.
    DBTaskResult.objects.filter(task_path__endswith=".issue_certificates").delete()


def machine_load() -> str:
    """Timings on a shared machine mean little without its load beside them."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"


# --- The staff training page ---------------------------------------------------------------------


@benchmark("training_page_queries", unit="queries", op="<=", target=15)
def training_page_queries(context: Context) -> Measurement:
    """SQL queries of a training's staff page with 6, 60 and 600 participants; must not differ."""
    from training.models import Training

    client = coordinator_client()
    counts = {}
    for participants, slug in data.PAGE_TRAININGS.items():
        training = Training.objects.get(slug=slug)
        counts[participants] = count_queries(client, f"/trainings/{training.pk}/")
    return page_measurement(counts)


def page_measurement(counts: dict[int, int]) -> Measurement:
    """The largest count; consistent only when every size gave the same count."""
    return Measurement(
        value=max(counts.values()),
        consistent=len(set(counts.values())) == 1,
        note=", ".join(f"{count} queries with {size}" for size, count in counts.items()),
    )


def coordinator_client() -> Client:
    """A test client signed in as the bench coordinator, second factor included."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from core.models import User

    user = User.objects.get(username=data.BENCH_COORDINATOR)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is None:
        raise HarnessError(f"{data.BENCH_COORDINATOR} has no second factor in the bench data")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def count_queries(client: Client, path: str) -> int:
    """Queries of the second of two GETs (the first warms the session and connection)."""
    first = client.get(path)
    if first.status_code != 200:
        raise HarnessError(f"GET {path} answered {first.status_code}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise HarnessError(f"GET {path} answered {response.status_code}")
    return len(queries.captured_queries)


# --- Public registration -------------------------------------------------------------------------

# A successful registration redirects to the participant's page; a form error answers 200 and
# a duplicate 409, so only this status counts.
REGISTERED = 302
_TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@benchmark("registration_ratio", unit="ratio", op=">=", target=0.2)
def registration_ratio(context: Context) -> Measurement:
    """Registrations/s through the public form (each a new person) over the bare view's rate."""
    from core.models import Institution
    from training.models import Training

    training = Training.objects.get(slug=data.REGISTRATION_TRAINING)
    institution = (
        Institution.objects.filter(organisation_id=training.organisation_id).order_by("pk").first()
    )
    if institution is None:
        raise HarnessError("the bench data set has no institutions")
    url = f"{context.server().url}/t/{training.slug}/"
    remove_registrations(training)
    try:
        cookie, token = csrf_pair(url)
        post = FormPost(
            url=url,
            body_template=form_body_template(registration_fields(token, institution)),
            headers={"Cookie": f"csrftoken={cookie}"},
            success_status=REGISTERED,
        )
        check_registration(post)
        bare = context.requests_per_second(BARE_PATH)
        result = post_rate(post, context.load, context.var_dir)
        registered = training.registrations.count()
    finally:
        remove_registrations(training)
    context.rates[f"POST /t/{training.slug}/ (registrations)"] = result.rate
    return Measurement(
        result.rate / bare,
        note=f"{result.rate:.1f} registrations/s ({result.successes} in {result.seconds:.1f} s, "
        f"{result.failures} not registered; {registered} in the database incl. warm-up); "
        f"{machine_load()}",
    )


def registration_fields(token: str, institution: object) -> dict[str, str]:
    """The public form as a participant fills it in, picking an institution from the list;
    "{tag}" / "{Tag}" make each submission a different person."""
    return {
        "csrfmiddlewaretoken": token,
        "first_name": "Milica",
        "last_name": "{Tag}",
        "email": "{tag}@bench.example",
        "phone": "+381 64 123 4567",
        "profession": "nastavnica razredne nastave",
        "institution_name": institution.name,  # type: ignore[attr-defined]
        "institution": str(institution.pk),  # type: ignore[attr-defined]
        "institution_type": "",
        "municipality": "",
        "script": "latin",
        "language": "sr-latn",
        "consent": "on",
    }


def csrf_pair(url: str) -> tuple[str, str]:
    """A CSRF cookie and a form token from one real GET; Django accepts the pair repeatedly."""
    with urllib.request.urlopen(url, timeout=10) as response:
        if response.status != 200:
            raise HarnessError(f"GET {url} answered {response.status}")
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        html = response.read().decode()
    token = _TOKEN_FIELD.search(html)
    if "csrftoken" not in cookies or token is None:
        raise HarnessError(f"GET {url} gave no CSRF cookie and form token (is the form shown?)")
    return cookies["csrftoken"].value, token.group(1)


def check_registration(post: FormPost) -> None:
    """Post once and insist on the redirect a successful registration answers with."""
    parts = urlsplit(post.url)
    tag = "check" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(
            "POST",
            parts.path,
            body=fill_body(post.body_template, tag).encode(),
            headers={**post.headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = conn.getresponse()
        body = response.read().decode(errors="replace")
    finally:
        conn.close()
    if response.status != post.success_status:
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{1,200})', body)
        raise HarnessError(
            f"a registration POST answered {response.status}, not {post.success_status}"
            + (f": {'; '.join(e.strip() for e in errors[:3])}" if errors else "")
        )


def remove_registrations(training: object) -> None:
    """Delete the benchmark's registrations and the confirmation e-mails queued for them."""
    from django_tasks_db.models import DBTaskResult

    from training.models import Registration

    Registration.objects.filter(training=training).delete()
    DBTaskResult.objects.filter(task_path__endswith=".send_registration_email").delete()
