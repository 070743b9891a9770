"""People named in the material are linked to their pages, only when the name is certain."""

from django.urls import reverse

from people.mentions import PeopleLinker
from people.models import Person

PEOPLE = [
    ("Nông Thị Thanh Vân", "/nhan-vat/1/"),
    ("Hoàng Văn Thạch", "/nhan-vat/2/"),
    ("Đàm Văn Tuấn", "/nhan-vat/3/"),
    ("Lý Văn Tuấn", "/nhan-vat/4/"),  # shares the given name Tuấn
    ("Mã Văn Cường", "/nhan-vat/5/"),
    ("Mã Văn Cường", "/nhan-vat/6/"),  # two people with one full name
]


def link(html):
    return PeopleLinker(PEOPLE).link(html)


def test_full_names_are_linked_once_per_text():
    html = "<p>Đồng chí Nông Thị Thanh Vân phát biểu. Nông Thị Thanh Vân nhấn mạnh.</p>"
    assert link(html) == (
        '<p>Đồng chí <a class="person" href="/nhan-vat/1/">Nông Thị Thanh Vân</a> phát biểu. '
        "Nông Thị Thanh Vân nhấn mạnh.</p>"
    )


def test_a_short_form_with_a_unique_given_name_is_linked():
    assert link("<p>Đ/c Vân chủ trì; đ/c Thạch dự.</p>") == (
        '<p><a class="person" href="/nhan-vat/1/">Đ/c Vân</a> chủ trì; '
        '<a class="person" href="/nhan-vat/2/">đ/c Thạch</a> dự.</p>'
    )


def test_ambiguous_names_are_left_alone():
    html = "<p>Đ/c Tuấn và đồng chí Mã Văn Cường; Đàm Văn Tuấn báo cáo.</p>"
    assert link(html) == (
        '<p>Đ/c Tuấn và đồng chí Mã Văn Cường; <a class="person" href="/nhan-vat/3/">'
        "Đàm Văn Tuấn</a> báo cáo.</p>"
    )


def test_names_inside_links_words_and_tags_are_not_touched():
    html = (
        '<p><a href="/van-ban/1/">Kế hoạch của Nông Thị Thanh Vân</a> '
        '<img alt="Đ/c Vân"> Vânh, Đ/c Vânh.</p>'
    )
    assert link(html) == html


def test_a_bare_given_name_is_not_a_mention():
    assert link("<p>Phường Hợp Giang, làng Vân.</p>") == "<p>Phường Hợp Giang, làng Vân.</p>"


def test_the_issue_page_links_the_people_it_names(client, reader, published_issue):
    person = Person.objects.create(full_name="Bế Thị Lan Hương")
    section = published_issue.sections.first()
    section.body = "<p>Đ/c Hương, Trưởng Ban Tuyên giáo Thành ủy, phát biểu.</p>"
    section.save()
    client.force_login(reader)

    page = client.get(published_issue.get_absolute_url()).content.decode()

    url = reverse("people:person", args=[person.pk])
    assert f'<a class="person" href="{url}">Đ/c Hương</a>' in page
