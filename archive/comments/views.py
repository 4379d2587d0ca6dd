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
from django.utils import dateformat, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from archive.pages.models import DocumentPage
from archive.spanish import count, whole

from .forms import CommentForm
from .members import member_account
from .models import CommentSubmission
from .submissions import RateLimited, submit

LOGIN_URL = reverse_lazy("comments:login")
RETRY_FORMAT = r"j \d\e F \d\e Y, \a \l\a\s H:i"


class LoginView(auth_views.LoginView):
    template_name = "comments/login.html"
    next_page = reverse_lazy("comments:mine")


def window_label(seconds):
    if seconds == 3600:
        return "la última hora"
    if seconds % 86400 == 0:
        days = seconds // 86400
        return "las últimas 24 horas" if days == 1 else f"los últimos {days} días"
    if seconds % 3600 == 0:
        return f"las últimas {seconds // 3600} horas"
    minutes = math.ceil(seconds / 60)
    return "el último minuto" if minutes == 1 else f"los últimos {whole(minutes)} minutos"


def rate_limit_message(refusal):
    when = dateformat.format(timezone.localtime(refusal.retry_at), RETRY_FORMAT)
    return (
        f"Ya enviaste {count(refusal.count, 'comentario')} en "
        f"{window_label(refusal.seconds)}, el máximo permitido. "
        f"Podrás comentar de nuevo a partir del {when}. "
        "Lo que escribiste sigue abajo: cópialo si quieres guardarlo."
    )


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

