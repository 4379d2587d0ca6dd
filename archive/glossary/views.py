import unicodedata

from django.shortcuts import render

from .models import GlossaryTerm


def sort_key(term):
    """Alphabetical as a reader expects: without case or accents (ADIP, cocreación, Grupo Asesor...)."""
    decomposed = unicodedata.normalize("NFD", term.term.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def glossary(request):
    terms = sorted(GlossaryTerm.objects.all(), key=sort_key)
    return render(request, "pages/glossary.html", {"terms": terms})
