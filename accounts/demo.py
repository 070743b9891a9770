"""Demo accounts for trying the product; their passwords are public (README)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    full_name: str
    role: str


DEMO_ACCOUNTS = (
    DemoAccount("quantri", "quantri-demo-2026", "Nông Văn Quản", "admin"),
    DemoAccount("bientap", "bientap-demo-2026", "Hoàng Thị Biên", "editor"),
    DemoAccount("pheduyet", "pheduyet-demo-2026", "Bế Văn Duyệt", "approver"),
    DemoAccount("bithu", "bithu-demo-2026", "Lục Văn Thư", "secretary"),
)

DEMO_PASSWORDS = frozenset(account.password for account in DEMO_ACCOUNTS)
