"""Saving a cell's feedback and the board's answer: all or nothing, never over a newer save."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import Feedback, SectionRating
from .signals import question_answered


def stale_message(current):
    when = date_format(timezone.localtime(current.updated_at), "H:i d/m/Y")
    return gettext(
        "Nothing was saved: this feedback was changed at %(when)s, after you opened the page. "
        "Check what is stored now and save again to replace it."
    ) % {"when": when}


class Stale(ValidationError):
    """Someone saved the record after this form was opened."""

    def __init__(self, current):
        super().__init__(stale_message(current), code="stale")
        self.current = current


@transaction.atomic
def record(form, issue, cell, user):
    """Create or update the cell's feedback on the issue from a valid ``FeedbackForm``.

    Raises ``Stale``, writing nothing, if the record changed since the form was opened (or a
    fellow secretary created it meanwhile): an answer given meanwhile is never saved over.
    """
    data = form.cleaned_data
    current = Feedback.objects.select_for_update().filter(issue=issue, cell=cell).first()
    if current is not None and data.get("version") != current.version:
        raise Stale(current)
    feedback = current or Feedback(issue=issue, cell=cell, recorded_by=user)
    for name in ("present", "total", "rating", "questions"):
        setattr(feedback, name, data[name])
    try:
        with transaction.atomic():  # a savepoint: a concurrent first save is a conflict
            feedback.save()
    except IntegrityError:
        raise Stale(Feedback.objects.get(issue=issue, cell=cell)) from None
    rate_sections(feedback, form.section_ratings(), [section.pk for section in form.sections])
    return feedback


def rate_sections(feedback, ratings, offered):
    """The ratings of the offered sections become exactly ``ratings``; others are kept."""
    stored = {
        rating.section_id: rating
        for rating in feedback.section_ratings.filter(section_id__in=offered)
    }
    dropped = [pk for pk in stored if pk not in ratings]
    feedback.section_ratings.filter(section_id__in=dropped).delete()
    changed = []
    for section_id, value in ratings.items():
        if section_id in stored and stored[section_id].rating != value:
            stored[section_id].rating = value
            changed.append(stored[section_id])
    SectionRating.objects.bulk_update(changed, ["rating"])
    SectionRating.objects.bulk_create(
        SectionRating(feedback=feedback, section_id=section_id, rating=value)
        for section_id, value in ratings.items()
        if section_id not in stored
    )


def note_answer(feedback, user, previous_answer):
    """Who answered and when; the cell is told once the answer is committed, and only when
    the answer's text changed (a re-save of the same answer tells nobody again)."""
    if feedback.answer == previous_answer:
        return
    if not feedback.answer:
        feedback.answered_by = feedback.answered_at = None
        return
    feedback.answered_by, feedback.answered_at = user, timezone.now()
    transaction.on_commit(
        lambda: question_answered.send(sender=Feedback, feedback=feedback, answered_by=user)
    )
