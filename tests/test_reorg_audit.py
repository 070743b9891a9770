"""Audit of reorganisations (2025's two-level government): who keeps reading what after a
commune's cells move, a commune merges, a cell or a board ends, and what names the archive
shows. Each test builds its own tree; dates are those of the 2025 reform."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from bulletins import workflow
from bulletins.models import Issue, PublisherSettings
from documents.models import Document, DocumentType
from people import reorganisation
from people.models import Organisation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind
REFORM = datetime.date(2025, 7, 1)


def org(name, kind, parent=None, **extra):
    return Organisation.objects.create(name=name, kind=kind, parent=parent, **extra)


def issue_of(publisher, month, day, *, audience=(), year=2025, words=""):
    """A published issue of ``publisher`` dated ``day`` (its month ``month`` of ``year``),
    addressed to ``audience`` when given, with ``words`` in its first section."""
    issue = make_issue(publisher, month, sections=2)
    issue.year = year
    issue.published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    if audience:
        issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    if audience:
        issue.audience_organisations.set(audience)
    if words:
        section = issue.sections.order_by("position").first()
        section.body += f"<p>{words}</p>"
        section.save()
    return issue


def secretary(username, cell):
    user = make_user(username, groups=[roles.SECRETARY])
    user.organisations.set([cell])
    return user


def readable(user):
    user = type(user).objects.get(pk=user.pk)  # a fresh request's user
    return set(Issue.objects.visible_to(user))


# --- Rule 1: a moved cell keeps what it read, and gains nothing it never could ---------------


def test_a_cell_that_left_a_commune_before_it_absorbed_another_gains_nothing_of_the_other(
    city, board
):
    """Chi bộ xóm Nà Cạn left xã Hưng Đạo for xã Vĩnh Quang on 1/3/2025; on 1/7/2025 xã Chu
    Trinh merged into xã Hưng Đạo. The cell was never in a body that took over Chu Trinh's
    archive: its secretary must not read what Chu Trinh's cells alone received in February."""
    hung_dao = org("Đảng ủy xã Hưng Đạo", Kind.COMMUNE, city)
    vinh_quang = org("Đảng ủy xã Vĩnh Quang", Kind.COMMUNE, city)
    chu_trinh = org("Đảng ủy xã Chu Trinh", Kind.COMMUNE, city)
    na_can = org("Chi bộ xóm Nà Cạn", Kind.CELL, hung_dao)
    staying = org("Chi bộ xóm Nà Rụa", Kind.CELL, hung_dao)
    chu_trinh_only = issue_of(board, 2, datetime.date(2025, 2, 10), audience=[chu_trinh])
    hung_dao_only = issue_of(board, 1, datetime.date(2025, 1, 15), audience=[hung_dao])
    bi_thu = secretary("bithu_nacan", na_can)
    neighbour = secretary("bithu_narua", staying)

    reorganisation.move([na_can], vinh_quang, datetime.date(2025, 3, 1), apply=True)
    reorganisation.merge([chu_trinh], hung_dao, REFORM, apply=True)

    # What the cell read while in Hưng Đạo stays; Hưng Đạo's own cells inherit Chu Trinh's.
    assert hung_dao_only in readable(bi_thu)
    assert chu_trinh_only in readable(neighbour)
    assert chu_trinh_only not in readable(bi_thu)
    # The issue's side (who is told of it) follows the same rule.
    readers = set(Issue.objects.readers(chu_trinh_only))
    assert neighbour in readers and bi_thu not in readers


def test_a_cell_that_left_a_commune_gains_nothing_of_the_city_the_commune_joined_later(city, board):
    """Chi bộ thôn Bó Bủng left xã Hưng Đạo (Huyện ủy Hòa An) for xã Bế Triều on 1/3/2025;
    on 1/6/2025 xã Hưng Đạo was moved from Huyện ủy Hòa An to Thành ủy Cao Bằng. The cell was
    never under the city: the city's wards-only issue of February is not hers."""
    province = city.parent
    hoa_an = org("Huyện ủy Hòa An", Kind.CITY, province)
    hung_dao = org("Đảng ủy xã Hưng Đạo", Kind.COMMUNE, hoa_an)
    be_trieu = org("Đảng ủy xã Bế Triều", Kind.COMMUNE, hoa_an)
    bo_bung = org("Chi bộ thôn Bó Bủng", Kind.CELL, hung_dao)
    city_only = issue_of(board, 2, datetime.date(2025, 2, 12), audience=[city])
    hung_dao_only = issue_of(board, 1, datetime.date(2025, 1, 20), audience=[hung_dao])
    bi_thu = secretary("bithu_bobung", bo_bung)
    assert city_only not in readable(bi_thu)

    reorganisation.move([bo_bung], be_trieu, datetime.date(2025, 3, 1), apply=True)
    reorganisation.move([hung_dao], city, datetime.date(2025, 6, 1), apply=True)

    assert hung_dao_only in readable(bi_thu)  # what her old commune received stays hers
    assert city_only not in readable(bi_thu)
    assert bi_thu not in set(Issue.objects.readers(city_only))  # nor is she told of it


def test_a_cell_dissolved_without_successor_reads_its_old_issues_everywhere_but_no_new_one(
    client, city, board
):
    """Chi bộ Trường Tiểu học Sông Hiến ended on 30/6/2025 (the school merged into another,
    its cell dissolved, no successor). Published issues are never taken back (README,
    Reorganisations): the ward's May issue stays readable on the page, the archive, the
    search, the Word file and "cited in". An issue the ward gets in 2026, after the cell
    ended, is not hers on any of them."""
    ward = org("Đảng ủy phường Sông Hiến", Kind.WARD, city)
    school_cell = org("Chi bộ Trường Tiểu học Sông Hiến", Kind.CELL, ward)
    PublisherSettings.objects.create(publisher=board, readers_download_word=True)
    plan = Document.objects.create(
        document_type=DocumentType.objects.get(name="Kế hoạch"),
        number=215,
        code="215-KH/TU",
        issuer=city,
        issued_on=datetime.date(2025, 3, 2),
        subject="về tuyên truyền sắp xếp đơn vị hành chính",
    )
    cite = "Thực hiện Kế hoạch số 215-KH/TU, ngày 02/3/2025 của Thành ủy Cao Bằng."
    old = issue_of(board, 5, datetime.date(2025, 5, 18), audience=[ward], words=f"Khaunam {cite}")
    bi_thu = secretary("bithu_tieuhoc", school_cell)
    school_cell.existed_until = datetime.date(2025, 6, 30)
    school_cell.save()
    new = issue_of(
        board, 10, datetime.date(2026, 10, 20), year=2026, audience=[ward], words=f"Khaumoi {cite}"
    )
    client.force_login(bi_thu)

    def surfaces(issue, word):
        archive = client.get(reverse("bulletins:archive_year", args=[issue.year]))
        cited = client.get(plan.get_absolute_url()).content.decode()
        search = client.get(reverse("search"), {"q": word}).content.decode()
        return {
            "page": client.get(issue.get_absolute_url()).status_code == 200,
            "archive": archive.status_code == 200 and issue.title in archive.content.decode(),
            "search": issue.get_absolute_url() in search,
            "word": client.get(reverse("bulletins:issue_word", args=[issue.pk])).status_code == 200,
            "cited in": issue.get_absolute_url() in cited,
        }

    assert surfaces(old, "khaunam") == dict.fromkeys(surfaces(old, "khaunam"), True)
    assert not any(surfaces(new, "khaumoi").values()), surfaces(new, "khaumoi")


# --- Rule 3: the names of their time -----------------------------------------------------------


def test_the_word_cover_of_an_old_ward_issue_names_the_committee_of_its_time(client, city):
    """Đảng ủy phường Sông Bằng published its May 2025 issue under Thành ủy Cao Bằng; on
    1/7/2025 the city level ended and the ward was moved under Tỉnh ủy Cao Bằng. The Word
    copy of the May issue must still carry "Thành ủy Cao Bằng" above the ward, as printed."""
    province = city.parent
    song_bang = org("Đảng ủy phường Sông Bằng", Kind.WARD, city)
    cell = org("Chi bộ Tổ dân phố 12", Kind.CELL, song_bang)
    PublisherSettings.objects.create(publisher=song_bang, readers_download_word=True)
    may = issue_of(song_bang, 5, datetime.date(2025, 5, 12))
    reorganisation.move([song_bang], province, REFORM, apply=True)
    client.force_login(secretary("bithu_songbang", cell))

    response = client.get(reverse("bulletins:issue_word", args=[may.pk]))

    assert response.status_code == 200
    cover = docx.Document(io.BytesIO(response.content)).paragraphs[0].text
    assert "Đảng ủy phường Sông Bằng" in cover
    assert "Thành ủy Cao Bằng" in cover and "Tỉnh ủy Cao Bằng" not in cover, cover


def test_search_results_name_an_old_issues_publisher_as_it_was(client, city, board, reader):
    """Ban Tuyên giáo Thành ủy became Ban Tuyên giáo và Dân vận Thành ủy on 1/7/2025. A
    secretary searching the archive finds a section of the April 2025 issue: the results
    name its publisher as printed then, not only by the board's name of today."""
    april = issue_of(board, 4, datetime.date(2025, 4, 15), words="Phòng chống cháy rừng Khaudoc")
    reorganisation.rename(board, "Ban Tuyên giáo và Dân vận Thành ủy", REFORM, apply=True)
    client.force_login(reader)

    content = client.get(reverse("search"), {"q": "khaudoc"}).content.decode()

    assert april.get_absolute_url() in content
    assert "Ban Tuyên giáo Thành ủy" in content


# --- Rule 5: boards that ended publish nothing new ---------------------------------------------


def test_a_board_that_ended_cannot_publish_a_new_issue(city):
    """Ban Dân vận Thành ủy ended on 30/6/2025 (its end recorded on the organisation, the
    mass-mobilisation work going to the new Ban Tuyên giáo và Dân vận). Its former approver,
    whose account still lists it, cannot publish in its name in 2026."""
    dan_van = org("Ban Dân vận Thành ủy", Kind.BOARD, city)
    approver = make_user("pheduyet_danvan", groups=[roles.APPROVER], is_staff=True)
    approver.organisations.set([dan_van])
    draft = make_issue(dan_van, 11, published=False)
    dan_van.existed_until = datetime.date(2025, 6, 30)
    dan_van.save()
    approver = type(approver).objects.get(pk=approver.pk)

    assert dan_van not in policy_publishers(approver)
    with pytest.raises((PermissionDenied, ValidationError)):
        workflow.apply(draft, "publish", approver)


def test_the_successor_board_cannot_republish_a_withdrawn_issue_in_the_ended_boards_name(
    city, board
):
    """Ban Tuyên giáo Thành ủy withdrew its May 2025 issue for a correction, then merged into
    Ban Tuyên giáo và Dân vận Tỉnh ủy on 1/7/2025 (withdrawn issues stay with their publisher).
    The successor's approver manages the old archive, but publishing it again today would
    make the ended board publish a new issue, dated after its end."""
    province = city.parent
    may = issue_of(board, 5, datetime.date(2025, 5, 10))
    may.status = Issue.Status.WITHDRAWN
    may.save()
    new_board = org("Ban Tuyên giáo và Dân vận Tỉnh ủy", Kind.BOARD, province)
    approver = make_user("pheduyet_btgdv", groups=[roles.APPROVER], is_staff=True)
    approver.organisations.set([new_board])
    reorganisation.merge([board], new_board, REFORM, apply=True)
    approver = type(approver).objects.get(pk=approver.pk)

    try:
        workflow.apply(may, "reopen", approver)
        workflow.apply(Issue.objects.get(pk=may.pk), "publish", approver)
    except (PermissionDenied, ValidationError):
        pass
    may.refresh_from_db()
    board.refresh_from_db()
    published_after_end = (
        may.status == Issue.Status.PUBLISHED
        and timezone.localdate(may.published_at) > board.existed_until
        and may.publisher_id == board.pk
    )
    assert not published_after_end, f"published {may.published_at:%d/%m/%Y} as {board.name}"


def policy_publishers(user):
    from bulletins.policy import policy

    return set(policy.publishers_for(user))


def test_a_merge_leaves_a_scheduled_issue_already_due_as_readers_have_it(city, board):
    """An issue scheduled for a time that has passed is in readers' hands before the task
    marking it published has run: merging its board moves the drafts, not that issue."""
    province = city.parent
    due = make_issue(board, 6, published=False)
    due.status = Issue.Status.SCHEDULED
    due.published_at = timezone.now() - datetime.timedelta(hours=1)
    due.save()
    draft = make_issue(board, 7, published=False)
    new_board = org("Ban Tuyên giáo và Dân vận Tỉnh ủy", Kind.BOARD, province)

    reorganisation.merge([board], new_board, REFORM, apply=True)

    due.refresh_from_db()
    draft.refresh_from_db()
    assert due in Issue.objects.published()
    assert due.publisher == board  # as its readers received it
    assert draft.publisher == new_board


def test_cells_move_into_a_new_commune_on_its_first_day(city):
    """Xã Hòa An Mới exists from 1/7/2025: its cells are moved under it that same day; a cell
    that only starts that day cannot be moved on it."""
    old = org("Đảng ủy xã Dân Chủ", Kind.COMMUNE, city)
    new = org("Đảng ủy xã Hòa An Mới", Kind.COMMUNE, city)
    new.existed_from = REFORM
    new.save()
    cell = org("Chi bộ xóm Khuổi Luông", Kind.CELL, old)

    reorganisation.move([cell], new, REFORM, apply=True)

    cell.refresh_from_db()
    assert cell.parent == new
    young = org("Chi bộ xóm Nà Pò", Kind.CELL, old)
    young.existed_from = REFORM
    young.save()
    with pytest.raises(ValidationError):
        reorganisation.move([young], new, REFORM, apply=True)
