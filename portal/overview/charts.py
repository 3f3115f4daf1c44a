"""Server-side SVG charts for the regional overview page.

The page's Content-Security-Policy forbids inline styles and scripts, so every
visual property is an SVG presentation attribute (`fill`, `stroke`, `font-size`,
...) and nothing here emits `style=` or `<script`. Each chart is a single
`role="img"` graphic named by its `<title>` and `<desc>`; the figures themselves
are not exposed to assistive technology, so the page must also offer the same
numbers as an HTML table (WCAG 1.1.1 / 1.3.1).

Everything that comes from data goes through `format_html`/`format_html_join`,
so labels containing `<`, `&` or quotes cannot break out of the markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

__all__ = [
    "EMPTY_STEP",
    "PALETTE",
    "Bar",
    "HeatCell",
    "bar_chart",
    "heat_map",
    "scale_step",
    "step_class",
]

SVG_NS = "http://www.w3.org/2000/svg"

TEXT_COLOUR = "#1a1a1a"  # 17.4:1 on white
TEXT_ON_DARK = "#ffffff"
BAR_COLOUR = "#1e4e8c"  # 8.3:1 on white, well above the 3:1 for graphics (1.4.11)

# Light to dark blue. Steps 0-2 carry TEXT_COLOUR (>= 7:1), steps 3-4 carry
# white (>= 5.6:1); tests recompute these ratios so a palette edit cannot
# silently drop below 4.5:1.
PALETTE: tuple[str, ...] = ("#e8f0f9", "#b9d1ea", "#7fa8d6", "#2f6aa6", "#163a69")
FIRST_DARK_STEP = 3

EMPTY_STEP = -1
"""What `scale_step` returns for a value of 0: drawn as a white, dashed cell."""

EMPTY_FILL = "#ffffff"
EMPTY_STROKE = "#6b6b6b"  # 5.3:1 on white, so the dashed outline stays visible
SUPPRESSED_BASE = "#eeeeee"
SUPPRESSED_HATCH = "#c4c4c4"  # the darker of the two, still 10:1 against TEXT_COLOUR

# Rough average advance of a character as a fraction of the font size. SVG text
# cannot be measured on the server, so layout and truncation work from this.
CHAR_WIDTH_EM = 0.56
PAD = 8
GAP = 8

BAR_WIDTH = 640
BAR_LABEL_COLUMN = 256  # 40% of the width
BAR_ROW_HEIGHT = 24
BAR_THICKNESS = 16
BAR_FONT_SIZE = 13
BAR_DISPLAY_GAP = 6
BAR_MIN_DISPLAY_SPACE = 40
BAR_MAX_DISPLAY_SPACE = 160
# A positive value must stay visible even when it is tiny next to the maximum.
BAR_MIN_WIDTH = 1.0

HEAT_FONT_SIZE = 12
HEAT_CELL_HEIGHT = 28
HEAT_MIN_CELL_WIDTH = 44
HEAT_MAX_ROW_LABEL_WIDTH = 200
HEAT_MAX_COLUMN_LABEL_CHARS = 24
HEAT_SWATCH_WIDTH = 24
HEAT_SWATCH_HEIGHT = 14
SIN_45 = math.sqrt(0.5)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | None  # None: suppressed, no bar, only `display`
    display: str


@dataclass(frozen=True)
class HeatCell:
    value: int | None  # None: suppressed or not applicable
    display: str


def scale_step(value: int | None, maximum: int) -> int | None:
    """Place `value` on the 5-step scale relative to `maximum`.

    Returns None for None (suppressed), `EMPTY_STEP` (-1) for 0, and otherwise
    0..4 by fifths of the maximum: (0, 20%] is 0, ..., (80%, 100%] is 4.
    Raises ValueError for negative values or values above `maximum`.
    """
    if value is None:
        return None
    if value < 0 or value > maximum:
        raise ValueError(f"value {value} is outside 0..{maximum}")
    if value == 0:
        return EMPTY_STEP
    # Integer arithmetic for ceil(5 * value / maximum) - 1, so exact fifths
    # (e.g. 3 of 5) land in the lower step instead of drifting on float error.
    return (5 * value - 1) // maximum


def step_class(step: int | None) -> str:
    """CSS class name for a step, so an HTML table can mirror the heat map."""
    if step is None:
        return "heat-suppressed"
    if step == EMPTY_STEP:
        return "heat-empty"
    return f"heat-step-{step}"


# --- shared helpers ---------------------------------------------------------


def _join(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _num(number: float) -> str:
    # Short, locale-independent coordinates; "-0" would be harmless but noisy.
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH_EM


def _truncate(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(max_chars - 1, 0)].rstrip() + "…"


def _chars_that_fit(width: float, font_size: float) -> int:
    return max(int(width // (font_size * CHAR_WIDTH_EM)), 1)


def _check_chart_id(chart_id: str) -> None:
    # aria-labelledby is a space-separated id list, so whitespace would break it.
    if not chart_id or any(char.isspace() for char in chart_id):
        raise ValueError(f"chart_id must be a non-empty id without spaces, got {chart_id!r}")


def _svg(
    *, chart_id: str, title: str, description: str, width: float, height: float, body: SafeString
) -> SafeString:
    # No height attribute: with width="100%" the browser derives it from the
    # viewBox, so the chart scales with its container.
    return format_html(
        '<svg xmlns="{ns}" role="img" id="{id}" aria-labelledby="{id}-title {id}-desc"'
        ' viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet"'
        ' font-size="{font}" fill="{text}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        ns=SVG_NS,
        id=chart_id,
        w=_num(width),
        h=_num(height),
        font=BAR_FONT_SIZE,
        text=TEXT_COLOUR,
        title=title,
        desc=description,
        body=body,
    )


def _shortened(text: str, max_chars: int) -> tuple[str, SafeString]:
    """The text to draw and, if it had to be cut, a `<title>` with the full text.

    The title goes inside the label's `<g>` so pointer users can still read it.
    """
    shown = _truncate(text, max_chars)
    hover = format_html("<title>{}</title>", text) if shown != text else SafeString()
    return shown, hover


def _label(text: str, max_chars: int, *, x: float, y: float, anchor: str) -> SafeString:
    shown, hover = _shortened(text, max_chars)
    return format_html(
        '<g>{hover}<text x="{x}" y="{y}" dy="0.35em" text-anchor="{anchor}">{shown}</text></g>',
        hover=hover,
        x=_num(x),
        y=_num(y),
        anchor=anchor,
        shown=shown,
    )


# --- bar chart --------------------------------------------------------------


def _check_bar_value(bar: Bar) -> None:
    if bar.value is not None and (not math.isfinite(bar.value) or bar.value < 0):
        raise ValueError(f"bar {bar.label!r} has an invalid value {bar.value!r}")


def _display_space(bars: Sequence[Bar]) -> float:
    longest = max((len(bar.display) for bar in bars), default=0)
    needed = BAR_DISPLAY_GAP + longest * BAR_FONT_SIZE * CHAR_WIDTH_EM
    return min(max(needed, BAR_MIN_DISPLAY_SPACE), BAR_MAX_DISPLAY_SPACE)


def _bar_width(value: float | None, maximum: float, full_width: float) -> float:
    if value is None or value <= 0 or maximum <= 0:
        return 0.0
    return max(value / maximum * full_width, BAR_MIN_WIDTH)


def _bar_row(bar: Bar, index: int, width: float) -> SafeString:
    top = PAD + index * BAR_ROW_HEIGHT
    middle = top + BAR_ROW_HEIGHT / 2
    shown, hover = _shortened(bar.label, _chars_that_fit(BAR_LABEL_COLUMN - GAP, BAR_FONT_SIZE))
    rect = (
        format_html(
            '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"/>',
            x=BAR_LABEL_COLUMN,
            y=_num(middle - BAR_THICKNESS / 2),
            w=_num(width),
            h=BAR_THICKNESS,
            fill=BAR_COLOUR,
        )
        if width > 0
        else SafeString()
    )
    return format_html(
        '<g class="bar-row">{hover}'
        '<text x="{label_x}" y="{y}" dy="0.35em" text-anchor="end">{shown}</text>{rect}'
        '<text x="{display_x}" y="{y}" dy="0.35em">{display}</text></g>',
        hover=hover,
        label_x=BAR_LABEL_COLUMN - GAP,
        y=_num(middle),
        shown=shown,
        rect=rect,
        display_x=_num(BAR_LABEL_COLUMN + width + BAR_DISPLAY_GAP),
        display=bar.display,
    )


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    description: str,
    empty_text: str = "",
) -> SafeString:
    """A horizontal bar chart, one row per bar, scaled to the largest value."""
    _check_chart_id(chart_id)
    for bar in bars:
        _check_bar_value(bar)

    if not bars:
        body = (
            format_html(
                '<text x="0" y="{y}" dy="0.35em">{text}</text>',
                y=_num(PAD + BAR_ROW_HEIGHT / 2),
                text=empty_text,
            )
            if empty_text
            else SafeString()
        )
        height = 2 * PAD + (BAR_ROW_HEIGHT if empty_text else 0)
        return _svg(
            chart_id=chart_id,
            title=title,
            description=description,
            width=BAR_WIDTH,
            height=height,
            body=body,
        )

    maximum = max((bar.value for bar in bars if bar.value is not None), default=0)
    full_width = BAR_WIDTH - BAR_LABEL_COLUMN - _display_space(bars)
    rows = (
        _bar_row(bar, index, _bar_width(bar.value, maximum, full_width))
        for index, bar in enumerate(bars)
    )
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        width=BAR_WIDTH,
        height=2 * PAD + len(bars) * BAR_ROW_HEIGHT,
        body=_join(rows),
    )


# --- heat map ---------------------------------------------------------------


@dataclass(frozen=True)
class _HeatLayout:
    label_width: float
    label_chars: int
    cell_width: float
    header_height: float
    column_chars: int
    grid_top: float
    grid_bottom: float

    def cell_x(self, column: int) -> float:
        return self.label_width + column * self.cell_width

    def cell_y(self, row: int) -> float:
        return self.grid_top + row * HEAT_CELL_HEIGHT


def _heat_layout(
    rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[HeatCell]]
) -> _HeatLayout:
    char_width = HEAT_FONT_SIZE * CHAR_WIDTH_EM
    # Size the label column to the longest label in characters (not widths, so
    # float rounding cannot truncate a label that was meant to fit).
    max_label_chars = _chars_that_fit(HEAT_MAX_ROW_LABEL_WIDTH - GAP, HEAT_FONT_SIZE)
    label_chars = min(max((len(row) for row in rows), default=0), max_label_chars)
    label_width = label_chars * char_width + GAP
    longest_display = max((len(cell.display) for line in cells for cell in line), default=0)
    cell_width = max(longest_display * char_width + 12, HEAT_MIN_CELL_WIDTH)
    column_chars = HEAT_MAX_COLUMN_LABEL_CHARS
    longest_column = min(max((len(column) for column in columns), default=0), column_chars)
    # Column labels run up and to the right at 45°, so their height is the
    # projected length of the longest one.
    header_height = longest_column * char_width * SIN_45 + GAP
    grid_top = PAD + header_height
    return _HeatLayout(
        label_width=label_width,
        label_chars=label_chars,
        cell_width=cell_width,
        header_height=header_height,
        column_chars=column_chars,
        grid_top=grid_top,
        grid_bottom=grid_top + len(rows) * HEAT_CELL_HEIGHT,
    )


def _cell_paint(step: int | None, hatch_id: str) -> tuple[str, str, SafeString]:
    """Fill, text colour and extra rect attributes for a scale step."""
    if step is None:
        return f"url(#{hatch_id})", TEXT_COLOUR, SafeString()
    if step == EMPTY_STEP:
        dashed = format_html(' stroke="{}" stroke-width="1.5" stroke-dasharray="4 3"', EMPTY_STROKE)
        return EMPTY_FILL, TEXT_COLOUR, dashed
    text = TEXT_ON_DARK if step >= FIRST_DARK_STEP else TEXT_COLOUR
    return PALETTE[step], text, SafeString()


def _hatch_pattern(hatch_id: str) -> SafeString:
    # Hatching keeps suppressed cells distinct from the lightest blue without
    # relying on colour alone (WCAG 1.4.1).
    return format_html(
        '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{base}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{hatch}" stroke-width="2"/>'
        "</pattern></defs>",
        id=hatch_id,
        base=SUPPRESSED_BASE,
        hatch=SUPPRESSED_HATCH,
    )


def _heat_cell(
    cell: HeatCell,
    *,
    step: int | None,
    hover: str,
    x: float,
    y: float,
    width: float,
    hatch_id: str,
) -> SafeString:
    fill, text_colour, extra = _cell_paint(step, hatch_id)
    # A 1-unit inset leaves white gutters so neighbouring steps stay separable.
    return format_html(
        '<g class="heat-cell {cls}"><title>{hover}</title>'
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{extra}/>'
        '<text x="{cx}" y="{cy}" dy="0.35em" text-anchor="middle" fill="{text}">{display}</text>'
        "</g>",
        cls=step_class(step),
        hover=hover,
        x=_num(x + 1),
        y=_num(y + 1),
        w=_num(width - 2),
        h=HEAT_CELL_HEIGHT - 2,
        fill=fill,
        extra=extra,
        cx=_num(x + width / 2),
        cy=_num(y + HEAT_CELL_HEIGHT / 2),
        text=text_colour,
        display=cell.display,
    )


def _column_label(text: str, layout: _HeatLayout, column: int) -> SafeString:
    x = layout.cell_x(column) + layout.cell_width / 2
    y = layout.grid_top - 4
    shown, hover = _shortened(text, layout.column_chars)
    return format_html(
        '<g>{hover}<text x="{x}" y="{y}" transform="rotate(-45 {x} {y})">{shown}</text></g>',
        hover=hover,
        x=_num(x),
        y=_num(y),
        shown=shown,
    )


def _swatch(x: float, y: float, fill: str, extra: SafeString) -> SafeString:
    return format_html(
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{extra}/>',
        x=_num(x),
        y=_num(y),
        w=HEAT_SWATCH_WIDTH,
        h=HEAT_SWATCH_HEIGHT,
        fill=fill,
        extra=extra,
    )


def _legend_text(text: str, x: float, y: float) -> SafeString:
    return format_html(
        '<text x="{x}" y="{y}" dy="0.35em">{text}</text>', x=_num(x), y=_num(y), text=text
    )


def _legend(
    *, top: float, low: str, high: str, empty: str, suppressed: str, hatch_id: str
) -> tuple[SafeString, float]:
    """The legend row and its right edge, laid out left to right from x=0."""
    middle = top + HEAT_SWATCH_HEIGHT / 2
    parts: list[SafeString] = []
    x = 2.0  # glyphs overhang their origin a little

    def label(text: str) -> None:
        nonlocal x
        parts.append(_legend_text(text, x, middle))
        x += _text_width(text, HEAT_FONT_SIZE) + GAP

    def swatch(step: int | None) -> None:
        nonlocal x
        fill, _, extra = _cell_paint(step, hatch_id)
        parts.append(_swatch(x, top, fill, extra))
        x += HEAT_SWATCH_WIDTH + 2

    if low:
        label(low)
    for step in range(len(PALETTE)):
        swatch(step)
    x += GAP - 2
    if high:
        label(high)
    x += GAP
    swatch(EMPTY_STEP)
    x += GAP - 2
    if empty:
        label(empty)
    if suppressed:
        x += GAP
        swatch(None)
        x += GAP - 2
        label(suppressed)
    group = format_html('<g class="heat-legend">{}</g>', _join(parts))
    return group, x


def _check_heat_shape(
    rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[HeatCell]]
) -> None:
    if len(cells) != len(rows):
        raise ValueError(f"{len(rows)} row labels but {len(cells)} rows of cells")
    for index, line in enumerate(cells):
        if len(line) != len(columns):
            raise ValueError(
                f"row {index} has {len(line)} cells but there are {len(columns)} columns"
            )


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    *,
    chart_id: str,
    title: str,
    description: str,
    legend_low: str,
    legend_high: str,
    legend_empty: str = "0",
    legend_suppressed: str = "",
) -> SafeString:
    """A rows × columns grid coloured by each value's share of the grid's maximum.

    `cells[r][c]` belongs to `rows[r]` and `columns[c]`. The legend shows the
    five steps between `legend_low` and `legend_high`, the dashed "empty" swatch
    labelled `legend_empty`, and, only if `legend_suppressed` is given, the
    hatched swatch for suppressed cells.
    """
    _check_chart_id(chart_id)
    _check_heat_shape(rows, columns, cells)

    if not rows or not columns:
        return _svg(
            chart_id=chart_id,
            title=title,
            description=description,
            width=BAR_WIDTH,
            height=2 * PAD,
            body=SafeString(),
        )

    hatch_id = f"{chart_id}-suppressed"
    layout = _heat_layout(rows, columns, cells)
    maximum = max(
        (cell.value for line in cells for cell in line if cell.value is not None), default=0
    )

    row_labels = (
        _label(
            row,
            layout.label_chars,
            x=layout.label_width - GAP,
            y=layout.cell_y(index) + HEAT_CELL_HEIGHT / 2,
            anchor="end",
        )
        for index, row in enumerate(rows)
    )
    column_labels = (_column_label(column, layout, index) for index, column in enumerate(columns))
    grid = (
        _heat_cell(
            cell,
            step=scale_step(cell.value, maximum),
            hover=f"{rows[r]} – {columns[c]}: {cell.display}",
            x=layout.cell_x(c),
            y=layout.cell_y(r),
            width=layout.cell_width,
            hatch_id=hatch_id,
        )
        for r, line in enumerate(cells)
        for c, cell in enumerate(line)
    )
    legend_top = layout.grid_bottom + 2 * GAP
    legend, legend_right = _legend(
        top=legend_top,
        low=legend_low,
        high=legend_high,
        empty=legend_empty,
        suppressed=legend_suppressed,
        hatch_id=hatch_id,
    )

    # The last rotated column label reaches past the grid by its projected length.
    label_reach = max(
        layout.cell_x(index)
        + layout.cell_width / 2
        + _text_width(_truncate(column, layout.column_chars), HEAT_FONT_SIZE) * SIN_45
        for index, column in enumerate(columns)
    )
    width = max(layout.cell_x(len(columns)), label_reach, legend_right) + PAD
    height = legend_top + HEAT_SWATCH_HEIGHT + PAD
    body = format_html(
        '{hatch}<g font-size="{font}">{row_labels}{column_labels}{grid}{legend}</g>',
        hatch=_hatch_pattern(hatch_id),
        font=HEAT_FONT_SIZE,
        row_labels=_join(row_labels),
        column_labels=_join(column_labels),
        grid=_join(grid),
        legend=legend,
    )
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        body=body,
    )
