"""Loads the portal's reference data (geography, vocabularies, the real centres and the regional
forums) from centres/data.

Geography and vocabularies are upserted on their stable public identifiers (numbers and slugs), so
running it again after the files change updates rows in place and never duplicates them. Centres
and forums are only added when missing: after that, editors keep them current in the admin.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction

from .models import (
    Centre,
    County,
    Forum,
    Municipality,
    OfferingType,
    Region,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def read_data_file(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class LoadSummary:
    regions: int
    offices: int
    counties: int
    municipalities: int
    service_areas: int
    target_groups: int
    offering_types: int
    centres: int
    forums: int


def _upsert(model, rows: list[dict], key: str) -> dict[str, object]:
    objects = [model(**row) for row in rows]
    update_fields = [field for field in rows[0] if field != key]
    model.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=[key], update_fields=update_fields
    )
    keys = [row[key] for row in rows]
    return {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}


def _load_geography() -> dict[str, County]:
    geography = read_data_file("geography.json")
    regions = _upsert(
        Region,
        [
            {"slug": region["slug"], "name": region["name"], "position": position}
            for position, region in enumerate(geography["regions"])
        ],
        "slug",
    )
    offices = _upsert(
        StatsforvalterOffice,
        [{"slug": o["slug"], "name": o["name"]} for o in geography["statsforvalter_offices"]],
        "slug",
    )
    region_of = {n: regions[r["slug"]] for r in geography["regions"] for n in r["counties"]}
    office_of = {
        n: offices[o["slug"]] for o in geography["statsforvalter_offices"] for n in o["counties"]
    }
    counties = _upsert(
        County,
        [
            {
                "number": county["number"],
                "name": county["name"],
                "parallel_name": county["parallel_name"],
                "region": region_of[county["number"]],
                "office": office_of[county["number"]],
            }
            for county in geography["counties"]
        ],
        "number",
    )
    _upsert(
        Municipality,
        [
            {"number": m["number"], "name": m["name"], "county": counties[m["county"]]}
            for m in geography["municipalities"]
        ],
        "number",
    )
    return counties


def _names(row: dict) -> dict[str, str]:
    return {f"name_{language}": text for language, text in row["name"].items()}


def _load_vocabulary() -> dict[str, ServiceArea]:
    vocabulary = read_data_file("vocabulary.json")
    areas = vocabulary["service_areas"]
    service_areas = _upsert(
        ServiceArea,
        [{"slug": a["slug"], "position": i, **_names(a)} for i, a in enumerate(areas)],
        "slug",
    )
    for area in areas:
        parent = service_areas[area["parent"]] if area["parent"] else None
        ServiceArea.objects.filter(slug=area["slug"]).update(parent=parent)
    _upsert(
        TargetGroup,
        [
            {"slug": g["slug"], "kind": g["kind"], "position": i, **_names(g)}
            for i, g in enumerate(vocabulary["target_groups"])
        ],
        "slug",
    )
    _upsert(
        OfferingType,
        [
            {"slug": t["slug"], "dated": t["dated"], "position": i, **_names(t)}
            for i, t in enumerate(vocabulary["offering_types"])
        ],
        "slug",
    )
    return service_areas


def _load_centres(counties: dict[str, County], service_areas: dict[str, ServiceArea]) -> None:
    """Add the centres that are missing. Existing centres belong to the portal editors from
    their first load on, so their names, catchments and topics are never overwritten."""
    rows = read_data_file("centres.json")["centres"]
    existing = set(Centre.objects.values_list("slug", flat=True))
    for row in rows:
        if row["slug"] in existing:
            continue
        centre = Centre.objects.create(
            slug=row["slug"],
            short_name=row["short_name"],
            name=row["name"],
            network=row["network"],
            is_national=row["national"],
            host_organisation=row["host_organisation"],
        )
        centre.catchment.set([counties[number] for number in row["catchment"]])
        centre.service_areas.set([service_areas[slug] for slug in row["service_areas"]])


def _load_forums() -> None:
    """Add the forums that are missing, with the members the data file names (as for centres,
    an existing forum belongs to the portal editors and is never overwritten)."""
    rows = read_data_file("forums.json")["forums"]
    existing = set(Forum.objects.values_list("slug", flat=True))
    regions = {region.slug: region for region in Region.objects.all()}
    for position, row in enumerate(rows):
        if row["slug"] in existing:
            continue
        forum = Forum.objects.create(
            slug=row["slug"],
            name=row["name"],
            description=row["description"],
            region=regions[row["region"]],
            position=position,
        )
        forum.member_centres.set(Centre.objects.filter(slug__in=row["member_centres"]))
        forum.offices.set(StatsforvalterOffice.objects.filter(slug__in=row["offices"]))


@transaction.atomic
def load_reference_data() -> LoadSummary:
    counties = _load_geography()
    service_areas = _load_vocabulary()
    _load_centres(counties, service_areas)
    _load_forums()
    return LoadSummary(
        regions=Region.objects.count(),
        offices=StatsforvalterOffice.objects.count(),
        counties=County.objects.count(),
        municipalities=Municipality.objects.count(),
        service_areas=ServiceArea.objects.count(),
        target_groups=TargetGroup.objects.count(),
        offering_types=OfferingType.objects.count(),
        centres=Centre.objects.count(),
        forums=Forum.objects.count(),
    )
