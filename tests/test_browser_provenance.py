"""In a real browser (headless Debian chromium): a city editor builds next month's issue from
the central bulletin, adds two local sections, and readers see where each section came from."""

import pytest
from django.urls import reverse

from accounts.roles import EDITOR
from bulletins.models import Issue

from .factories import PASSWORD, make_issue, make_user
from .support import ARTIFACTS
from .test_provenance import levels, upstream_issue

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CREDIT = (
    "Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026 "
    "của Ban Tuyên giáo và Dân vận Trung ương"
)


def test_city_editor_builds_next_months_issue_from_the_central_bulletin(
    committed_db, live_server, browser
):
    central_board, _province, _city, city_board = levels()
    editor = make_user("bientap_tp", groups=[EDITOR], is_staff=True)
    editor.organisations.set([city_board])
    make_issue(city_board, 11, sections=1)  # this month's, published
    upstream_issue(central_board, month=12)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(editor.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(live_server.url + reverse("admin:bulletins_issue_changelist"))
    page.get_by_role("button", name="Tạo số tiếp theo").click()  # regular: next month
    page.get_by_role("link", name="Lấy mục từ số của cấp trên").click()
    page.get_by_label("Số của cấp trên").select_option(
        label="Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026 — "
        "Ban Tuyên giáo và Dân vận Trung ương"
    )
    page.get_by_role("button", name="Mở").click()
    page.get_by_label("Nghị quyết số 72-NQ/TW về bảo vệ sức khỏe nhân dân").check()
    page.get_by_label("Gương người tốt việc tốt").check()
    page.get_by_label("Đặt sau mục").select_option(
        label="1. (Nội dung học tập, quán triệt trong tháng)"
    )
    page.get_by_role("button", name="Xem trước").click()
    preview = page.locator(".take-preview")
    preview.wait_for()  # the preview page has loaded: a screenshot mid-navigation fails
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-take-preview.png")
    assert "Các chỉ tiêu cụ thể" in preview.inner_text()  # the subtree comes along
    assert CREDIT in preview.inner_text()
    page.get_by_role("button", name="Xác nhận lấy các mục này").click()
    page.wait_for_load_state()
    assert "Đã lấy 4 mục" in page.locator(".messagelist").inner_text()

    draft = Issue.objects.get(publisher=city_board, month=12)
    count = draft.sections.count()
    for index, heading in enumerate(
        ["Kết quả Đại hội Đảng bộ phường Hợp Giang", "Tin hoạt động của phường Sông Hiến"]
    ):
        page.locator("#sections-group .add-row a").click()
        form = f"sections-{count + index}"
        page.locator(f"#id_{form}-position").fill(str(55 + index))
        page.locator(f"#id_{form}-level").fill("1")
        page.locator(f"#id_{form}-heading").fill(heading)
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("admin:index"))
    page.screenshot(path=ARTIFACTS / "admin-work-list.png", full_page=True)

    outline = list(draft.sections.order_by("position").values_list("number", "heading"))
    assert outline == [
        ("1.", "(Nội dung học tập, quán triệt trong tháng)"),
        ("2.", "Nghị quyết số 72-NQ/TW về bảo vệ sức khỏe nhân dân"),
        ("2.1.", "Mục tiêu đến năm 2030"),
        ("2.1.1.", "Các chỉ tiêu cụ thể"),
        ("3.", "Gương người tốt việc tốt"),
        ("4.", "Kết quả Đại hội Đảng bộ phường Hợp Giang"),
        ("5.", "Tin hoạt động của phường Sông Hiến"),
        ("6.", "Tin hoạt động của Thành phố"),
    ]

    page.goto(live_server.url + reverse("bulletins:issue_preview", args=[draft.pk]))
    credits = page.locator(".source-credit")
    assert credits.all_inner_texts() == [CREDIT]  # once for the run of taken sections
    first_taken = draft.sections.get(number="2.")
    assert page.locator(f"#{first_taken.anchor} > .source-credit").inner_text() == CREDIT
    page.close()
