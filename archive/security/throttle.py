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

Page passwords (Wagtail's view restriction form, for pages and for
documents) are throttled the same way, per restriction and client address
and per client address, by ``LoginThrottleMiddleware``: a wrong password
re-renders the form (200), a right one redirects.

The client address is REMOTE_ADDR, unless the request comes from one of
``TRUSTED_PROXIES``: then it is the right-most address of X-Forwarded-For
that is not a trusted proxy (nginx appends the address it saw; whatever a
client wrote before it is not believed). Without that, behind nginx every
client is 127.0.0.1 and twenty failures from anyone lock everyone out.

Own code rather than django-axes: axes would add a dependency, its own
tables and migrations, a middleware and an English lockout page to
translate, for what is here a hundred lines over the cache every worker
already shares.
"""

import hashlib
import ipaddress
import logging
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULTS = {
    "LOGIN_THROTTLE_FAILURES": 5,
    "LOGIN_THROTTLE_FAILURES_PER_IP": 20,
    "LOGIN_THROTTLE_WINDOW": 15 * 60,
    "LOGIN_THROTTLE_LOCKOUT": 15 * 60,
    # Addresses or networks of the proxies whose X-Forwarded-For is believed.
    "TRUSTED_PROXIES": (),
}

LOCKED_MESSAGE = (
    "Demasiados intentos fallidos de inicio de sesión. Por seguridad, espera {minutes} "
    "e inténtalo de nuevo."
)


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


class ThrottleUnavailable(Exception):
    """The counters cannot be read (Redis down): sign-in and page passwords wait rather than go unthrottled."""


def cache():
    backend = caches["default"]
    # The Redis backend reads an outage as a miss (archive/web/redis.py): here that would unlock everyone.
    return getattr(backend, "strict", backend)


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(setting("TRUSTED_PROXIES")))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or not _trusted(_address(remote), networks):
        return remote
    client = remote
    # From the right: each trusted proxy appended the address it saw.
    for value in reversed(forwarded.split(",")):
        address = _address(value)
        if address is None:
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


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


def _password_subjects(request, restriction):
    """A page password: failures count per restriction and address, and per address (shared with sign-in)."""
    ip = client_ip(request)
    if not ip:
        return []
    return [("password", f"{restriction}|{ip}", setting("LOGIN_THROTTLE_FAILURES")),
            ("ip", ip, setting("LOGIN_THROTTLE_FAILURES_PER_IP"))]


def _locked(subjects):
    keys = [_key("lock-" + kind, value) for kind, value, _limit in subjects]
    try:
        return any(cache().get_many(keys).values()) if keys else False
    except Exception as exc:  # noqa: BLE001 - any cache failure: refuse, never unthrottled
        logger.warning("Login throttle unavailable: %s", exc)
        raise ThrottleUnavailable from exc


def _record(subjects):
    window, lockout = setting("LOGIN_THROTTLE_WINDOW"), setting("LOGIN_THROTTLE_LOCKOUT")
    store = cache()
    for kind, value, limit in subjects:
        key = _key(kind, value)
        store.add(key, 0, timeout=window)
        try:
            count = store.incr(key)
        except ValueError:  # expired between add and incr
            store.set(key, 1, timeout=window)
            count = 1
        if count >= limit:
            store.set(_key("lock-" + kind, value), True, timeout=lockout)
            store.delete(key)


def is_locked(request, username):
    return _locked(_subjects(request, username))


def record_failure(request, username):
    _record(_subjects(request, username))


def password_locked(request, restriction):
    return _locked(_password_subjects(request, restriction))


def record_password_failure(request, restriction):
    _record(_password_subjects(request, restriction))


def password_passed(request, restriction):
    # The address's own count stays: one known password must not reset guessing at others.
    cache().delete(_key("password", f"{restriction}|{client_ip(request)}"))


def reset(username):
    value = str(username or "").strip().lower()
    cache().delete_many([_key("user", value), _key("lock-user", value)])


def _minutes():
    minutes = max(1, round(setting("LOGIN_THROTTLE_LOCKOUT") / 60))
    return "1 minuto" if minutes == 1 else f"{minutes} minutos"


def locked_message():
    return LOCKED_MESSAGE.format(minutes=_minutes())


def password_locked_message():
    return _("Demasiados intentos fallidos con la contraseña. Por seguridad, espera {minutes} e inténtalo de nuevo."
             ).format(minutes=_minutes())


def unavailable_message():
    return _("No podemos comprobar los intentos de acceso en este momento. Inténtalo de nuevo en unos minutos.")


def _username(credentials):
    from django.contrib.auth import get_user_model

    field = get_user_model().USERNAME_FIELD
    return credentials.get(field) or credentials.get("username") or credentials.get("email") or ""


def on_login_failed(sender, credentials, request=None, **kwargs):
    # A refused attempt while locked is not counted again: the lock must end
    # LOGIN_THROTTLE_LOCKOUT after it began, not after the last attempt.
    if request is not None and getattr(request, "login_throttled", False):
        return
    try:
        record_failure(request, _username(credentials))
    except Exception:  # noqa: BLE001 - the cache went down after the check: the next attempt is refused
        logger.warning("Login throttle: failure not recorded", exc_info=True)


def on_logged_in(sender, request, user, **kwargs):
    try:
        reset(user.get_username())
    except Exception:  # noqa: BLE001 - the count expires by itself
        logger.warning("Login throttle: count not reset", exc_info=True)


def connect():
    user_login_failed.connect(on_login_failed, dispatch_uid="archive_security_login_failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="archive_security_logged_in")
