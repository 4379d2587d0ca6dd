"""Lock a username, or a client address, out of signing in after repeated failures.

Every sign-in form of the site (Wagtail's admin, the members' login) goes
through ``django.contrib.auth.authenticate``; so the check sits in an
authentication backend listed first (``backends.LoginThrottleBackend``) and
the counting in the ``user_login_failed`` / ``user_logged_in`` signals. No
view has to remember to call it. Counters live in the cache, so they are
shared by every worker when the cache is Redis.

Windows are fixed: the first failure starts a window of
``LOGIN_THROTTLE_WINDOW`` seconds; reaching the limit inside it locks for
``LOGIN_THROTTLE_LOCKOUT`` seconds. A successful sign-in clears the
username's counter (not the address's: one valid account must not let an
attacker reset the count for guessing others).

Own code rather than django-axes: axes would add a dependency, its own
tables and migrations, a middleware and an English lockout page to
translate, for what is here a hundred lines over the cache every worker
already shares.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache

DEFAULTS = {
    "LOGIN_THROTTLE_FAILURES": 5,
    "LOGIN_THROTTLE_FAILURES_PER_IP": 20,
    "LOGIN_THROTTLE_WINDOW": 15 * 60,
    "LOGIN_THROTTLE_LOCKOUT": 15 * 60,
    # A request header (as in request.META) holding the client's address
    # when a proxy sits in front, e.g. "HTTP_X_REAL_IP"; empty: REMOTE_ADDR.
    "LOGIN_THROTTLE_IP_HEADER": "",
}

LOCKED_MESSAGE = (
    "Demasiados intentos fallidos de inicio de sesión. Por seguridad, espera {minutes} "
    "e inténtalo de nuevo."
)


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def client_ip(request):
    if request is None:
        return ""
    header = setting("LOGIN_THROTTLE_IP_HEADER")
    value = request.META.get(header, "") if header else ""
    # A proxy's header may list several addresses; the last one is the one it saw.
    value = value.split(",")[-1].strip() if value else request.META.get("REMOTE_ADDR", "")
    return value


def _key(kind, value):
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
    return f"login-throttle:{kind}:{digest}"


def _subjects(request, username):
    """(kind, value, limit) of what a failure counts against."""
    subjects = []
    if username:
        subjects.append(("user", str(username).strip().lower(), setting("LOGIN_THROTTLE_FAILURES")))
    ip = client_ip(request)
    if ip:
        subjects.append(("ip", ip, setting("LOGIN_THROTTLE_FAILURES_PER_IP")))
    return subjects


def is_locked(request, username):
    keys = [_key("lock-" + kind, value) for kind, value, _limit in _subjects(request, username)]
    return any(cache.get_many(keys).values()) if keys else False


def record_failure(request, username):
    window, lockout = setting("LOGIN_THROTTLE_WINDOW"), setting("LOGIN_THROTTLE_LOCKOUT")
    for kind, value, limit in _subjects(request, username):
        key = _key(kind, value)
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        if count >= limit:
            cache.set(_key("lock-" + kind, value), True, timeout=lockout)
            cache.delete(key)


def reset(username):
    value = str(username or "").strip().lower()
    cache.delete_many([_key("user", value), _key("lock-user", value)])


def locked_message():
    minutes = max(1, round(setting("LOGIN_THROTTLE_LOCKOUT") / 60))
    return LOCKED_MESSAGE.format(minutes="1 minuto" if minutes == 1 else f"{minutes} minutos")


def _username(credentials):
    from django.contrib.auth import get_user_model

    field = get_user_model().USERNAME_FIELD
    return credentials.get(field) or credentials.get("username") or credentials.get("email") or ""


def on_login_failed(sender, credentials, request=None, **kwargs):
    # A refused attempt while locked is not counted again: the lock must end
    # LOGIN_THROTTLE_LOCKOUT after it began, not after the last attempt.
    if request is not None and getattr(request, "login_throttled", False):
        return
    record_failure(request, _username(credentials))


def on_logged_in(sender, request, user, **kwargs):
    reset(user.get_username())


def connect():
    user_login_failed.connect(on_login_failed, dispatch_uid="archive_security_login_failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="archive_security_logged_in")
