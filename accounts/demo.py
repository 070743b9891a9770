"""Demo accounts for trying the product; their passwords are public (README)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    """The login of a demo account; the account itself (names, cell, role's group) is in the
    demo app's fixture ``demo_accounts.json``."""

    username: str
    password: str
    role: str


DEMO_ACCOUNTS = (
    DemoAccount("quantri", "quantri-demo-2026", "admin"),
    DemoAccount("bientap", "bientap-demo-2026", "editor"),
    DemoAccount("pheduyet", "pheduyet-demo-2026", "approver"),
    DemoAccount("bithu", "bithu-demo-2026", "secretary"),
    DemoAccount("bithu2", "bithu2-demo-2026", "secretary"),
)

DEMO_PASSWORDS = frozenset(account.password for account in DEMO_ACCOUNTS)
