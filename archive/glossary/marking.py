"""Find glossary terms in text, and mark their first use in rendered HTML.

Marking works on HTML that templates already rendered, so it must never
break markup or let text become markup: the HTML is tokenised with the
standard library's parser, only text nodes outside links, headings, code and
existing abbreviations are touched, and the text is kept exactly as it was
escaped. Only the glossary's own markup (a link around ``<abbr>`` or
``<dfn>``) is added, with its attribute values escaped.
"""

import re
from html import escape
from html.parser import HTMLParser

from django.urls import reverse

# Text inside these is never marked: a link inside a link is invalid, a link
# in a heading turns the heading into a control, and code is quoted as is.
SKIP_TAGS = frozenset(
    "a abbr dfn code pre kbd samp script style textarea button label option select title svg math "
    "h1 h2 h3 h4 h5 h6".split()
)
ACRONYM_RE = re.compile(r"[A-ZÁÉÍÓÚÑ]{2}")


def looks_like_acronym(form):
    """«ADIP», «INFO CDMX», «InfoCDMX», «OGP Local»: two capitals in a row.

    Such forms are matched with their case, so the word «stl» in a file
    name or «info» in a sentence is never taken for an acronym.
    """
    return bool(ACRONYM_RE.search(form))


def _normalise(text):
    return " ".join(text.split())


class Glossary:
    """The marked terms compiled into one regular expression, longest form first."""

    def __init__(self, terms):
        self.terms = list(terms)
        self.exact = {}
        self.folded = {}
        alternatives = []
        for term in self.terms:
            for form in term.forms:
                form = _normalise(form)
                if not form:
                    continue
                pattern = r"\s+".join(re.escape(word) for word in form.split())
                if looks_like_acronym(form):
                    self.exact.setdefault(form, term)
                    alternatives.append((len(form), pattern))
                else:
                    self.folded.setdefault(form.casefold(), term)
                    alternatives.append((len(form), f"(?i:{pattern})"))
        alternatives.sort(key=lambda item: -item[0])
        self.regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(p for _, p in alternatives) + r")(?!\w)") if alternatives else None
        )

    @classmethod
    def load(cls, marked_only=False):
        from .models import GlossaryTerm

        terms = GlossaryTerm.objects.all()
        if marked_only:
            terms = terms.filter(mark_in_documents=True)
        return cls(terms)

    def term_for(self, text):
        text = _normalise(text)
        return self.exact.get(text) or self.folded.get(text.casefold())

    def matches(self, text):
        """(term, matched text, start, end) of every form found in plain text, in order."""
        if not self.regex or not text:
            return []
        found = []
        for match in self.regex.finditer(text):
            term = self.term_for(match.group())
            if term is not None:
                found.append((term, match.group(), match.start(), match.end()))
        return found

    def find(self, text):
        """The terms a plain text uses, each once, in order of first use."""
        terms = {}
        for term, _, _, _ in self.matches(text):
            terms.setdefault(term.pk, term)
        return list(terms.values())


class Marker:
    """Marks the first use of each term across every piece of HTML it is given.

    One marker per page: a term marked in the summary is not marked again in
    the body.
    """

    def __init__(self, glossary):
        self.glossary = glossary
        self.seen = set()
        self.base_url = reverse("glossary:index")

    def markup(self, term, text):
        href = escape(f"{self.base_url}#{term.slug}")
        if term.is_acronym and looks_like_acronym(text):
            lang = ' lang="en"' if term.expansion_language == "en" else ""
            inner = f'<abbr title="{escape(term.expansion)}"{lang}>{text}</abbr>'
        else:
            inner = f"<dfn>{text}</dfn>"
        return f'<a class="glossary-term" href="{href}">{inner}</a>'

    def mark_text(self, text):
        """Mark escaped text (an HTML text node): what is not a first use is left byte for byte."""
        out, position = [], 0
        for term, matched, start, end in self.glossary.matches(text):
            if term.pk in self.seen:
                continue
            self.seen.add(term.pk)
            out.append(text[position:start])
            out.append(self.markup(term, matched))
            position = end
        out.append(text[position:])
        return "".join(out)

    def mark(self, html):
        if not self.glossary.regex or not html:
            return html
        parser = _MarkingParser(self)
        parser.feed(html)
        parser.close()
        return "".join(parser.out)


class _MarkingParser(HTMLParser):
    """Re-emits HTML token by token; text nodes go through the marker.

    ``convert_charrefs=False`` keeps entities as they were written, so text
    is never unescaped on its way through.
    """

    def __init__(self, marker):
        super().__init__(convert_charrefs=False)
        self.marker = marker
        self.out = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIP_TAGS:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        self.out.append(data if self.skipping else self.marker.mark_text(data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
