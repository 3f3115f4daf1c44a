from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .charts import Bar, HeatCell, bar_chart, heat_map
from .csv_export import table_as_csv
from .figures import Table, build_overview, build_table
from .filters import OverviewFilterForm, Selection
from .scope import scope_for

FILTER_PARAMETERS = ("office", "county", "topic", "from", "to")


def _selection_for(request: HttpRequest) -> tuple[OverviewFilterForm, Selection, str]:
    scope = scope_for(request.user, office_slug=request.GET.get("office", ""))
    if scope is None:
        raise PermissionDenied
    submitted = any(name in request.GET for name in FILTER_PARAMETERS)
    form = OverviewFilterForm(request.GET if submitted else None, scope=scope)
    if submitted:
        form.is_valid()
    selection = form.selection()
    query = selection.query
    if scope.chosen_office:
        query = {"office": scope.chosen_office, **query}
    return form, selection, urlencode(query)


def _bars(table: Table, value_column: int = 1) -> list[Bar]:
    return [
        Bar(label=str(row[0]), value=row[value_column].value, display=row[value_column].display)
        for row in table.rows
    ]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    form, selection, query = _selection_for(request)
    figures = build_overview(selection)
    matrix = figures.coverage
    heat = heat_map(
        [row.topic.name for row in matrix.rows],
        [column.name for column in matrix.columns],
        [
            [
                HeatCell(
                    # No centre covers it at all: the starkest gap, drawn apart from "0 offerings".
                    matrix.offerings[row.topic.pk, column.pk]
                    if matrix.centres[row.topic.pk, column.pk]
                    else None,
                    f"{matrix.centres[row.topic.pk, column.pk]}/"
                    f"{matrix.offerings[row.topic.pk, column.pk]}",
                )
                for column in matrix.columns
            ]
            for row in matrix.rows
        ],
        chart_id="coverage-chart",
        title=_("Coverage heat map"),
        description=_(
            "Each cell shows centres covering the topic / offerings held or open there in the "
            "period; darker means more offerings, a dashed white cell means none. The same "
            "figures are in the table below."
        ),
        legend_low=_("few offerings"),
        legend_high=_("many offerings"),
        legend_empty=_("no offerings"),
        legend_suppressed=_("no centre covers the topic"),
    )
    charts = {
        key: bar_chart(
            _bars(figures.tables[key]),
            chart_id=f"{key}-chart",
            title=figures.tables[key].title,
            description=_("Bar chart; the same figures are in the table beside it."),
            empty_text=_("Nothing in this period."),
        )
        for key in ("requests-topic", "requests-quarter", "requests-kind", "offerings-format")
    }
    return render(
        request,
        "portal/overview.html",
        {
            "form": form,
            "figures": figures,
            # Templates cannot read keys with hyphens.
            "tables": {key.replace("-", "_"): table for key, table in figures.tables.items()},
            "heat_map": heat,
            # The map is drawn to fill its box: a few columns would come out huge.
            "heat_map_size": "narrow"
            if len(matrix.columns) <= 3
            else ("medium" if len(matrix.columns) <= 10 else "wide"),
            "charts": {key.replace("-", "_"): chart for key, chart in charts.items()},
            "query": query,
            "scope": form.scope,
        },
    )


@login_required
def overview_csv(request: HttpRequest, key: str) -> HttpResponse:
    _form, selection, _query = _selection_for(request)
    table = build_table(selection, key)
    if table is None:
        raise Http404
    filename = f"oversikt-{key}-{selection.start:%Y%m%d}-{selection.end:%Y%m%d}.csv"
    response = HttpResponse(
        table_as_csv(table, language=get_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
