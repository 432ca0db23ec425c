"""The public programme catalogue: its speed against the bare view, and its constant query count."""

from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.context import Context
from bench.registry import Measurement, benchmark
from bench.server import HarnessError

PUBLIC_LIST = "/programmes/"
FEW_PROGRAMMES = 10


@benchmark("catalogue_public_ratio", unit="ratio", op=">=", target=0.5)
def public_list_ratio(context: Context) -> float:
    """Requests/s of /programmes/ (1,000 active programmes) divided by those of the bare view."""
    return context.ratio_to_bare(PUBLIC_LIST)


@benchmark("catalogue_public_queries", unit="queries", op="<=", target=10)
def public_list_queries(context: Context) -> Measurement:
    """SQL queries for /programmes/ with 10 and with 1,000 active programmes; must not differ."""
    many = count_queries(PUBLIC_LIST)
    with transaction.atomic():
        keep_only_active(FEW_PROGRAMMES)
        few = count_queries(PUBLIC_LIST)
        transaction.set_rollback(True)
    return Measurement(
        value=max(many, few),
        consistent=many == few,
        note=f"{few} queries with {FEW_PROGRAMMES} programmes, {many} with all",
    )


def keep_only_active(count: int) -> None:
    """Turn every active programme but the first `count` into a draft (inside the caller's transaction)."""
    from catalogue.models import Programme, ProgrammeStatus

    active = Programme.objects.filter(status=ProgrammeStatus.ACTIVE).order_by("pk")
    keep = list(active.values_list("pk", flat=True)[:count])
    if len(keep) < count:
        raise HarnessError(f"the bench data set has fewer than {count} active programmes")
    active.exclude(pk__in=keep).update(status=ProgrammeStatus.DRAFT)


def count_queries(path: str) -> int:
    """Queries of an anonymous GET that renders the page (warm connection, no kept page)."""
    client = Client(raise_request_exception=False)
    first = client.get(path)
    if first.status_code != 200:
        raise HarnessError(f"GET {path} answered {first.status_code}")
    # Count a fresh render, not a page kept from the first request (catalogue.public_pages).
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise HarnessError(f"GET {path} answered {response.status_code}")
    return len(queries.captured_queries)
