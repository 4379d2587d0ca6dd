"""Local use: the embedded archive on http://127.0.0.1:8000."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
# A throwaway key is fine on a developer's machine; production refuses to
# start without its own (see production.py).
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
