"""The public side: log in, write a comment on a document, follow what happened to it.

Every page here is about the person signed in, so none is cached; the
document pages stay the same for everyone and only link here.
"""

import math

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from archive.pages.models import DocumentPage
from archive.spanish import whole

from .forms import CommentForm
from .members import member_account
from .models import CommentSubmission
from .submissions import RateLimited, submit

LOGIN_URL = reverse_lazy("comments:login")


class LoginView(auth_views.LoginView):
    template_name = "comments/login.html"
    next_page = reverse_lazy("comments:mine")


def window_label(seconds):
    if seconds == 3600:
        return _("la última hora")
    if seconds % 86400 == 0:
        days = seconds // 86400
        return _("las últimas 24 horas") if days == 1 else _("los últimos %(days)s días") % {"days": days}
    if seconds % 3600 == 0:
        return _("las últimas %(hours)s horas") % {"hours": seconds // 3600}
    minutes = math.ceil(seconds / 60)
    return _("el último minuto") if minutes == 1 else _("los últimos %(minutes)s minutos") % {"minutes": whole(minutes)}


def rate_limit_message(refusal):
    retry_at = timezone.localtime(refusal.retry_at)
    sent = ngettext(
        "Ya enviaste %(count)s comentario en %(window)s, el máximo permitido.",
        "Ya enviaste %(count)s comentarios en %(window)s, el máximo permitido.",
        refusal.count,
    ) % {"count": whole(refusal.count), "window": window_label(refusal.seconds)}
    # The day as the reader's language writes it (Spanish «4 de diciembre de 2026»).
    retry = _("Podrás comentar de nuevo a partir del %(day)s, a las %(time)s.") % {
        "day": formats.date_format(retry_at, "DATE_FORMAT"), "time": dateformat.format(retry_at, "H:i"),
    }
    return " ".join([sent, retry, _("Lo que escribiste sigue abajo: cópialo si quieres guardarlo.")])


def not_a_member(request):
    return render(request, "comments/not_member.html", {}, status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def comment(request, page_id):
    # Only documents anyone may read can be commented; the rest do not exist here.
    document = get_object_or_404(DocumentPage.objects.visible(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), LOGIN_URL)
    account = member_account(request.user)
    if account is None:
        return not_a_member(request)

    form = CommentForm(request.POST if request.method == "POST" else None)
    status, refusal_message, response_headers = 200, "", {}
    if request.method == "POST":
        if form.is_valid():
            try:
                submission = submit(account, document, form.cleaned_data["text"])
            except RateLimited as refusal:
                status, refusal_message = 429, rate_limit_message(refusal)
                wait = (refusal.retry_at - timezone.now()).total_seconds()
                response_headers["Retry-After"] = str(max(1, math.ceil(wait)))
            else:
                return redirect("comments:sent", submission.pk)
        else:
            status = 400
    context = {"document": document, "form": form, "account": account, "refusal_message": refusal_message}
    response = render(request, "comments/comment_form.html", context, status=status)
    for name, value in response_headers.items():
        response[name] = value
    return response


@never_cache
@login_required(login_url=LOGIN_URL)
def sent(request, pk):
    submission = get_object_or_404(
        CommentSubmission.objects.select_related("document", "actor"), pk=pk, user=request.user,
    )
    return render(request, "comments/sent.html", {"submission": submission})


@never_cache
@login_required(login_url=LOGIN_URL)
def mine(request):
    submissions = (
        CommentSubmission.objects.filter(user=request.user)
        .select_related("document", "actor", "comment_page")
        .order_by("-created_at", "-pk")
    )
    context = {"submissions": submissions, "account": member_account(request.user)}
    return render(request, "comments/mine.html", context)

