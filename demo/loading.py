"""Put the demo in the database: fixtures, photos, issues through the importer, accounts.

Everything is found by its natural key, so loading again updates rows in place and changes
nothing when the files did not change. An issue file already imported (same content hash) is
not imported again; the manifest's metadata is written only where it differs, and the
publication goes through the workflow (``record_publication``) once.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils.html import format_html

from accounts.demo import DEMO_ACCOUNTS
from bulletins import workflow
from bulletins.importing import import_bulletin, read_bulletin
from bulletins.models import Issue
from people.models import CellType, Event, Organisation

HERE = Path(__file__).resolve().parent
ISSUES = HERE / "issues"
MEDIA = HERE / "media"
# In the order they depend on each other; the accounts last (they belong to cells).
FIXTURES = ["demo_organisations", "demo_registry", "demo_people"]
ACCOUNTS_FIXTURE = "demo_accounts"
PHOTOS = "images/demo"  # under images/: the media view serves them to the issues' readers


@dataclass
class Loaded:
    """What the demo holds, for the command's summary: {model: rows}, and the issues."""

    rows: dict = field(default_factory=dict)
    issues: list = field(default_factory=list)


def manifest():
    return json.loads((ISSUES / "manifest.json").read_text(encoding="utf-8"))


def load() -> Loaded:
    """Load or update the whole demo in one transaction."""
    loaded = Loaded()
    with transaction.atomic():
        for name in FIXTURES:
            call_command("loaddata", name, app_label="demo", verbosity=0)
            count_fixture(loaded, name)
        photos = copy_photos()
        for entry in manifest()["issues"]:
            loaded.issues.append(load_issue(entry, photos))
        load_accounts()
        count_fixture(loaded, ACCOUNTS_FIXTURE)
    return loaded


def count_fixture(loaded, name):
    rows = json.loads((HERE / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
    for row in rows:
        loaded.rows[row["model"]] = loaded.rows.get(row["model"], 0) + 1


def copy_photos():
    """{file name: address}: the photos in media storage, copied when missing or changed."""
    addresses = {}
    for photo in sorted(MEDIA.iterdir()):
        name = f"{PHOTOS}/{photo.name}"
        stored = default_storage.exists(name) and default_storage.size(name)
        if stored != photo.stat().st_size:
            if stored is not False:
                default_storage.delete(name)
            with photo.open("rb") as source:
                saved = default_storage.save(name, File(source))
            if saved != name:  # the storage would rename it: the manifest names the file
                raise RuntimeError(f"Media storage stored {name} as {saved}.")
        addresses[photo.name] = default_storage.url(name)
    return addresses


def load_issue(entry, photos):
    """Import the file once, then apply the manifest: readers, kind, sections, publication."""
    publisher = Organisation.objects.get_by_natural_key(*entry["publisher"])
    bulletin = read_bulletin(ISSUES / entry["file"])
    issue = Issue.objects.filter(source_hash=bulletin.source_hash).first()
    if issue is None:
        # A changed file refills its draft; a published issue is never replaced (the importer
        # refuses it with a message saying so).
        issue = import_bulletin(bulletin, publisher=publisher, replace=True)
    _update(
        issue,
        kind=entry.get("kind", Issue.Kind.REGULAR),
        topic=entry.get("topic", ""),
        audience=entry.get("audience", Issue.Audience.INTERNAL),
    )
    audience = [
        Organisation.objects.get_by_natural_key(*key)
        for key in entry.get("audience_organisations", [])
    ]
    if set(issue.audience_organisations.all()) != set(audience):
        issue.audience_organisations.set(audience)
    for row in entry.get("sections", []):
        _section(issue.sections.get(number=row["number"]), row, photos)
    if entry.get("published_at") and issue.status == Issue.Status.DRAFT:
        issue = workflow.record_publication(issue, datetime.fromisoformat(entry["published_at"]))
    return issue


def _update(instance, **values):
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)


def _section(section, row, photos):
    """What the file cannot carry: the event a news item reports, the cell types a section is
    written for, and a photo, placed after the first paragraph."""
    event = Event.objects.get_by_natural_key(*row["event"]) if row.get("event") else None
    body = section.body
    photo = row.get("photo")
    if photo and f'src="{photos[photo["file"]]}"' not in body:
        figure = format_html(
            '<figure class="image"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>',
            photos[photo["file"]],
            photo["caption"],
            photo["caption"],
        )
        head, found, tail = body.partition("</p>")
        body = f"{head}{found}\n{figure}\n{tail.lstrip()}" if found else f"{figure}\n{body}"
    _update(section, event=event, body=body)
    wanted = set(CellType.objects.filter(slug__in=row.get("cell_types", [])))
    if set(section.cell_types.all()) != wanted:
        section.cell_types.set(wanted)


def load_accounts():
    """The accounts from their fixture, with their public passwords (accounts.demo).

    Loading a fixture rewrites every field of the row: a password that still matches and the
    last login are kept, so that loading again changes nothing.
    """
    User = get_user_model()
    names = [account.username for account in DEMO_ACCOUNTS]
    kept = {
        username: (password, last_login)
        for username, password, last_login in User.objects.filter(username__in=names).values_list(
            "username", "password", "last_login"
        )
    }
    call_command("loaddata", ACCOUNTS_FIXTURE, app_label="demo", verbosity=0)
    for account in DEMO_ACCOUNTS:
        password, last_login = kept.get(account.username, ("", None))
        if password and check_password(account.password, password):
            User.objects.filter(username=account.username).update(
                password=password, last_login=last_login
            )
        else:
            user = User.objects.get(username=account.username)
            user.set_password(account.password)
            user.last_login = last_login
            user.save(update_fields=["password", "last_login"])
