"""The process as an SVG drawn on the server: phases as bands, pauses, milestones, documents.

Geometry only: the template turns these numbers into SVG. A date known to the
day, month or year covers that interval; a phase with a year-precision date
spans the whole year, and a document is drawn at the middle of its interval.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from archive.dates import DatePrecision, format_partial_date

WIDTH = 1000
LABEL_WIDTH = 300          # the column of phase names, left of the plot
PLOT_LEFT = LABEL_WIDTH + 10
PLOT_RIGHT = WIDTH - 20
TOP = 40                   # room for the year scale
ROW = 26                   # height of one phase band
DOC_LANES = 4
LANE = 16


def interval(value, precision):
    """The first and last day a partial date may mean; None when unknown."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return date(value.year, value.month, 1), date(value.year, value.month, last)
    return value, value


def phase_span(phase):
    """(first day, last day) of a phase, or None when it has no dates."""
    start = interval(phase.start_date, phase.start_precision)
    end = interval(phase.end_date, phase.end_precision)
    if start is None and end is None:
        return None
    return (start or end)[0], (end or start)[1]


def middle(first, last):
    return first + (last - first) / 2


@dataclass
class Chart:
    first: date
    last: date
    phases: list = field(default_factory=list)
    pauses: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    years: list = field(default_factory=list)
    height: int = 0
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    width: int = WIDTH
    label_x: int = 8

    @property
    def first_label(self):
        return format_partial_date(self.first, DatePrecision.DAY)

    @property
    def last_label(self):
        return format_partial_date(self.last, DatePrecision.DAY)

    def x(self, day, end_of_day=False):
        """Horizontal position of the start (or end) of a day."""
        days = (self.last - self.first).days + 1
        offset = (day - self.first).days + (1 if end_of_day else 0)
        return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * offset / days, 2)

    def span(self, first, last):
        """(x, width) of the days from first to last, clipped to the chart; None when outside."""
        first, last = max(first, self.first), min(last, self.last)
        if last < first:
            return None
        left, right = self.x(first), self.x(last, end_of_day=True)
        return left, max(round(right - left, 2), 2)


def build_chart(first, last, phases, pauses, milestones, documents):
    """Everything between the days ``first`` and ``last`` (both included)."""
    chart = Chart(first, last)
    y = TOP
    for phase in phases:
        span = phase_span(phase)
        box = chart.span(*span) if span else None
        chart.phases.append({"phase": phase, "y": y, "text_y": y + ROW / 2 + 5, "box": box})
        y += ROW
    bands_bottom = y
    milestone_y = y + 18
    docs_top = milestone_y + 22
    chart.height = docs_top + DOC_LANES * LANE + 30
    for pause in pauses:
        box = chart.span(pause.start, pause.end)
        if box:
            chart.pauses.append({"pause": pause, "x": box[0], "width": box[1], "y": TOP, "height": bands_bottom - TOP})
    number = 0
    for milestone in milestones:
        first_day, last_day = interval(milestone.date, milestone.precision)
        if not (chart.first <= first_day <= chart.last):
            continue
        number += 1
        x = chart.x(first_day)
        chart.milestones.append({
            "milestone": milestone, "number": number, "x": x, "y": milestone_y,
            "points": f"{x},{milestone_y - 7} {x + 7},{milestone_y} {x},{milestone_y + 7} {x - 7},{milestone_y}",
        })
    for lane, document in enumerate(documents):
        first_day, last_day = interval(document.date, document.date_precision)
        x = round((chart.x(first_day) + chart.x(last_day, end_of_day=True)) / 2, 2)
        chart.documents.append({
            "page": document, "x": x, "y": docs_top + (lane % DOC_LANES) * LANE + LANE / 2,
            "band_left": chart.x(first_day), "band_right": chart.x(last_day, end_of_day=True),
        })
    chart.milestone_y = milestone_y
    chart.docs_top = docs_top
    chart.axis_bottom = chart.height - 24
    for year in range(first.year, last.year + 1):
        start = max(date(year, 1, 1), first)
        chart.years.append({"year": year, "x": chart.x(start), "label_x": chart.x(start) + 4})
    chart.label_y = 24
    return chart


def year_range(first_year, last_year):
    return date(first_year, 1, 1), date(last_year, 12, 31)


def in_range(document, first, last):
    first_day, last_day = interval(document.date, document.date_precision)
    return first <= middle(first_day, last_day) <= last
