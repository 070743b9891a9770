"""In a real browser (headless Debian chromium): the Content-Security-Policy holds without
breaking the editor, and a corpus of script payloads typed into every field runs nowhere."""

import itertools

import pytest
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS
from bulletins.models import Footnote, Issue, Section
from documents.models import Document
from people.models import Event, Person

from .support import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What a hostile editor would try: tags and attributes that run script, each after a breakout
# from the context the text may land in (a text node, an attribute, a title, a textarea,
# a comment, a script string).
VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)>",
    "<iframe srcdoc='<script>parent.alert(1)</script>'>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<a href=javascript:alert(1)>bấm</a>",
    "<a href='jav&#x09;ascript:alert(1)'>bấm</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<marquee onstart=alert(1)>x</marquee>",
    "{{7*7}}<img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
]
BREAKOUTS = ["", '">', "'>", "</title>", "</textarea>", "-->", "</script>"]
PAYLOADS = [breakout + vector for breakout, vector in itertools.product(BREAKOUTS, VECTORS)]


def log_in(page, live_server, role):
    account = next(account for account in DEMO_ACCOUNTS if account.role == role)
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def watch(page):
    """Every dialog a payload opens, and every policy violation the console reports."""
    seen = {"dialogs": [], "violations": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and seen["violations"].append(message.text)
        ),
    )
    return seen


def test_the_editor_works_under_the_policy(live_demo, live_server, browser):
    issue = Issue.objects.filter(status=Issue.Status.DRAFT).first() or Issue.objects.first()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.DRAFT)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = watch(page)
    log_in(page, live_server, "editor")
    page.goto(live_server.url + reverse("admin:bulletins_issue_change", args=[issue.pk]))
    editable = page.locator(".ck-editor__editable").first
    editable.wait_for(state="visible")
    editable.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Thêm một câu dưới chính sách bảo mật.")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-editor-csp.png")
    assert Section.objects.filter(
        issue=issue, body__contains="Thêm một câu dưới chính sách bảo mật."
    ).exists()
    assert seen["violations"] == []
    page.close()


def test_the_reading_pages_work_under_the_policy(live_demo, live_server, browser):
    issue = Issue.objects.published().first()
    page = browser.new_page(viewport={"width": 360, "height": 740})
    seen = watch(page)
    response = page.goto(f"{live_server.url}/")
    log_in(page, live_server, "secretary")
    response = page.goto(live_server.url + issue.get_absolute_url())
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert seen["violations"] == []
    page.close()


@pytest.fixture
def hostile_content(live_demo, settings):
    """Every payload in every plain and rich field that readers or staff see. The policy is
    turned off, so that escaping and sanitising are tested on their own."""
    settings.SECURE_CSP = {}
    settings.SECURE_CSP_ADMIN = {}
    issue = Issue.objects.published().filter(audience=Issue.Audience.INTERNAL).first()
    issue.title_override = " ".join(PAYLOADS[:3])
    issue.marking = PAYLOADS[3]
    issue.save()
    section = issue.sections.first()
    Section.objects.bulk_create(
        Section(
            issue=issue,
            position=1000 + index,
            level=1,
            heading=payload,
            body=f"<p>{payload}</p>{payload}",
        )
        for index, payload in enumerate(PAYLOADS)
    )
    Footnote.objects.bulk_create(
        Footnote(section=section, position=100 + index, marker=str(index), text=payload)
        for index, payload in enumerate(PAYLOADS)
    )
    issue.renumber_sections()
    document = Document.objects.first()
    Document.objects.filter(pk=document.pk).update(
        subject=PAYLOADS[-1], summary=" ".join(PAYLOADS[-10:])
    )
    person = Person.objects.first()
    Person.objects.filter(pk=person.pk).update(full_name=PAYLOADS[5])
    event = Event.objects.first()
    Event.objects.filter(pk=event.pk).update(title=PAYLOADS[7])
    return {"issue": issue, "document": document, "person": person, "event": event}


def test_no_payload_runs_anywhere(hostile_content, live_server, browser):
    assert len(PAYLOADS) >= 100
    # Saved through the models: what the editor's form would store is sanitised the same way.
    stored = Section.objects.filter(issue=hostile_content["issue"], position__gte=1000)
    assert stored.count() == len(PAYLOADS)
    issue = hostile_content["issue"]
    pages = {
        "secretary": [
            issue.get_absolute_url(),
            reverse("bulletins:archive"),
            reverse("bulletins:home"),
            hostile_content["document"].get_absolute_url(),
            reverse("documents:list"),
            reverse("people:person", args=[hostile_content["person"].pk]),
            reverse("people:event", args=[hostile_content["event"].pk]),
        ],
        "editor": [
            reverse("admin:bulletins_issue_change", args=[issue.pk]),
            reverse("admin:bulletins_issue_changelist"),
            reverse("admin:bulletins_section_changelist") + "?issue__id__exact=" + str(issue.pk),
            reverse("bulletins:issue_preview", args=[issue.pk]),
        ],
    }
    for role, urls in pages.items():
        page = browser.new_page()
        seen = watch(page)
        log_in(page, live_server, role)
        for url in urls:
            page.goto(live_server.url + url)
            page.wait_for_timeout(150)
            handlers = page.evaluate(
                """() => [...document.querySelectorAll('main *, #content *')].filter(
                    el => [...el.attributes].some(a => a.name.startsWith('on')
                        || /^\\s*javascript:/i.test(a.value))
                ).map(el => el.outerHTML.slice(0, 120))"""
            )
            assert handlers == [], (url, handlers)
        assert seen["dialogs"] == [], seen["dialogs"]
        page.close()
