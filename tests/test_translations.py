"""Finds interface text left untranslated, on every page each demo role can reach.

Each page is rendered once in Vietnamese and once in English. A string that reads the same
in both is either data (a name, a code, a number) or interface text nobody translated. Data
is recognised by its words: every word of a data string occurs in the project's own records
(organisations, people, issues, documents, accounts). Django's permission names, content
types and the audit log are left out of those records on purpose: they hold English.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User

# Apps whose records are the site's data; their words may appear untranslated.
DATA_APPS = ["accounts", "people", "documents", "bulletins", "auth", "axes"]
# Words Vietnamese writes as they are.
SAME_IN_BOTH = {"pdf", "csv", "email", "word", "markdown", "utf", "html", "id", "ip", "a4", "mb"}
# Per role, how many pages of one kind (same path once digits are ignored) are opened.
PAGES_PER_KIND = 2
SKIPPED = re.compile(r"/(logout|media|static|ckeditor5)/|/pdf/$|^/quan-tri/r/|/jsi18n/")
# Attribute texts a user reads or hears.
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w.-]+|\b[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}\b|"
    # a masked password hash: its salt is base64, "RjS+fo****"
    r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d\S*|\w*\d\w*|[\w+/=]+\*{4,}",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]{2,}")
TAG = re.compile(r"<[^>]+>")


class PageText(HTMLParser):
    """The visible text nodes, the read attributes and the links of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings = set()
        self.links = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "textarea", "template"}:
            self._hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        texts = [attrs.get(name) for name in READ_ATTRIBUTES]
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
            texts.append(attrs.get("value"))
        self.strings.update(" ".join(text.split()) for text in texts if text and text.strip())

    def handle_endtag(self, tag):
        if tag in {"script", "style", "textarea", "template"}:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._hidden:
            self.strings.add(text)


def parse(response):
    page = PageText()
    page.feed(response.content.decode())
    return page


def data_words():
    """Every word stored in the site's own records."""
    words = set()
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = {
                field.name: field.get_internal_type() == "TextField"  # HTML: read its text
                for field in model._meta.concrete_fields
                if field.get_internal_type() in {"CharField", "TextField"}
                and not field.choices  # stored keys, shown through their labels
                and field.name != "password"
            }
            if not fields or model._meta.label == "auth.Permission":
                continue
            for row in model.objects.values_list(*fields):
                for value, is_html in zip(row, fields.values(), strict=True):
                    text = TAG.sub(" ", value or "") if is_html else str(value or "")
                    words.update(word.lower() for word in WORD.findall(text))
    return words


def untranslated(strings, vocabulary):
    """The strings with a word that is neither data nor the same in Vietnamese."""
    found = set()
    for text in strings:
        words = {word.lower() for word in WORD.findall(NOT_WORDS.sub(" ", text))}
        if words - vocabulary - SAME_IN_BOTH:
            found.add(text)
    return found


def kind(path):
    return re.sub(r"\d+", "N", path)


def crawl(client, starts, extra_visits=()):
    """Open every page reachable by links from `starts`; yield (url, vi page, en page)."""
    seen_kinds = defaultdict(int)
    queue = list(starts)
    visited = set()
    while queue:
        url = urlsplit(queue.pop(0))
        path = url.path
        if path in visited or SKIPPED.search(path) or seen_kinds[kind(path)] >= PAGES_PER_KIND:
            continue
        visited.add(path)
        pages = {}
        for language in ("vi", "en"):
            response = client.get(path, headers={"accept-language": language})
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                break
            pages[language] = parse(response)
        if len(pages) < 2:
            continue
        seen_kinds[kind(path)] += 1
        yield path, pages["vi"], pages["en"]
        for link in pages["vi"].links:
            target = urlsplit(urljoin(path, link))
            if not target.netloc or target.netloc == "testserver":
                queue.append(target.path)


def same_in_both(response_vi, response_en):
    return parse(response_vi).strings & parse(response_en).strings


@pytest.fixture
def demo(db, settings):
    settings.LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
    call_command("load_demo", verbosity=0)


def report(found):
    return "\n".join(
        f"{page}: " + " | ".join(sorted(strings)) for page, strings in sorted(found.items())
    )


# One account per role: two secretaries reach the same pages.
ONE_PER_ROLE = {account.role: account.username for account in reversed(DEMO_ACCOUNTS)}


@pytest.mark.parametrize("username", ONE_PER_ROLE.values())
def test_every_page_a_role_reaches_is_in_vietnamese(demo, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    same = {path: vi.strings & en.strings for path, vi, en in crawl(client, ["/", "/quan-tri/"])}
    vocabulary = data_words()  # after the crawl: opening pages writes records too
    found = {path: strings for path in same if (strings := untranslated(same[path], vocabulary))}
    assert len(same) > 5
    assert not found, "Untranslated interface text:\n" + report(found)


def test_pages_outside_the_links_are_in_vietnamese(demo, settings):
    """Error pages, a form with errors, login and the forced password change."""
    settings.DEBUG = False
    anonymous, secretary, editor = Client(), Client(), Client()
    secretary.force_login(User.objects.get(username="bithu"))
    editor.force_login(User.objects.get(username="bientap"))
    newcomer = User.objects.create_user("moi", password="tam-thoi-2026-xyz")
    newcomer.must_change_password = True
    newcomer.save()
    first_login = Client()
    first_login.force_login(newcomer)
    requests = {
        "404": (secretary, "get", "/khong-co-trang-nay/", {}),
        "403": (editor, "get", "/quan-tri/accounts/user/", {}),
        "login": (anonymous, "get", "/tai-khoan/login/", {}),
        "login error": (anonymous, "post", "/tai-khoan/login/", {"username": "x"}),
        "first password": (first_login, "get", "/tai-khoan/password_change/", {}),
        "form errors": (editor, "post", "/quan-tri/documents/documenttype/add/", {}),
    }
    same = {}
    for name, (client, method, path, data) in requests.items():
        answers = [
            getattr(client, method)(path, data, headers={"accept-language": language})
            for language in ("vi", "en")
        ]
        same[name] = same_in_both(*answers)
    vocabulary = data_words()
    found = {name: strings for name in same if (strings := untranslated(same[name], vocabulary))}
    assert not found, "Untranslated interface text:\n" + report(found)


def test_the_finder_reports_english_and_passes_data(demo):
    """The detector itself: an English label is reported, a cell's name is not."""
    strings = {"Chi bộ Tổ dân phố 1", "Run", "Filter by thời điểm", "26-CT/TW", "12/8/2026"}
    assert untranslated(strings, data_words()) == {"Run", "Filter by thời điểm"}
