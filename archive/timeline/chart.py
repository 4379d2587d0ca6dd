"""The process as SVG drawn on the server: phases as bands, pauses, milestones, documents.

Geometry only: the template turns these numbers into SVG. A date known to the
day, month or year covers that interval; a phase with a year-precision date
spans the whole year, and a document is drawn at the middle of its interval.

Each chart is laid out twice. The wide layout runs time across, for screens
where it is at least 12 px tall when scaled to the page; the tall layout runs
time down, for phones. In both every label gets a box of its own: boxes are
measured conservatively (archive/figures/svgtext.py) and stacked until none
overlaps another, so no label ever hides behind another at any width.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext, pgettext_lazy

from archive.dates import DatePrecision, format_partial_date
from archive.figures.svgtext import text_width, wrap

FONT = 14                  # user units; the CSS shows each layout where this is 12 px or more
LINE = 18                  # one line of text
# The axis's month labels, in the reader's language (measured when laid out).
MONTH_ABBREVIATIONS = [
    pgettext_lazy("month on the timeline's axis", "ene"), pgettext_lazy("month on the timeline's axis", "feb"),
    pgettext_lazy("month on the timeline's axis", "mar"), pgettext_lazy("month on the timeline's axis", "abr"),
    pgettext_lazy("month on the timeline's axis", "may"), pgettext_lazy("month on the timeline's axis", "jun"),
    pgettext_lazy("month on the timeline's axis", "jul"), pgettext_lazy("month on the timeline's axis", "ago"),
    pgettext_lazy("month on the timeline's axis", "sep"), pgettext_lazy("month on the timeline's axis", "oct"),
    pgettext_lazy("month on the timeline's axis", "nov"), pgettext_lazy("month on the timeline's axis", "dic"),
]

# Wide layout: time runs across.
WIDE_WIDTH = 1000
WIDE_NAMES_MAX = 340       # the column of phase names, left of the plot, at most
WIDE_RIGHT = WIDE_WIDTH - 12
ROW = 26                   # height of a phase band's row with a one-line name
LABEL_GAP = 12             # the least room between two labels side by side
MILESTONE_STEP = 6         # milestone labels are moved down in steps this small
DOT = 5                    # radius of a document's circle
DOT_STEP = 14

# Tall layout: time runs down.
TALL_WIDTH = 320
TALL_RIGHT = TALL_WIDTH - 4
PHASE_LANE = 11            # one column of phase bands (a band is 8 wide)
DOC_LANES = 3
MIN_SEGMENT = 40           # the least height of a year (or month) with nothing in it
SEGMENT_PADDING = 10


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


@dataclass(frozen=True)
class Box:
    """The room a label (or a mark) takes, in the SVG's user units."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other, gap=0):
        return not (self.right + gap <= other.left or other.right + gap <= self.left
                    or self.bottom + gap <= other.top or other.bottom + gap <= self.top)

    def moved_down(self, dy):
        return Box(self.left, self.top + dy, self.right, self.bottom + dy)


def settle(box, taken, step, gap):
    """``box`` moved down in steps of ``step`` until it overlaps none of ``taken``; added to them."""
    while any(box.overlaps(other, gap) for other in taken):
        box = box.moved_down(step)
    taken.append(box)
    return box


def segments(first, last):
    """Stretches of the axis with a label each: months for a year or less, years beyond."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    result = []
    if months <= 12:
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            start = max(date(year, month, 1), first)
            end = min(date(year, month, calendar.monthrange(year, month)[1]), last)
            label = str(MONTH_ABBREVIATIONS[month - 1])
            if month == 1 or not result:
                label += f" {year}"
            result.append((start, end, label))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        for year in range(first.year, last.year + 1):
            result.append((max(date(year, 1, 1), first), min(date(year, 12, 31), last), str(year)))
    return result


@dataclass
class Item:
    """Something on the chart, before it is placed: the data and the day(s) it covers."""

    kind: str              # "phase", "pause", "milestone", "document"
    obj: object
    first: date
    last: date
    number: int = 0


@dataclass
class Chart:
    first: date
    last: date
    phases: list = field(default_factory=list)
    pauses: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    wide: dict = field(default_factory=dict)
    tall: dict = field(default_factory=dict)

    @property
    def first_label(self):
        return format_partial_date(self.first, DatePrecision.DAY)

    @property
    def last_label(self):
        return format_partial_date(self.last, DatePrecision.DAY)

    @property
    def days(self):
        return (self.last - self.first).days + 1

    def fraction(self, day, end_of_day=False):
        """Where the start (or end) of a day falls between the chart's first and last day, from 0 to 1."""
        return ((day - self.first).days + (1 if end_of_day else 0)) / self.days

    def clip(self, first, last):
        first, last = max(first, self.first), min(last, self.last)
        return (first, last) if first <= last else None


def build_chart(first, last, phases, pauses, milestones, documents):
    """Everything between the days ``first`` and ``last`` (both included), laid out wide and tall."""
    chart = Chart(first, last)
    for phase in phases:
        span = phase_span(phase)
        clipped = chart.clip(*span) if span else None
        if clipped:
            chart.phases.append(Item("phase", phase, *clipped))
    for pause in pauses:
        clipped = chart.clip(pause.start, pause.end)
        if clipped:
            chart.pauses.append(Item("pause", pause, *clipped))
    for milestone in milestones:
        day = interval(milestone.date, milestone.precision)[0]
        if first <= day <= last:
            chart.milestones.append(Item("milestone", milestone, day, day, number=len(chart.milestones) + 1))
    for document in documents:
        first_day, last_day = interval(document.date, document.date_precision)
        chart.documents.append(Item("document", document, first_day, last_day))
    chart.wide = wide_layout(chart)
    chart.tall = tall_layout(chart)
    return chart


def milestone_text(item):
    return f"{item.number}. {item.obj.label}"


def wide_layout(chart):
    """Time across: phase names in a column on the left, a row per phase, then milestones and documents."""
    longest = max((text_width(item.obj.name, FONT) for item in chart.phases), default=0)
    names_width = min(longest, WIDE_NAMES_MAX)
    plot_left = names_width + 20
    plot_width = WIDE_RIGHT - plot_left

    def x(day, end_of_day=False):
        return round(plot_left + plot_width * chart.fraction(day, end_of_day), 2)

    labels = []                                   # every placed text, to test they never overlap
    ticks, tick_boxes = [], []
    for start, _, label in segments(chart.first, chart.last):
        tick_x = x(start)
        box = Box(tick_x + 4, 8, tick_x + 4 + text_width(label, FONT), 8 + LINE)
        shown = not any(box.overlaps(other, LABEL_GAP) for other in tick_boxes) and box.right <= WIDE_WIDTH
        if shown:
            tick_boxes.append(box)
            labels.append(box)
        ticks.append({"x": tick_x, "label": label if shown else "", "label_x": tick_x + 4})
    top = 8 + LINE + 10

    phases = []
    y = top
    for item in chart.phases:
        lines = wrap(item.obj.name, names_width, FONT)
        height = max(ROW, len(lines) * LINE + 8)
        left, right = x(item.first), x(item.last, end_of_day=True)
        text_top = y + (height - len(lines) * LINE) / 2
        labels.append(Box(0, text_top, _widest(lines), text_top + len(lines) * LINE))
        phases.append({
            "phase": item.obj, "x": left, "width": max(round(right - left, 2), 2),
            "band_y": y + height / 2 - 8, "lines": _lines(lines, 0, text_top),
        })
        y += height
    bands_bottom = y
    pauses = []
    for item in chart.pauses:
        left, right = x(item.first), x(item.last, end_of_day=True)
        pauses.append({"pause": item.obj, "x": left, "width": max(round(right - left, 2), 2),
                       "y": top, "height": bands_bottom - top})

    # Milestones: each diamond with its label beside it, moved down until it touches no other.
    milestones_top = bands_bottom + 14
    # The headings in the reader's language, measured as they will be drawn.
    milestones_heading, documents_heading = gettext("Hitos"), gettext("Documentos")
    taken = [Box(0, milestones_top, text_width(milestones_heading, FONT, bold=True), milestones_top + LINE)]
    labels.append(taken[0])
    milestones = []
    for item in chart.milestones:
        mark_x = x(item.first)
        room_right, room_left = WIDE_WIDTH - mark_x - 12, mark_x - 12
        text = milestone_text(item)
        # Beside the diamond on the right, else on the left; a label too long for either side is broken.
        to_the_left = text_width(text, FONT) > room_right and room_left > room_right
        lines = wrap(text, room_left if to_the_left else room_right, FONT)
        width = _widest(lines)
        left = mark_x - 12 - width if to_the_left else mark_x - 8
        right = mark_x + 8 if to_the_left else mark_x + 12 + width
        box = Box(left, milestones_top, right, milestones_top + len(lines) * LINE)
        box = settle(box, taken, MILESTONE_STEP, LABEL_GAP / 2)
        labels.append(box)
        centre = box.top + LINE / 2
        text_x = mark_x - 12 if to_the_left else mark_x + 12
        milestones.append({
            "milestone": item.obj, "number": item.number, "x": mark_x, "y": centre,
            "points": _diamond(mark_x, centre), "anchor": "end" if to_the_left else "start",
            "lines": _lines(lines, text_x, box.top),
            # White under the words, so the year lines behind do not cross them.
            "backing": {"x": text_x - width - 2 if to_the_left else text_x - 2, "y": box.top,
                        "width": round(width + 4, 2), "height": box.bottom - box.top},
        })
    milestones_bottom = max((box.bottom for box in taken), default=milestones_top + LINE)

    documents_top = milestones_bottom + 16
    heading = Box(0, documents_top, text_width(documents_heading, FONT, bold=True), documents_top + LINE)
    labels.append(heading)
    dots = [heading]
    documents = []
    for item in chart.documents:
        centre_x = round((x(item.first) + x(item.last, end_of_day=True)) / 2, 2)
        box = settle(Box(centre_x - DOT, documents_top + 4, centre_x + DOT, documents_top + 4 + 2 * DOT),
                     dots, DOT_STEP - 2 * DOT, 2)
        documents.append({"page": item.obj, "x": centre_x, "y": box.top + DOT})
    bottom = max(box.bottom for box in dots) + 12
    return {
        "width": WIDE_WIDTH, "height": round(bottom), "plot_left": plot_left,
        "ticks": ticks, "axis_top": 8 + LINE + 4, "axis_bottom": round(bottom) - 4,
        "phases": phases, "pauses": pauses, "milestones": milestones, "documents": documents,
        "milestones_heading": milestones_heading, "documents_heading": documents_heading,
        "milestones_heading_y": milestones_top + 14, "documents_heading_y": documents_top + 14,
        "labels": labels,
    }


def tall_layout(chart):
    """Time down: years (or months) on the left, then phase bands, documents and milestones, then the words.

    Each year takes the height its labels need (a quiet year the least), and
    days within a year are evenly spaced; a label sits at its day, or just
    below the label before it, with a line to its mark when moved.
    """
    stretches = segments(chart.first, chart.last)
    axis_width = max(text_width(label, FONT) for _, _, label in stretches) + 8
    phase_lanes = _lanes([(item.first, item.last) for item in chart.phases])
    phases_left = axis_width + 4
    documents_left = phases_left + max(phase_lanes + [-1]) * PHASE_LANE + PHASE_LANE + 6
    marks_x = documents_left + DOC_LANES * (2 * DOT + 2) + 10
    text_left = marks_x + 14
    text_width_max = TALL_RIGHT - text_left

    entries = [(item.first, 0, item) for item in chart.phases] + [(item.first, 1, item) for item in chart.milestones]
    entries.sort(key=lambda entry: entry[:2])
    wrapped = {
        id(item): wrap(item.obj.name, text_width_max, FONT, bold=True) if item.kind == "phase"
        else wrap(milestone_text(item), text_width_max, FONT)
        for _, _, item in entries
    }

    # Heights: each stretch gets the room of the labels and documents inside it.
    tops, heights = [], []
    y = LINE
    for start, end, _ in stretches:
        inside = [item for _, _, item in entries if start <= item.first <= end]
        words = sum(len(wrapped[id(item)]) * LINE + 8 for item in inside)
        dots = sum(1 for item in chart.documents if start <= middle(item.first, item.last) <= end)
        height = max(MIN_SEGMENT, words + SEGMENT_PADDING, -(-dots // DOC_LANES) * DOT_STEP + SEGMENT_PADDING)
        tops.append(y)
        heights.append(height)
        y += height
    axis_bottom = y

    def y_of(day, end_of_day=False):
        for (start, end, _), top, height in zip(stretches, tops, heights, strict=True):
            if start <= day <= end:
                days = (end - start).days + 1
                return round(top + height * ((day - start).days + (1 if end_of_day else 0)) / days, 2)
        return axis_bottom

    labels = []
    ticks = []
    for (_, _, label), top in zip(stretches, tops, strict=True):
        ticks.append({"y": top, "label": label, "label_y": top + 15})
        labels.append(Box(0, top + 1, text_width(label, FONT), top + 1 + LINE))

    phases = []
    for item, lane in zip(chart.phases, phase_lanes, strict=True):
        top, bottom = y_of(item.first), y_of(item.last, end_of_day=True)
        phases.append({"phase": item.obj, "x": phases_left + lane * PHASE_LANE, "y": top,
                       "height": max(round(bottom - top, 2), 2)})
    pauses = []
    for item in chart.pauses:
        top, bottom = y_of(item.first), y_of(item.last, end_of_day=True)
        pauses.append({"pause": item.obj, "x": phases_left - 2, "width": marks_x - 6 - phases_left,
                       "y": top, "height": max(round(bottom - top, 2), 2)})

    dots = []
    documents = []
    for item in chart.documents:
        centre_y = round((y_of(item.first) + y_of(item.last, end_of_day=True)) / 2, 2)
        box = _free_dot(documents_left, centre_y, dots)
        dots.append(box)
        documents.append({"page": item.obj, "x": box.left + DOT, "y": box.top + DOT})

    texts = []
    milestones = []
    phase_x = {id(item): entry["x"] + 4 for item, entry in zip(chart.phases, phases, strict=True)}
    bottom_of_last = 0
    for day, _, item in entries:
        mark_y = y_of(day)
        lines = wrapped[id(item)]
        top = max(mark_y - LINE / 2 - 2, bottom_of_last + 6)
        width = _widest(lines, bold=item.kind == "phase")
        box = Box(text_left, top, text_left + width, top + len(lines) * LINE)
        labels.append(box)
        bottom_of_last = box.bottom
        start_x = marks_x + 8 if item.kind == "milestone" else phase_x[id(item)]
        texts.append({
            "kind": item.kind, "lines": _lines(lines, text_left, top),
            "leader": f"{start_x},{mark_y} {marks_x + 8},{mark_y} {text_left - 4},{top + LINE / 2 + 1}",
            "bold": item.kind == "phase",
        })
        if item.kind == "milestone":
            milestones.append({"milestone": item.obj, "number": item.number, "points": _diamond(marks_x, mark_y)})
    height = round(max([axis_bottom, bottom_of_last] + [box.bottom for box in dots]) + LINE)
    return {
        # The year lines stop short of the words, which may sit below their day.
        "width": TALL_WIDTH, "height": height, "ticks": ticks, "axis_left": axis_width, "axis_right": text_left - 8,
        "phases": phases, "pauses": pauses, "documents": documents, "milestones": milestones, "texts": texts,
        "labels": labels,
    }


def _free_dot(left, centre_y, dots):
    """The first free place for a circle on its day, across the lanes; on a crowded day, a little lower."""
    shift = 0
    while True:
        for lane in range(DOC_LANES):
            centre_x = left + DOT + lane * (2 * DOT + 2)
            box = Box(centre_x - DOT, centre_y + shift - DOT, centre_x + DOT, centre_y + shift + DOT)
            if not any(box.overlaps(other, 1) for other in dots):
                return box
        shift += 2 * DOT + 2


def _lanes(spans):
    """The lane of each (first, last) span: the first lane whose spans all ended before it starts."""
    ends, lanes = [], []
    for first, last in spans:
        lane = next((n for n, end in enumerate(ends) if end < first), len(ends))
        if lane == len(ends):
            ends.append(last)
        else:
            ends[lane] = last
        lanes.append(lane)
    return lanes


def _widest(lines, bold=False):
    """The width of the longest line, less the space a line was broken at (it is not drawn)."""
    return max(text_width(line.rstrip(" "), FONT, bold=bold) for line in lines)


def _lines(lines, x, top):
    """<tspan>s of a wrapped label: baselines one line apart, the space at each break kept between them."""
    return [{"text": text.rstrip(" "), "space": text.endswith(" "), "x": x, "y": round(top + n * LINE + 14, 2)}
            for n, text in enumerate(lines)]


def _diamond(x, y, size=7):
    return f"{x},{y - size} {x + size},{y} {x},{y + size} {x - size},{y}"


def year_range(first_year, last_year):
    return date(first_year, 1, 1), date(last_year, 12, 31)


def in_range(document, first, last):
    first_day, last_day = interval(document.date, document.date_precision)
    return first <= middle(first_day, last_day) <= last

