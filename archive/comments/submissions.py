"""Taking a comment in: the length and rate limits, counted in the database."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import CommentSubmission, MemberAccount

DEFAULT_MAX_LENGTH = 4000
# (how many, in how many seconds): 5 an hour and 20 a day.
DEFAULT_RATE_LIMIT = [(5, 60 * 60), (20, 24 * 60 * 60)]


def max_length():
    return int(getattr(settings, "COMMENTS_MAX_LENGTH", DEFAULT_MAX_LENGTH))


def rate_limits():
    return [(int(count), int(seconds)) for count, seconds in getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_RATE_LIMIT)]


class RateLimited(Exception):
    def __init__(self, count, seconds, retry_at):
        super().__init__(f"{count} in {seconds}s")
        self.count, self.seconds, self.retry_at = count, seconds, retry_at


def _check_rate(user, now):
    """Raise RateLimited with the earliest moment every window has room again."""
    longest = max((seconds for _, seconds in rate_limits()), default=0)
    if not longest:
        return
    recent = list(
        CommentSubmission.objects.filter(user=user, created_at__gt=now - timedelta(seconds=longest))
        .order_by("created_at").values_list("created_at", flat=True)
    )
    refusal = None
    for count, seconds in rate_limits():
        window = [moment for moment in recent if moment > now - timedelta(seconds=seconds)]
        if len(window) >= count:
            # Room comes back when the oldest submission that fills the window leaves it.
            retry_at = window[len(window) - count] + timedelta(seconds=seconds)
            if refusal is None or retry_at > refusal.retry_at:
                refusal = RateLimited(count, seconds, retry_at)
    if refusal:
        raise refusal


def submit(account, document, text):
    """Store a pending comment; raises RateLimited when the member sent too many lately."""
    with transaction.atomic():
        # Lock the member's row so two requests from two processes cannot both
        # count the same room left under the limit.
        MemberAccount.objects.select_for_update().filter(pk=account.pk).first()
        now = timezone.now()
        _check_rate(account.user, now)
        return CommentSubmission.objects.create(
            document=document, user=account.user, actor=account.actor, text=text, created_at=now,
        )
