"""The reading portal. Every query starts from Issue.objects.visible_to(user)."""

import functools
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletins import audience, deadlines, word
from bulletins.models import Issue, ReadConfirmation, Section
from bulletins.policy import policy
from bulletins.readable import readable_issues
from notices.context_processors import Bell

from .. import offline, pdf, reading, replay, text
from ..audit import record_opening
from ..filters import IssueFilter, PreviewAudienceForm


@replay.replayable
def home(request):
    issues = reading.with_read_marks(
        Issue.objects.visible_to(request.user).with_publisher(), request.user
    )
    today = timezone.localdate()
    latest = reading.current_issue(issues, today)
    orientation = (
        audience.sections(latest, audience.audience(request.user, latest))
        .filter(level=1)
        .only("pk", "number", "heading")  # the headings only, not the long bodies
        if latest
        else Section.objects.none()
    )
    recent = issues.exclude(pk=latest.pk)[:5] if latest else []
    response = render(
        request,
        "portal/home.html",
        {
            "latest": latest,
            "this_month": latest and (latest.year, latest.month) == (today.year, today.month),
            "orientation": orientation,
            "recent": recent,
        },
    )
    return offline.allow(request, response)


# A national year holds a few hundred publishers' issues.
ARCHIVE_PAGE = 30


@replay.replayable
def archive(request, year=None):
    """One year of issues at a time (the latest by default), with links to the other years;
    regular or thematic ones only on request (?kind=)."""
    kinds = IssueFilter(request.GET, queryset=Issue.objects.visible_to(request.user))
    issues = kinds.qs
    years = list(issues.order_by("-year").values_list("year", flat=True).distinct())
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404
    of_year = reading.with_read_marks(issues.filter(year=year).with_publisher(), request.user)
    page = Paginator(of_year, ARCHIVE_PAGE).get_page(request.GET.get("page"))
    context = {"years": years, "year": year, "page": page, "filter": kinds}
    return render(request, "portal/archive.html", context)


def readable_issue(request, pk):
    """The issue if the user may read it, with its publisher's settings (whether readers may
    download Word) in the same query.

    An account's answer comes from ``readable_issues``, the cached answer of ``visible_to``:
    building that query costs more than the rest of the page. The issue must be published
    now as well, asked of its own row: a withdrawal reaches every process at once, even where
    the cache is each process's own. A visitor's answer is the query itself, public issues
    only, which is cheap.
    """
    issues = Issue.objects.published().with_publisher().select_related("publisher__publishing")
    if not request.user.is_authenticated:
        issues = issues.visible_to(request.user)
    elif pk not in readable_issues(request.user):
        raise Http404
    return get_object_or_404(issues, pk=pk)


def opening_issue(view=None, *, offered=None):
    """Give the view the issue the user may read, asking a visitor to log in first.

    Public issues are readable without an account, so the login check happens here, not in
    the middleware. Every opening of an internal issue, on screen, as a PDF or as Word, is
    audited; a form the issue is not ``offered`` in is not found, and not audited.
    """
    if view is None:
        return functools.partial(opening_issue, offered=offered)

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, pk):
        try:
            issue = readable_issue(request, pk)
        except Http404:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise
        if offered is not None and not offered(issue):
            raise Http404
        if issue.is_internal:
            record_opening(request, request.user.pk, request.user.email, issue.pk, str(issue))
            replay.opening(request, issue)
        return view(request, issue)

    return wrapper


def conditional_page(request, *parts):
    """A 304 when the reader's copy was made from the same parts, else None.

    The parts name everything the page shows; the CSRF cookie is one of them, so a copy whose
    forms carry an outdated token is never revalidated. Pending messages are never skipped.
    """
    if len(messages.get_messages(request)):
        return None, None
    get_token(request)  # the CSRF secret the page's forms use, created now if it is new
    key = repr((*parts, request.META["CSRF_COOKIE"], get_language()))
    etag = quote_etag(hashlib.blake2b(key.encode(), digest_size=16).hexdigest())
    return get_conditional_response(request, etag=etag), etag


@replay.replayable
@opening_issue
def issue_detail(request, issue):
    """The reading page: the text comes from the cache; only the reader's parts are queried."""
    previous, following = reading.neighbours(issue, request.user)
    cell_types = audience.audience(request.user, issue)
    confirmation = (
        ReadConfirmation.objects.filter(issue=issue, reader=request.user)
        .only("confirmed_at")
        .first()
        if request.user.is_authenticated
        else None
    )
    bell = Bell(request.user)  # the header's unread count is part of the page
    not_modified, etag = conditional_page(
        request,
        bell.unread,
        issue.pk,
        issue.updated_at,
        request.user.pk,
        audience.key(cell_types),
        confirmation and confirmation.confirmed_at,
        previous and (previous.pk, previous.updated_at),
        following and (following.pk, following.updated_at),
        word_offered(issue),
    )
    response = not_modified or render(
        request,
        "portal/issue_detail.html",
        {
            "issue": issue,
            "text": text.reading_text(issue, cell_types),
            "previous": previous,
            "next": following,
            "confirmation": confirmation,
            "word": word_offered(issue),
            "bell": bell,
        },
    )
    if etag:
        response["ETag"] = etag
    # Each reader's copy, revalidated on every visit: a phone coming back gets a 304.
    patch_cache_control(response, private=True, no_cache=True)
    return offline.allow(request, response)


def issue_preview(request, pk):
    """Staff see an unpublished issue exactly as readers will, marked as a preview: every
    section, or (?as=) what a cell of one type, or of none, will read."""
    issue = get_object_or_404(policy.issues_for(request.user).with_publisher(), pk=pk)
    seen_as = PreviewAudienceForm(request.GET)
    context = {
        "issue": issue,
        "preview": True,
        "seen_as": seen_as,
        "text": text.render_reading_text(issue, seen_as.cell_types(), preview=True),
    }
    return render(request, "portal/issue_detail.html", context)


@replay.replayable
@opening_issue
def issue_pdf(request, issue):
    if not pdf.available():
        return render(request, "portal/pdf_unavailable.html", {"issue": issue}, status=503)
    try:
        copy = pdf.ReaderCopy.of(issue, request.user)
    except pdf.BeingRendered:
        response = render(request, "portal/pdf_preparing.html", {"issue": issue}, status=503)
        response["Retry-After"] = "5"
        return response
    response = HttpResponse(copy.content(timezone.now()), content_type="application/pdf")
    replay.made_by(request, copy)
    kind = "chuyen-de-" if issue.kind == Issue.Kind.THEMATIC else ""
    filename = f"tai-lieu-sinh-hoat-chi-bo-{kind}{issue.year}-{issue.month:02d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # each copy carries its reader's name
    return offline.allow(request, response)


# The id of the confirmation block on the issue page.
CONFIRMATION_ANCHOR = "xac-nhan-doc"


def word_offered(issue):
    return deadlines.settings_for(issue.publisher).readers_download_word


@opening_issue(offered=word_offered)
def issue_word(request, issue):
    """The issue as Word, where its publisher lets readers download it."""
    sections = audience.sections(issue, audience.audience(request.user, issue))
    return word.download(issue, sections)


@require_POST
@replay.personal(ReadConfirmation)
def confirm_read(request, pk):
    """Record the reading, then back to the confirmation block, not the top of the page.

    The page's script (static/js/read-mark.js) asks for JSON and updates the block in place;
    the offline worker sends it again, with the form's CSRF token, once the phone is online.
    """
    issue = readable_issue(request, pk)
    confirmation, created = ReadConfirmation.objects.get_or_create(issue=issue, reader=request.user)
    if request.headers.get("Accept") == "application/json":
        time = formats.date_format(timezone.localtime(confirmation.confirmed_at), "H:i d/m/Y")
        confirmed = _("You confirmed reading this issue at %(time)s.") % {"time": time}
        return JsonResponse({"text": confirmed, "issue": issue.get_absolute_url()})
    if created:
        messages.success(request, _("Thank you: your reading of this issue is recorded."))
    return redirect(f"{issue.get_absolute_url()}#{CONFIRMATION_ANCHOR}")
