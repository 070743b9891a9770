"""Organisations that end, merge, rename and move, and archives that stay readable."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from bulletins.models import Issue
from people import reorganisation
from people.models import Organisation, OrganisationName, Succession, Transfer

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db

MERGER = datetime.date(2025, 7, 1)


def org(name, kind, parent=None):
    return Organisation.objects.create(name=name, kind=kind, parent=parent)


def published_on(issue, day, *, audience=()):
    issue.published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    if audience:
        issue.audience = Issue.Audience.ORGANISATIONS
        issue.audience_organisations.set(audience)
    issue.save()
    return issue


@pytest.fixture
def tree(city, board):
    """Two wards with a cell each; a secretary in each cell; a ward-only issue of 2025."""
    Kind = Organisation.Kind
    wards = {name: org(name, Kind.WARD, city) for name in ("Phường Sông Hiến", "Phường Đề Thám")}
    cells = {
        name: org(f"Chi bộ Tổ dân phố 3 {name}", Kind.CELL, ward) for name, ward in wards.items()
    }
    readers = {}
    for name, cell in cells.items():
        readers[name] = make_user(f"bithu_{len(readers)}")
        readers[name].organisations.set([cell])
    old_issue = published_on(
        make_issue(board, 5), datetime.date(2025, 5, 20), audience=[wards["Phường Sông Hiến"]]
    )
    return {"wards": wards, "cells": cells, "readers": readers, "old_issue": old_issue}


def readable(user):
    return set(Issue.objects.visible_to(user))


def test_a_ward_merged_into_a_new_ward_keeps_its_cells_archive(tree, city, board):
    song_hien, de_tham = tree["wards"].values()
    outsider = make_user("bithu_ngoai")
    outsider.organisations.set([org("Chi bộ khác", Organisation.Kind.CELL, city)])
    new_ward = Organisation(name="Phường Thục Phán", kind=Organisation.Kind.WARD, parent=city)

    reorganisation.merge([song_hien, de_tham], new_ward, MERGER, apply=True)

    new_ward = Organisation.objects.get(name="Phường Thục Phán")
    later = published_on(make_issue(board, 8), datetime.date(2025, 8, 5), audience=[song_hien])
    for reader in tree["readers"].values():
        reader.refresh_from_db()
    # The cells now sit under the new ward; the one from Sông Hiến keeps the May issue.
    assert {cell.parent for cell in Organisation.objects.filter(pk__in=[
        c.pk for c in tree["cells"].values()])} == {new_ward}  # fmt: skip
    assert tree["old_issue"] in readable(tree["readers"]["Phường Sông Hiến"])
    # Succession is by organisation, not by cell: the other ward's cell reads it too now,
    # as a member of the successor of Sông Hiến; an unrelated cell never does.
    assert tree["old_issue"] in readable(tree["readers"]["Phường Đề Thám"])
    assert tree["old_issue"] not in readable(outsider)
    # Addressed to the ended ward after the merger: the successor's members do not inherit it.
    assert later not in readable(tree["readers"]["Phường Sông Hiến"])


def test_succession_chains_and_dates(tree, city):
    song_hien = tree["wards"]["Phường Sông Hiến"]
    middle = org("Phường Hợp Nhất", Organisation.Kind.WARD, city)
    last = org("Phường Cuối", Organisation.Kind.WARD, city)
    reorganisation.merge([song_hien], middle, MERGER, apply=True)
    reorganisation.merge([middle], last, datetime.date(2026, 1, 1), apply=True)
    scope = Organisation.objects.former_scope([last.pk])
    assert scope[middle.pk] == datetime.date(2025, 12, 31)
    assert scope[song_hien.pk] == datetime.date(2025, 6, 30)  # never later than its own end
    assert tree["old_issue"] in readable(tree["readers"]["Phường Sông Hiến"])


def test_a_moved_cell_keeps_what_its_former_ward_received(tree):
    song_hien, de_tham = tree["wards"].values()
    cell = tree["cells"]["Phường Sông Hiến"]
    reorganisation.move([cell], de_tham, MERGER, apply=True)
    cell.refresh_from_db()
    assert cell.parent == de_tham
    assert Transfer.objects.get(organisation=cell).from_parent == song_hien
    reader = tree["readers"]["Phường Sông Hiến"]
    reader.refresh_from_db()
    assert tree["old_issue"] in readable(reader)


def test_the_archive_shows_the_name_the_publisher_had(client, tree, board):
    reader = tree["readers"]["Phường Sông Hiến"]
    internal = published_on(make_issue(board, 4), datetime.date(2025, 4, 20))
    reorganisation.rename(board, "Ban Tuyên giáo và Dân vận Thành ủy", MERGER, apply=True)
    newer = published_on(make_issue(board, 9), datetime.date(2025, 9, 20))
    client.force_login(reader)
    archive = client.get(reverse("bulletins:archive")).content.decode()
    assert "Ban Tuyên giáo Thành ủy" in archive
    assert "Ban Tuyên giáo và Dân vận Thành ủy" in archive
    page = client.get(internal.get_absolute_url()).content.decode()
    assert "Ban Tuyên giáo Thành ủy" in page
    assert "Ban Tuyên giáo và Dân vận Thành ủy" not in page
    assert (
        "Ban Tuyên giáo và Dân vận Thành ủy"
        in client.get(newer.get_absolute_url()).content.decode()
    )


def test_a_merger_in_the_admin_previews_then_moves_everything_in_one_audited_step(
    client, tree, city, board, superuser
):
    song_hien, de_tham = tree["wards"].values()
    ward_board = org("Ban Tuyên giáo Đảng ủy phường Sông Hiến", Organisation.Kind.BOARD, song_hien)
    editor = make_user("bientap_phuong", is_staff=True)
    editor.organisations.set([ward_board])
    draft = make_issue(ward_board, 7, published=False)
    draft.audience = Issue.Audience.ORGANISATIONS
    draft.save()
    draft.audience_organisations.set([song_hien])
    published = tree["old_issue"]
    client.force_login(superuser)
    url = reverse("admin:people_organisation_reorganise", args=["merge"])
    url += f"?ids={song_hien.pk},{de_tham.pk}"
    form = {"day": "2025-07-01", "new_name": "Phường Thục Phán", "new_kind": "ward"}

    preview = client.post(url, {**form, "_preview": "1"})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Phường Thục Phán" in text
    assert "Chi bộ Tổ dân phố 3 Phường Sông Hiến" in text  # a cell that moves
    assert str(draft) in text  # an unpublished issue that follows
    assert not Organisation.objects.filter(name="Phường Thục Phán").exists()  # nothing written

    response = client.post(url, {**form, "_apply": "1"})
    assert response.status_code == 302
    new_ward = Organisation.objects.get(name="Phường Thục Phán")
    ward_board.refresh_from_db()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert ward_board.parent == new_ward
    assert set(draft.audience_organisations.all()) == {new_ward}
    assert set(published.audience_organisations.all()) == {song_hien}  # never rewritten
    assert {s.successor for s in Succession.objects.all()} == {new_ward}
    assert Organisation.objects.get(pk=song_hien.pk).existed_until == datetime.date(2025, 6, 30)
    assert LogEntry.objects.filter(object_pk=str(song_hien.pk), actor=superuser).exists()
    # The changelist shows today's tree: the ended wards are gone unless asked for.
    changelist = reverse("admin:people_organisation_changelist")

    def listed(query=""):
        return {o.name for o in client.get(changelist + query).context["cl"].result_list}

    assert "Phường Thục Phán" in listed() and "Phường Sông Hiến" not in listed()
    assert "Phường Sông Hiến" in listed("?on=2025-06-30")
    assert "Phường Thục Phán" not in listed("?on=2025-06-30")
    assert {"Phường Sông Hiến", "Phường Thục Phán"} <= listed("?on=all")


def test_a_refused_reorganisation_writes_nothing(client, tree, city, superuser):
    song_hien = tree["wards"]["Phường Sông Hiến"]
    cell = tree["cells"]["Phường Sông Hiến"]
    with pytest.raises(ValidationError):
        reorganisation.merge([song_hien], cell, MERGER, apply=True)  # into its own child
    client.force_login(superuser)
    url = reverse("admin:people_organisation_reorganise", args=["merge"]) + f"?ids={city.pk}"
    response = client.post(url, {"day": "2025-07-01", "successor": cell.pk, "_apply": "1"})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Succession.objects.exists()
    assert Organisation.objects.get(pk=city.pk).existed_until is None


def test_editors_may_not_reorganise(client, tree, editor):
    client.force_login(editor)
    url = reverse("admin:people_organisation_reorganise", args=["merge"])
    song_hien = tree["wards"]["Phường Sông Hiến"]
    response = client.post(f"{url}?ids={song_hien.pk}", {"day": "2025-07-01", "_apply": "1"})
    assert response.status_code == 403
    assert not Succession.objects.exists()


def test_the_successor_boards_staff_manage_the_archive_of_the_board_it_succeeded(city, board):
    from bulletins.policy import policy

    old_issue = make_issue(board, 3)
    new_board = org("Ban Tuyên giáo và Dân vận Tỉnh ủy", Organisation.Kind.BOARD, city)
    editor = make_user("bientap_moi", groups=[roles.EDITOR], is_staff=True)
    editor.organisations.set([new_board])
    assert old_issue not in policy.issues_for(editor)
    reorganisation.merge([board], new_board, MERGER, apply=True)
    editor = type(editor).objects.get(pk=editor.pk)
    assert old_issue in policy.issues_for(editor)
    assert policy.can(editor, "view", old_issue)
    # They publish as their own body: the ended board is not offered for new issues.
    assert list(policy.publishers_for(editor)) == [new_board]


@pytest.mark.parametrize("how", ["typo fixed", "former name recorded"])
def test_a_renamed_publisher_shows_on_pages_already_seen(client, tree, board, how):
    """The issue page is cached by state and revalidated by ETag: a rename must be a new state."""
    reader = tree["readers"]["Phường Sông Hiến"]
    issue = published_on(make_issue(board, 4), datetime.date(2025, 4, 20))
    client.force_login(reader)
    first = client.get(issue.get_absolute_url())
    assert "Ban Tuyên giáo Thành ủy" in first.content.decode()
    if how == "typo fixed":
        board.name = "Ban Tuyên giáo Thành ủy Hòa Sơn"
        board.save()
        shown = "Ban Tuyên giáo Thành ủy Hòa Sơn"
    else:
        OrganisationName.objects.create(
            organisation=board,
            name="Ban Tuyên huấn Thành ủy",
            valid_until=datetime.date(2025, 5, 1),
        )
        shown = "Ban Tuyên huấn Thành ủy"
    again = client.get(issue.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert shown in again.content.decode()
