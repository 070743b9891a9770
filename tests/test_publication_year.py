"""A publication year is a real one: from 1930 to next year, with a message saying so."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue

from .forms import form_data

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


@pytest.mark.parametrize("year", [1930, 1986, NEXT_YEAR])
def test_years_from_1930_to_next_year_are_accepted(board, year):
    Issue(publisher=board, year=year, month=12).full_clean()


@pytest.mark.parametrize("year", [0, 1929, NEXT_YEAR + 1, 9999])
def test_other_years_are_refused_in_vietnamese(board, year):
    with pytest.raises(ValidationError) as refused:
        Issue(publisher=board, year=year, month=1).full_clean()
    assert refused.value.message_dict["year"] == [f"Năm phát hành phải từ 1930 đến {NEXT_YEAR}."]


def test_the_admin_form_refuses_year_9999_and_creates_nothing(client, editor, board):
    client.force_login(editor)
    url = reverse("admin:bulletins_issue_add")
    data = form_data(client.get(url).content.decode(), "issue_form")
    data.update({"publisher": str(board.pk), "year": "9999", "month": "5"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"Năm phát hành phải từ 1930 đến {NEXT_YEAR}." in response.content.decode()
    assert not Issue.objects.exists()
