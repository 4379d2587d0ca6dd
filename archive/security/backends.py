"""Listed first in AUTHENTICATION_BACKENDS: refuses every attempt for a locked username or address."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle


class LoginThrottleBackend:
    def authenticate(self, request, **credentials):
        try:
            locked = throttle.is_locked(request, throttle._username(credentials))
        except throttle.ThrottleUnavailable:
            locked = "unavailable"
        if locked:
            if request is not None:
                # LoginThrottleMiddleware answers 429 (or 503) with the Spanish message.
                request.login_throttled = locked
            # PermissionDenied stops authenticate() from trying the other backends.
            raise PermissionDenied
        return None

    def get_user(self, user_id):
        # Being first in the list, this backend is the one Client.force_login
        # and any login() without a backend record in the session: it must
        # find the user again on the next request, as ModelBackend does.
        return ModelBackend().get_user(user_id)
