"""Two database expressions the overview needs that Django lacks: durations in hours and
percentiles, written for both PostgreSQL and SQLite so the figures are computed in the database."""

from __future__ import annotations

import math

from django.db.models import Aggregate, FloatField, Func


class HoursBetween(Func):
    """Hours from the first datetime expression to the second (fractional)."""

    output_field = FloatField()
    arity = 2

    def _compiled(self, compiler):
        (start, start_params), (end, end_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return start, end, (*end_params, *start_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        start, end, params = self._compiled(compiler)
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        start, end, params = self._compiled(compiler)
        return f"((julianday({end}) - julianday({start})) * 24.0)", params


class _SQLitePercentile:
    """percentile_cont for SQLite: linear interpolation between the closest ranks."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self):
        return percentile_cont(sorted(self.values), self.fraction)


def percentile_cont(ordered: list[float], fraction: float) -> float | None:
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Percentile(Aggregate):
    """The `fraction` percentile (0.5 is the median) of an expression, interpolated."""

    function = "PERCENTILE_CONT"
    name = "Percentile"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        self.fraction = fraction
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"%(function)s({self.fraction!r}) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Registered on the connection the first time it is needed; registering again is cheap.
        connection.ensure_connection()
        connection.connection.create_aggregate("portal_percentile", 2, _SQLitePercentile)
        return self.as_sql(
            compiler,
            connection,
            function="portal_percentile",
            template=f"%(function)s(%(expressions)s, {self.fraction!r})",
            **extra_context,
        )
