"""Create reader accounts in bulk from a CSV file: all rows or none.

Columns, in order: full name, username, email or phone, party cell, role. A header row is
recognised and skipped. A cell name shared by two wards is written "cell / ward". For the
board's own staff (editors, approvers) the fourth column names their board instead.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Organisation

from . import roles
from .models import User

HEADER_WORDS = {"username", "tên đăng nhập", "ten_dang_nhap"}
MAX_ROWS = 2000


class AccountFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class AccountRow:
    line: int
    full_name: str = ""
    username: str = ""
    contact: str = ""
    cell_name: str = ""
    role: str = ""
    cell: Organisation | None = None
    group: str = ""
    errors: list = field(default_factory=list)

    @property
    def email(self):
        return self.contact if "@" in self.contact else ""

    @property
    def phone(self):
        return "" if "@" in self.contact else self.contact


def read_rows(data: bytes) -> list[AccountRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AccountFileError(_("The file must be saved as UTF-8 CSV.")) from error
    records = [record for record in csv.reader(io.StringIO(text), _dialect(text)) if any(record)]
    if records and {cell.strip().lower() for cell in records[0]} & HEADER_WORDS:
        records = [None, *records[1:]]  # keep line numbers as the administrator sees them
    else:
        records = [None, *records]
    rows = [_validate(line, record) for line, record in enumerate(records, start=1) if record]
    if not rows:
        raise AccountFileError(_("The file has no accounts."))
    if len(rows) > MAX_ROWS:
        raise AccountFileError(_("At most %(max)d accounts per file.") % {"max": MAX_ROWS})
    _check_duplicates(rows)
    return rows


def _dialect(text):
    try:
        return csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _validate(line, record):
    values = [value.strip() for value in record]
    row = AccountRow(line)
    if len(values) != 5:
        row.errors.append(
            _("Expected 5 columns (full name, username, email or phone, cell, role), found %(n)d.")
            % {"n": len(values)}
        )
        return row
    row.full_name, row.username, row.contact, row.cell_name, row.role = values
    if not row.full_name:
        row.errors.append(_("The full name is empty."))
    _check_username(row)
    _check_contact(row)
    row.group = roles.IMPORTABLE.get(row.role.lower(), "")
    if not row.group:
        row.errors.append(
            _("Unknown role “%(role)s”: use %(roles)s.")
            % {
                "role": row.role,
                "roles": ", ".join([roles.SECRETARY, roles.EDITOR, roles.APPROVER]),
            }
        )
    _find_organisation(row)
    return row


def _check_username(row):
    try:
        User.username_validator(row.username)
    except ValidationError:
        row.errors.append(_("The username may contain only letters, digits and @ . + - _."))
        return
    if User.objects.filter(username__iexact=row.username).exists():
        row.errors.append(_("The username “%(username)s” is taken.") % {"username": row.username})


def _check_contact(row):
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(_("“%(value)s” is not a valid email.") % {"value": row.contact})
    elif not (8 <= sum(c.isdigit() for c in row.phone) <= 15) or set(row.phone) - set(
        "0123456789+ .-"
    ):
        row.errors.append(
            _("Give an email or a phone number; “%(value)s” is neither.") % {"value": row.contact}
        )


def _find_organisation(row):
    name, _slash, parent = (part.strip() for part in row.cell_name.partition("/"))
    cells = Organisation.objects.filter(name__iexact=name)
    if row.group == roles.SECRETARY:
        cells = cells.filter(kind=Organisation.Kind.CELL)
    if parent:
        cells = cells.filter(parent__name__iexact=parent)
    found = list(cells.select_related("parent")[:2])
    if not found:
        row.errors.append(_("No organisation named “%(cell)s”.") % {"cell": row.cell_name})
    elif len(found) > 1:
        row.errors.append(
            _("Several cells are named “%(cell)s”: write “%(cell)s / %(parent)s”.")
            % {"cell": name, "parent": found[0].parent.name if found[0].parent else ""}
        )
    else:
        row.cell = found[0]


def _check_duplicates(rows):
    seen = {}
    for row in rows:
        key = row.username.lower()
        if key and key in seen:
            row.errors.append(
                _("The username also appears on line %(line)d.") % {"line": seen[key]}
            )
        seen.setdefault(key, row.line)


@transaction.atomic
def create_accounts(rows):
    """Create the accounts with one-time passwords; returns [(user, password)]."""
    if any(row.errors for row in rows):
        raise AccountFileError(_("The file has errors: nothing was imported."))
    groups = {
        group.name: group for group in Group.objects.filter(name__in=roles.IMPORTABLE.values())
    }
    created = []
    for row in rows:
        family, _space, given = row.full_name.rpartition(" ")
        password = secrets.token_urlsafe(9)
        user = User(username=row.username, first_name=given, last_name=family, email=row.email)
        user.phone = row.phone
        user.is_staff = row.group != roles.SECRETARY
        user.set_password(password)
        user.must_change_password = True
        user.save()
        user.groups.add(groups[row.group])
        user.organisations.add(row.cell)
        created.append((user, password))
    return created
