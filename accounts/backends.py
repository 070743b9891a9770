from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .demo import DEMO_PASSWORDS


class NoDemoPasswordInProductionBackend(ModelBackend):
    """Refuse the published demo passwords unless DEBUG is on.

    The demo passwords are printed in the README, so any account that still uses one must not
    open a production site, whatever its username.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEBUG and password in DEMO_PASSWORDS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
