"""Who may comment, and for which actor and group."""

from archive.taxonomy.models import Membership

from .models import MEMBERS_GROUP, MemberAccount


def member_account(user):
    """The account's link to its actor if the user may comment, else None.

    Both are needed: the group says the account is a member's, the link says
    whose name the comment carries.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.groups.filter(name=MEMBERS_GROUP).exists():
        return None
    return MemberAccount.objects.select_related("actor").filter(user=user).first()


def membership_on(actor, day):
    """The actor's membership on ``day`` (the latest one if none covers it), or None."""
    memberships = sorted(
        Membership.objects.filter(actor=actor),
        key=lambda m: (m.joined is not None, m.joined or day),
        reverse=True,
    )
    for membership in memberships:
        started = membership.joined is None or membership.joined <= day
        ongoing = membership.left is None or membership.left >= day
        if started and ongoing:
            return membership
    return memberships[0] if memberships else None
