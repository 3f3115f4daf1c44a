from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from portal.overview.charts import (
    EMPTY_STEP,
    PALETTE,
    Bar,
    HeatCell,
    bar_chart,
    heat_map,
    scale_step,
)

NS = "{http://www.w3.org/2000/svg}"
TRICKY = "Nord & Sør <\"Troms\"> 'Finnmark'"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bar_svg(bars: list[Bar], **kwargs: str) -> SafeString:
    return bar_chart(bars, chart_id="bars", title="Tittel", description="Beskrivelse", **kwargs)


def heat_svg(
    rows: list[str], columns: list[str], cells: list[list[HeatCell]], **kwargs: str
) -> SafeString:
    return heat_map(
        rows,
        columns,
        cells,
        chart_id="heat",
        title="Tittel",
        description="Beskrivelse",
        legend_low="Få",
        legend_high="Mange",
        **kwargs,
    )


def bar_rects(svg: str) -> list[ET.Element]:
    return [
        row.find(f"{NS}rect") for row in parse(svg).iter(f"{NS}g") if row.get("class") == "bar-row"
    ]


def heat_cells(svg: str) -> list[ET.Element]:
    return [g for g in parse(svg).iter(f"{NS}g") if "heat-cell" in (g.get("class") or "")]


def relative_luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


SAMPLE_BARS = [Bar("Agder", 10, "10"), Bar("Rogaland", 5, "5"), Bar("Oslo", None, "< 3")]
SAMPLE_HEAT = (
    ["Agder", "Oslo"],
    ["Barnehage", "Skole", "PPT"],
    [
        [HeatCell(10, "10"), HeatCell(0, "0"), HeatCell(None, "–")],
        [HeatCell(2, "2"), HeatCell(6, "6"), HeatCell(9, "9")],
    ],
)


@pytest.fixture(params=["bar", "heat"])
def any_chart(request) -> tuple[str, str]:
    if request.param == "bar":
        return "bars", bar_svg(SAMPLE_BARS)
    return "heat", heat_svg(*SAMPLE_HEAT)


def test_charts_are_safe_strings_that_parse_as_xml(any_chart):
    _, svg = any_chart
    assert isinstance(svg, SafeString)
    assert parse(svg).tag == f"{NS}svg"


def test_charts_are_images_named_by_their_title_and_description(any_chart):
    chart_id, svg = any_chart
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("id") == chart_id
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    first, second = list(root)[:2]
    assert (first.tag, first.get("id"), first.text) == (f"{NS}title", f"{chart_id}-title", "Tittel")
    assert (second.tag, second.get("id"), second.text) == (
        f"{NS}desc",
        f"{chart_id}-desc",
        "Beskrivelse",
    )


def test_charts_scale_with_their_container(any_chart):
    _, svg = any_chart
    root = parse(svg)
    assert root.get("width") == "100%"
    assert root.get("preserveAspectRatio") == "xMinYMin meet"
    assert root.get("viewBox").startswith("0 0 ")


def test_charts_contain_no_inline_styles_or_scripts(any_chart):
    _, svg = any_chart
    assert "style" not in svg.lower()
    assert "<script" not in svg.lower()
    assert "on" not in {name[:2] for el in parse(svg).iter() for name in el.attrib}


def test_bar_labels_with_markup_characters_are_escaped():
    svg = bar_svg([Bar(TRICKY, 3, "<3 & >"), Bar("ok", 1, "1")])
    assert '<"Troms">' not in svg
    texts = [el.text for el in parse(svg).iter(f"{NS}text")]
    assert TRICKY in texts
    assert "<3 & >" in texts


def test_chart_title_and_description_are_escaped():
    svg = bar_chart(
        SAMPLE_BARS, chart_id="x", title="<b>&\"'", description="</desc><script>x</script>"
    )
    root = parse(svg)
    assert root.find(f"{NS}title").text == "<b>&\"'"
    assert root.find(f"{NS}desc").text == "</desc><script>x</script>"
    assert "<script" not in svg


def test_heat_map_labels_with_markup_characters_are_escaped():
    svg = heat_svg([TRICKY], ['<kolonne & "x">'], [[HeatCell(1, "<1>")]])
    root = parse(svg)
    texts = [el.text for el in [*root.iter(f"{NS}text"), *root.iter(f"{NS}title")]]
    assert TRICKY in texts
    assert '<kolonne & "x">' in texts
    assert "<1>" in texts


def test_bar_widths_are_proportional_to_values_and_the_maximum_gets_the_longest_bar():
    rects = bar_rects(bar_svg([Bar("a", 10, "10"), Bar("b", 5, "5"), Bar("c", 2.5, "2,5")]))
    widths = [float(rect.get("width")) for rect in rects]
    assert widths[0] == max(widths)
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.01)
    assert widths[2] == pytest.approx(widths[0] / 4, abs=0.01)


def test_bars_fit_inside_the_view_box_with_room_for_the_display_text():
    svg = bar_svg([Bar("a", 10, "1 000 000 d")])
    root = parse(svg)
    view_width = float(root.get("viewBox").split()[2])
    rect = bar_rects(svg)[0]
    assert float(rect.get("x")) + float(rect.get("width")) < view_width - 40


def test_suppressed_bar_draws_no_rect_but_shows_its_display_text():
    svg = bar_svg(SAMPLE_BARS)
    assert bar_rects(svg)[2] is None
    assert "&lt; 3" in svg


def test_bar_chart_with_zero_maximum_draws_no_bars():
    svg = bar_svg([Bar("a", 0, "0"), Bar("b", None, "< 3")])
    assert bar_rects(svg) == [None, None]
    assert [t.text for t in parse(svg).iter(f"{NS}text")] == ["a", "0", "b", "< 3"]


def test_bar_chart_height_grows_with_the_number_of_rows():
    def height(count: int) -> float:
        svg = bar_svg([Bar(str(i), i, str(i)) for i in range(count)])
        return float(parse(svg).get("viewBox").split()[3])

    assert height(10) - height(5) == pytest.approx(5 * (height(2) - height(1)))


def test_long_bar_labels_are_truncated_and_keep_the_full_label_as_a_hover_title():
    label = "Kompetansesenter for spesialpedagogikk og inkludering i Nord-Norge"
    svg = bar_svg([Bar(label, 1, "1")])
    row = next(g for g in parse(svg).iter(f"{NS}g") if g.get("class") == "bar-row")
    assert row.find(f"{NS}title").text == label
    shown = row.find(f"{NS}text").text
    assert shown.endswith("…")
    assert label.startswith(shown[:-1])


def test_short_bar_labels_have_no_hover_title():
    svg = bar_svg([Bar("Agder", 1, "1")])
    row = next(g for g in parse(svg).iter(f"{NS}g") if g.get("class") == "bar-row")
    assert row.find(f"{NS}title") is None


def test_empty_bar_chart_shows_only_title_and_description_by_default():
    root = parse(bar_svg([]))
    assert [el.tag for el in root] == [f"{NS}title", f"{NS}desc"]


def test_empty_bar_chart_shows_the_empty_text_when_given():
    root = parse(bar_svg([], empty_text="Ingen data <ennå>"))
    assert [el.text for el in root.iter(f"{NS}text")] == ["Ingen data <ennå>"]


def test_negative_bar_values_are_rejected():
    with pytest.raises(ValueError):
        bar_svg([Bar("a", -1, "-1")])


def test_chart_ids_with_spaces_are_rejected_because_they_break_aria_labelledby():
    with pytest.raises(ValueError):
        bar_chart(SAMPLE_BARS, chart_id="two words", title="t", description="d")


def test_heat_map_draws_one_cell_per_row_and_column():
    assert len(heat_cells(heat_svg(*SAMPLE_HEAT))) == 2 * 3


def test_heat_map_zero_cell_is_white_with_a_dashed_outline():
    zero = heat_cells(heat_svg(*SAMPLE_HEAT))[1]
    rect = zero.find(f"{NS}rect")
    assert "heat-empty" in zero.get("class")
    assert rect.get("fill") == "#ffffff"
    assert rect.get("stroke-dasharray")
    assert contrast(rect.get("stroke"), "#ffffff") >= 3


def test_heat_map_suppressed_cell_uses_the_hatch_pattern():
    svg = heat_svg(*SAMPLE_HEAT)
    suppressed = heat_cells(svg)[2]
    assert "heat-suppressed" in suppressed.get("class")
    assert suppressed.find(f"{NS}rect").get("fill") == "url(#heat-suppressed)"
    assert parse(svg).find(f".//{NS}pattern").get("id") == "heat-suppressed"


def test_heat_map_cells_have_a_hover_title_naming_row_and_column():
    cell = heat_cells(heat_svg(*SAMPLE_HEAT))[5]
    assert cell.find(f"{NS}title").text == "Oslo – PPT: 9"


def test_heat_map_maximum_gets_the_darkest_step():
    cells = heat_cells(heat_svg(*SAMPLE_HEAT))
    assert cells[0].find(f"{NS}rect").get("fill") == PALETTE[-1]


def test_heat_map_text_contrasts_at_least_4_5_to_1_with_every_fill():
    values = [None, 0, 1, 2, 3, 4, 5]
    svg = heat_svg(["r"], [str(v) for v in values], [[HeatCell(v, "x") for v in values]])
    pattern = parse(svg).find(f".//{NS}pattern")
    hatch_colours = [el.get("fill") or el.get("stroke") for el in pattern]
    fills_seen = set()
    for cell in heat_cells(svg):
        fill = cell.find(f"{NS}rect").get("fill")
        text = cell.find(f"{NS}text").get("fill")
        backgrounds = hatch_colours if fill.startswith("url(") else [fill]
        for background in backgrounds:
            assert contrast(text, background) >= 4.5, (text, background)
        fills_seen.add(fill)
    assert set(PALETTE) <= fills_seen


def test_heat_map_legend_has_five_steps_an_empty_swatch_and_the_end_labels():
    svg = heat_svg(*SAMPLE_HEAT)
    legend = next(g for g in parse(svg).iter(f"{NS}g") if g.get("class") == "heat-legend")
    fills = [rect.get("fill") for rect in legend.iter(f"{NS}rect")]
    assert fills == [*PALETTE, "#ffffff"]
    assert [t.text for t in legend.iter(f"{NS}text")] == ["Få", "Mange", "0"]


def test_heat_map_legend_explains_suppressed_cells_when_asked():
    svg = heat_svg(*SAMPLE_HEAT, legend_suppressed="Skjermet")
    legend = next(g for g in parse(svg).iter(f"{NS}g") if g.get("class") == "heat-legend")
    assert [t.text for t in legend.iter(f"{NS}text")][-1] == "Skjermet"
    assert legend.findall(f"{NS}rect")[-1].get("fill") == "url(#heat-suppressed)"


def test_heat_map_column_labels_are_rotated():
    root = parse(heat_svg(*SAMPLE_HEAT))
    rotated = [t for t in root.iter(f"{NS}text") if "rotate(-45" in (t.get("transform") or "")]
    assert [t.text for t in rotated] == SAMPLE_HEAT[1]


@pytest.mark.parametrize(
    ("rows", "columns", "cells"),
    [
        (["a", "b"], ["x"], [[HeatCell(1, "1")]]),
        (["a"], ["x", "y"], [[HeatCell(1, "1")]]),
        (["a"], ["x"], [[HeatCell(1, "1"), HeatCell(2, "2")]]),
    ],
)
def test_heat_map_with_mismatched_cells_raises_value_error(rows, columns, cells):
    with pytest.raises(ValueError):
        heat_svg(rows, columns, cells)


def test_heat_map_of_only_zeros_and_suppressed_cells_renders_without_dividing_by_zero():
    cells = heat_cells(heat_svg(["a"], ["x", "y"], [[HeatCell(0, "0"), HeatCell(None, "–")]]))
    assert [c.get("class") for c in cells] == [
        "heat-cell heat-empty",
        "heat-cell heat-suppressed",
    ]


@pytest.mark.parametrize(
    ("value", "maximum", "step"),
    [
        (None, 10, None),
        (0, 10, EMPTY_STEP),
        (0, 0, EMPTY_STEP),
        (1, 10, 0),
        (2, 10, 0),
        (3, 10, 1),
        (6, 10, 2),
        (3, 5, 2),
        (8, 10, 3),
        (9, 10, 4),
        (10, 10, 4),
    ],
)
def test_scale_step_places_values_in_fifths_of_the_maximum(value, maximum, step):
    assert scale_step(value, maximum) == step


@pytest.mark.parametrize(("value", "maximum"), [(-1, 10), (11, 10), (1, 0)])
def test_scale_step_rejects_values_outside_zero_to_maximum(value, maximum):
    with pytest.raises(ValueError):
        scale_step(value, maximum)
