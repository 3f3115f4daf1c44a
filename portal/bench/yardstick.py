"""The yardstick `make bench` measures pages against: one query, one small template.

Served by the same stack as the pages (gunicorn, middleware, database connection), so a page's
share of its throughput says how much more than the bare minimum the page costs, on any machine.
Routed only when BENCHMARK_YARDSTICK is set.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from centres.models import Region


def yardstick(request: HttpRequest) -> HttpResponse:
    region = Region.objects.order_by("position").first()
    return render(request, "portal/bench/yardstick.html", {"region": region})
