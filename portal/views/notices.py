"""The reader's and the staff's notices: the list behind the bell, and the settings page.

Every query starts from ``Notice.objects.shown_to(user)``: an account sees her own notices
only, whoever she is.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notices.models import Notice
from notices.preferences import PreferencesForm

from ..replay import personal, replayable

PER_PAGE = 30


@replayable
def notice_list(request):
    notices = Notice.objects.shown_to(request.user).select_related("issue")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/notice_list.html", {"page": page})


@require_POST
@personal(Notice)
def open_notice(request, pk):
    """Mark the notice read and go where it leads (a local address only)."""
    notice = get_object_or_404(Notice.objects.shown_to(request.user), pk=pk)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None)
    return redirect(notice.link if notice.link and safe else "notices:list")


@require_POST
@personal(Notice)
def read_all(request):
    Notice.objects.shown_to(request.user).unread().update(read_at=timezone.now())
    return redirect("notices:list")


def notice_settings(request):
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notices:settings")
    return render(request, "portal/notice_settings.html", {"form": form})
