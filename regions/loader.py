"""Load the national division list into ``Region``, idempotently and in bulk.

A region is matched by its adcode. A new adcode becomes a region with a short
name and slug made by ``regions.naming``. For a known adcode only what the
data owns is brought up to date: the official name, the level and the parent.
Short name, slug, description, active flag and ordering belong to the editors
from then on, so a reload never undoes their work and never changes a URL.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from regions.models import Region
from regions.naming import pinyin_slug, short_names, split_name, unique_slug

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "divisions.csv"
# Which level a region's parent may have; None is "no parent".
PARENT_LEVELS = {
    Region.Level.PROVINCE: {None},
    Region.Level.CITY: {Region.Level.PROVINCE},
    Region.Level.COUNTY: {Region.Level.PROVINCE, Region.Level.CITY},
}


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    parent_adcode: str
    level: str


def read_divisions(path=DEFAULT_FILE):
    """The rows of a divisions file, checked: six-digit codes, parents listed
    before their children, and at most three levels."""
    divisions, levels = [], {"": None}
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            division = Division(**{key: row[key].strip() for key in Division.__dataclass_fields__})
            if len(division.adcode) != 6 or not division.adcode.isdigit() or division.level not in PARENT_LEVELS:
                raise ValueError(f"{path}, line {line}: bad adcode or level in {row}")
            if levels.get(division.parent_adcode, "missing") not in PARENT_LEVELS[division.level]:
                raise ValueError(f"{path}, line {line}: no fitting parent listed before {row}")
            levels[division.adcode] = division.level
            divisions.append(division)
    return divisions


class DivisionLoader:
    """One load: ``run()`` returns the created and updated counts per level.

    Work is done one province at a time (its cities, then its counties, each a
    single bulk insert), so ``progress`` can report as it goes; all changes to
    existing rows are written in one bulk update at the end.
    """

    def __init__(self, divisions, progress=None):
        self.children = defaultdict(list)
        for division in divisions:
            self.children[division.parent_adcode].append(division)
        self.progress = progress or (lambda message: None)

    @transaction.atomic
    def run(self):
        self.created, self.updated = Counter(), Counter()
        self.dirty, self.renamed = {}, []
        self.regions = {region.adcode: region for region in Region.objects.all()}
        self.slugs = defaultdict(set)  # parent pk -> slugs taken below it
        for region in self.regions.values():
            self.slugs[region.parent_id].add(region.slug)

        provinces = self.sync_group("", None)
        self.save_new(provinces)
        self.province_names = {region.short_name for region in provinces}
        for number, province in enumerate(provinces, start=1):
            self.load_province(province, number, len(provinces))
        self.save_changes()
        return self.created, self.updated

    def load_province(self, province, number, total):
        before = self.created.copy()
        below = self.sync_group(province.adcode, province)
        self.save_new(below)
        grandchildren = []
        for city in below:
            grandchildren += self.sync_group(city.adcode, city)  # empty for counties
        self.save_new(grandchildren)
        new = self.created - before
        self.progress(
            f"[{number:2}/{total}] {province.name}: 新建地级 {new[Region.Level.CITY]} 个、县级 {new[Region.Level.COUNTY]} 个"
        )

    def sync_group(self, parent_adcode, parent):
        """Regions for the divisions listed under one parent, existing or new (unsaved)."""
        group = self.children[parent_adcode]
        avoid = set() if parent is None else self.province_names | {r.short_name for r in [parent, parent.parent] if r}
        shorts = short_names([division.name for division in group], avoid)
        return [self.sync_one(division, parent, shorts[division.name]) for division in group]

    def sync_one(self, division, parent, short):
        parent_id = parent.pk if parent else None
        region = self.regions.get(division.adcode)
        if region is None:
            slug = unique_slug(pinyin_slug(short), self.slugs[parent_id], division.adcode, split_name(division.name)[1])
            region = Region(
                adcode=division.adcode,
                name=division.name,
                short_name=short,
                slug=slug,
                level=division.level,
                parent=parent,
            )
            region.path = region.build_path()
            self.slugs[parent_id].add(slug)
            self.regions[division.adcode] = region
            return region

        changed = region.name != division.name or region.level != division.level or region.parent_id != parent_id
        if region.name != division.name:
            self.renamed.append((region.adcode, region.name, division.name))
        if region.parent_id != parent_id:
            # Moved to another parent (as 简阳市 went from 资阳 to 成都): its
            # slug must be free there too.
            self.slugs[region.parent_id].discard(region.slug)
            region.slug = unique_slug(region.slug, self.slugs[parent_id], region.adcode)
            self.slugs[parent_id].add(region.slug)
        region.name, region.level, region.parent = division.name, division.level, parent
        if changed:
            self.dirty[region.adcode] = region
        return region

    def save_new(self, regions):
        new = [region for region in regions if region.pk is None]
        Region.objects.bulk_create(new)
        self.created.update(region.level for region in new)

    def save_changes(self):
        """Write renamed and moved regions, and every path that changed with them."""
        by_pk = {region.pk: region for region in self.regions.values()}

        def path_of(region):
            # Through the map, not region.parent: regions missing from the file
            # would each cost a query.
            return f"{path_of(by_pk[region.parent_id])}/{region.slug}" if region.parent_id else region.slug

        for region in self.regions.values():
            path = path_of(region)
            if region.path != path:
                region.path = path
                self.dirty[region.adcode] = region
        Region.objects.bulk_update(self.dirty.values(), ["name", "level", "parent", "slug", "path"], batch_size=500)
        self.updated.update(region.level for region in self.dirty.values())
        for adcode, old, new in self.renamed:
            self.progress(f"改名 {adcode}: {old} -> {new}（简称和拼音未改，需要时请在后台修改）")
