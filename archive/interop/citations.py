"""How to cite a document: APA 7 and Chicago in Spanish, BibTeX, RIS and CSL-JSON.

Built from the page's own metadata and nothing else, so a citation never
claims more than the archive knows: authors are the actors with the role
"author"; a person's given and family names are those recorded on the actor
(editors correct the first guess, since Spanish double surnames make any
automatic split a guess), and an organisation's name is never split;
a date known only to the year or month is cited that way; an unknown date
reads "s. f." (sin fecha), as Spanish editions of both styles write it.

Readable styles are returned as parts (text, style) so the page can escape
them and italicise the title while the plain text stays copyable.
"""

import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from archive.dates import MONTHS, DatePrecision, format_partial_date
from archive.identity import current as identity

from .public import one_line, permanent_url, reference_code

UNDATED = "s. f."
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
BIBTEX_LANGUAGES = {"es": "spanish", "en": "english"}


@dataclass(frozen=True)
class Creator:
    name: str
    given: str = ""
    family: str = ""  # empty for an organisation: its name stays whole

    @property
    def apa(self):
        """APA 7: «Montiel Cuatlayol, M. J.»; an organisation whole."""
        if not self.family:
            return self.name
        initials = " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part) for word in self.given.split()
            if word[:1].isupper()
        )
        return f"{self.family}, {initials}" if initials else self.family

    @property
    def inverted(self):
        """«Montiel Cuatlayol, María José» for a person; the name as it is for an organisation."""
        if not self.family:
            return self.name
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class Part:
    text: str
    style: str = ""  # "", "title" (italic in APA) or "url"


def join_names(names, conjunction="y"):
    """«A», «A y B», «A, B y C»: Spanish puts no comma before «y»."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def end_sentence(text):
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


class Citation:
    """The citations of one document page (its specific instance)."""

    def __init__(self, page, today=None, archive=None):
        self.page = page
        self.today = today or timezone.localdate()
        # The archive that holds the document (archive/identity); read from
        # the page's site unless given, as tests without a database do.
        self._archive = archive

    # -- facts ------------------------------------------------------------
    @cached_property
    def creators(self):
        """One Creator per maker (the authors, else the signatories), in order, each once."""
        return self.creators_of(self.page.makers)

    @staticmethod
    def creators_of(actors):
        seen, creators = set(), []
        for actor in actors:
            name = one_line(actor.name)
            if name and name not in seen:
                seen.add(name)
                parts = getattr(actor, "name_parts", None)
                given, family = (one_line(parts[0]), one_line(parts[1])) if parts else ("", "")
                creators.append(Creator(name, given, family if parts else ""))
        return creators

    @cached_property
    def authors(self):
        return [creator.name for creator in self.creators]

    @property
    def archive(self):
        if self._archive is None:
            self._archive = identity.for_page(self.page)
        return self._archive

    @cached_property
    def archive_name(self):
        return one_line(self.archive.name)

    @cached_property
    def url(self):
        # A page outside any site (an unsaved preview) has no address yet.
        return iri_to_uri(permanent_url(self.page) or "")

    @property
    def title(self):
        return one_line(self.page.title)

    @property
    def kind(self):
        return self.page.kind_label

    @property
    def key(self):
        # The page id never changes, whatever happens to its title or address.
        return f"{self.archive.file_stem.replace('-', '')}{self.page.pk}"

    @property
    def date_parts(self):
        """[year], [year, month] or [year, month, day] as far as the date is known; [] if unknown."""
        date, precision = self.page.date, self.page.date_precision
        if date is None or precision == DatePrecision.UNKNOWN:
            return []
        if precision == DatePrecision.YEAR:
            return [date.year]
        if precision == DatePrecision.MONTH:
            return [date.year, date.month]
        return [date.year, date.month, date.day]

    def _month(self, number):
        return MONTHS[number - 1]

    # -- APA 7 --------------------------------------------------------------
    @property
    def apa_date(self):
        parts = self.date_parts
        if not parts:
            return UNDATED
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return f"{parts[0]}, {self._month(parts[1])}"
        return f"{parts[0]}, {parts[2]} de {self._month(parts[1])}"

    @property
    def apa_authors(self):
        names = [creator.apa for creator in self.creators]
        if len(names) > 20:
            # APA 7: the first nineteen, an ellipsis, then the last.
            return f"{', '.join(names[:19])}, . . . {names[-1]}"
        return join_names(names)

    def apa(self):
        title = [Part(self.title, "title"), Part(f" [{self.kind}]. ")]
        date = Part(f"({self.apa_date}). ")
        if self.authors:
            lead = [Part(end_sentence(self.apa_authors) + " "), date, *title]
        else:
            # Without an author the title moves to the author's place.
            lead = [*title, date]
        address = [Part(" "), Part(self.url, "url")] if self.url else []
        return [*lead, Part(end_sentence(self.archive_name)), *address]

    # -- Chicago (17th, bibliography entry) -----------------------------------
    @property
    def chicago_authors(self):
        # Chicago inverts the first author only («Oviedo, Zulema, y Daniel Saavedra Lladó»).
        names = [creator.name for creator in self.creators]
        if names:
            names[0] = self.creators[0].inverted
        if len(names) > 10:
            # Chicago 14.76: more than ten authors, the first seven and «et al.»
            return f"{', '.join(names[:7])} et al"
        return join_names(names)

    def chicago(self):
        parts = []
        if self.authors:
            parts.append(Part(end_sentence(self.chicago_authors) + " "))
        date = format_partial_date(self.page.date, self.page.date_precision, UNDATED)
        parts.append(Part(f"«{self.title}». {end_sentence(f'{self.kind}, {date}')} {end_sentence(self.archive_name)} "))
        if not self.date_parts:
            # Chicago asks for the access date of an undated online source.
            accessed = format_partial_date(self.today, DatePrecision.DAY)
            parts.append(Part(f"Consultado el {accessed}. "))
        if self.url:
            return [*parts, Part(self.url, "url"), Part(".")]
        # No address (an unsaved preview): the entry ends with its last sentence.
        return [*parts[:-1], Part(parts[-1].text.rstrip())]

    # -- rendering of the readable styles --------------------------------------
    @staticmethod
    def as_text(parts):
        return "".join(part.text for part in parts)

    @staticmethod
    def as_html(parts):
        html = []
        for part in parts:
            if part.style == "title":
                html.append(format_html("<i>{}</i>", part.text))
            elif part.style == "url":
                html.append(format_html('<a class="url" href="{}">{}</a>', part.text, part.text))
            else:
                html.append(escape(part.text))
        return mark_safe("".join(html))  # noqa: S308 - every piece was escaped above

    def apa_html(self):
        return self.as_html(self.apa())

    def chicago_html(self):
        return self.as_html(self.chicago())

    # -- CSL-JSON ---------------------------------------------------------------
    def csl(self):
        page = self.page
        item = {
            "id": self.key,
            "type": page.csl_type,
            "title": self.title,
            "genre": self.kind,
            "publisher": self.archive_name,
            "URL": self.url,
            "accessed": {"date-parts": [[self.today.year, self.today.month, self.today.day]]},
            "language": page.language,
        }
        if self.creators:
            # A person as family and given names, so styles can invert them;
            # an organisation as a «literal», kept whole.
            item["author"] = [
                {"family": c.family, "given": c.given} if c.family else {"literal": c.name} for c in self.creators
            ]
        if self.date_parts:
            item["issued"] = {"date-parts": [self.date_parts]}
        if page.summary:
            item["abstract"] = page.summary.strip()
        if reference_code(page):
            item["archive_location"] = reference_code(page)
        return [item]

    def csl_json(self):
        return json.dumps(self.csl(), ensure_ascii=False, indent=2) + "\n"

    # -- BibTeX -----------------------------------------------------------------
    def bibtex(self):
        fields = []
        if self.creators:
            # A person as «{Family}, Given» (the braces keep a double surname
            # together); an organisation in braces, taken whole.
            fields.append(("author", " and ".join(
                "{" + bibtex_escape(c.family) + "}" + (", " + bibtex_escape(c.given) if c.given else "")
                if c.family else "{" + bibtex_escape(c.name) + "}"
                for c in self.creators
            )))
        fields.append(("title", "{" + bibtex_escape(self.title) + "}"))
        fields.append(("howpublished", bibtex_escape(self.kind)))
        parts = self.date_parts
        if parts:
            fields.append(("year", str(parts[0])))
            fields.append(("date", self.page.date_iso))
        fields.append(("organization", bibtex_escape(self.archive_name)))
        fields.append(("url", self.url))
        fields.append(("urldate", self.today.isoformat()))
        if self.page.language in BIBTEX_LANGUAGES:
            fields.append(("langid", BIBTEX_LANGUAGES[self.page.language]))
        if reference_code(self.page):
            fields.append(("note", bibtex_escape(f"{self.archive_name}, {reference_code(self.page)}")))
        lines = [f"@misc{{{self.key},"]
        lines += [f"  {name} = {{{value}}}," for name, value in fields]
        if len(parts) >= 2:
            # A month macro, unbraced, so every BibTeX style can print it in its language.
            lines.append(f"  month = {BIBTEX_MONTHS[parts[1] - 1]},")
        lines.append("}")
        return "\n".join(lines) + "\n"

    # -- RIS ----------------------------------------------------------------------
    def ris(self):
        parts = self.date_parts
        lines = [("TY", self.page.ris_type), ("ID", self.key)]
        # RIS reads «Family, Given»: a person inverted, an organisation as it is.
        lines += [("AU", creator.inverted) for creator in self.creators]
        lines.append(("TI", self.title))
        lines.append(("M3", self.kind))
        if parts:
            lines.append(("PY", str(parts[0])))
            # RIS dates are YYYY/MM/DD/ with the unknown parts left empty.
            padded = [f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]] + [""] * (3 - len(parts))
            lines.append(("DA", "/".join(padded) + "/"))
        if self.page.summary:
            lines.append(("AB", self.page.summary))
        lines.append(("LA", self.page.language))
        lines.append(("DB", self.archive_name))
        if reference_code(self.page):
            lines.append(("AN", reference_code(self.page)))
        lines.append(("UR", self.url))
        lines.append(("Y2", self.today.strftime("%Y/%m/%d")))
        # RIS is one field per line: any line break inside a value would start
        # a new (possibly forged) field, so every value is kept on one line.
        text = "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)
        return text + "ER  - \r\n"


BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    # BibTeX counts braces even after a backslash, so "\{" would unbalance
    # the entry; the text commands keep every brace paired.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def _balanced(text):
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_escape(value):
    text = one_line(value)
    specials = BIBTEX_SPECIALS
    if _balanced(text):
        # Paired braces stay \{ \}, as LaTeX encoders write them and every
        # reader decodes them; only a lone brace needs the text command.
        specials = {**BIBTEX_SPECIALS, "{": r"\{", "}": r"\}"}
    return "".join(specials.get(char, char) for char in text)
