"""The editor's live check: scores the summary and body as they are typed.

An admin URL (Wagtail wraps it in its login and admin-access checks), asked
by static/admin-js/plain-language.js a moment after the editor stops typing.
"""

import json

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from archive.glossary.marking import Glossary

from .readability import score, summary_threshold

# A long report's body is a few hundred thousand characters; more is not a
# document being edited, and would only cost the server time.
MAX_CHARS = 400_000


@require_POST
def score_view(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "La petición no es JSON válido."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "La petición no es JSON válido."}, status=400)
    summary = str(data.get("summary") or "")[:MAX_CHARS]
    body = str(data.get("body") or "")[:MAX_CHARS]
    glossary = Glossary.load()
    summary_result = score(summary, glossary)
    threshold = summary_threshold()
    return JsonResponse({
        "threshold": threshold,
        "summary": summary_result.as_dict(),
        "summary_below_threshold": summary_result.below(threshold),
        "body": score(body, glossary).as_dict(),
    })
