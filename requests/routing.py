"""Which centres a request goes to: the finder's answer for the same municipality and topics.

Candidates are the centres covering the municipality for the request's topics (the coverage
rules in `centres.coverage`, the same the finder shows) that accept requests. If none of them
works on the topics there, every centre covering the county that accepts requests gets it, so no
request goes unseen. A centre the requester named comes first; when it does not cover the
municipality and topics it still gets the request, marked as named by the requester.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from centres.coverage import (
    TopicVocabulary,
    centres_covering,
    public_contacts,
    responsible_contact,
)
from centres.models import Centre, ContactPerson, Municipality, ServiceArea


@dataclass(frozen=True)
class Routing:
    centres: list[Centre]
    # The named centre, when it is outside the coverage for the municipality and topics.
    named_outside_coverage: Centre | None = None
    # True when nobody works on the topics there and the county's centres got it instead.
    fell_back: bool = False


def _in_routing_order(centres) -> list[Centre]:
    return list(centres.accepting_requests().order_by("is_national", "short_name"))


def covering_for_request(municipality: Municipality, topics: Iterable[ServiceArea]) -> list[Centre]:
    """The centres that cover the municipality for the topics and accept requests."""
    return _in_routing_order(centres_covering(municipality, list(topics)))


def route(
    *,
    municipality: Municipality,
    topics: Iterable[ServiceArea],
    preferred: Centre | None = None,
) -> Routing:
    centres = covering_for_request(municipality, topics)
    fell_back = not centres
    if fell_back:
        centres = _in_routing_order(centres_covering(municipality))
    if preferred is None:
        return Routing(centres, fell_back=fell_back)
    outside = preferred.pk not in {centre.pk for centre in centres}
    ordered = [preferred, *(centre for centre in centres if centre.pk != preferred.pk)]
    return Routing(
        ordered, named_outside_coverage=preferred if outside else None, fell_back=fell_back
    )


def responsible_contacts(
    centres: Iterable[Centre], municipality: Municipality, topics: Iterable[ServiceArea]
) -> list[tuple[Centre, ContactPerson | None]]:
    """Each centre with the person who answers for the municipality and topics (the finder's
    contact), for the receipt page and email."""
    topics = list(topics)
    vocabulary = TopicVocabulary()
    with_contacts = Centre.objects.filter(
        pk__in=[centre.pk for centre in centres]
    ).prefetch_related(Prefetch("contacts", queryset=public_contacts()))
    by_pk = {centre.pk: centre for centre in with_contacts}
    return [
        (centre, responsible_contact(by_pk[centre.pk], municipality, topics, vocabulary=vocabulary))
        for centre in centres
    ]
