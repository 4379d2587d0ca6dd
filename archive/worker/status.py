"""Whether any worker is running, for pages that would otherwise wait for one in silence."""

from django.utils import timezone

from .models import WorkerProcess
from .runner import stale_after


def workers_alive():
    """A worker said it was alive recently enough (runner.Heartbeat)."""
    return WorkerProcess.objects.filter(seen_at__gte=timezone.now() - stale_after()).exists()
