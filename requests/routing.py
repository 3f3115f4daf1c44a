"""Which centres a request goes to.

Candidates are the centres that accept requests, cover the municipality's county (or the whole
country) and work on one of the request's topics. Topics match across one level of the topic tree
both ways: a request about gambling reaches a centre working on substance use in general, and a
request about mental health in general reaches the centres for children's and for adults' mental
health. The centre the requester named comes first, even if routing alone would not have chosen it.
"""

from __future__ import annotations

from collections.abc import Iterable

from centres.models import Centre, Municipality, ServiceArea


def related_topic_ids(topics: Iterable[ServiceArea]) -> set[int]:
    topics = list(topics)
    ids = {topic.pk for topic in topics}
    ids |= {topic.parent_id for topic in topics if topic.parent_id}
    ids |= set(
        ServiceArea.objects.filter(parent__in=[t.pk for t in topics]).values_list("pk", flat=True)
    )
    return ids


def candidate_centres(
    *,
    municipality: Municipality,
    topics: Iterable[ServiceArea],
    preferred: Centre | None = None,
) -> list[Centre]:
    covering = Centre.objects.filter(accepts_requests=True).covering(municipality.county)
    centres = list(
        covering.filter(service_areas__in=related_topic_ids(topics))
        .distinct()
        .order_by("is_national", "short_name")
    )
    if not centres:
        # Nobody works on the topic here: rather than leave the request unseen, the centres of
        # the county sort it out (and may refer it on).
        centres = list(covering.order_by("is_national", "short_name"))
    if preferred is not None:
        centres = [preferred, *(centre for centre in centres if centre.pk != preferred.pk)]
    return centres
