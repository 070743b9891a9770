"""Notices to readers and staff: in the site (the bell) and by e-mail or another channel.

Other apps tell people through ``notices.notify``; see README, Notices.
"""


def notify(recipients, kind, **kwargs):
    """Tell the recipients (accounts) something of a kind: see ``notices.sending.notify``."""
    from .sending import notify as create_and_queue  # the models load after the app registry

    return create_and_queue(recipients, kind, **kwargs)
