"""IP属地: the province (or, abroad, the country) of a commenter's address.

Shown beside each comment as Chinese rules for comment services ask, from an
offline table shipped in the repository (comments/data/ip_places.tsv.gz,
built from ip2region's data by build_ip_places.py beside it): no lookup ever
leaves the server. The table is read once per process, on the first comment
posted, and searched by bisection.

IPv6 addresses are not in the table and have no place, nor have private,
reserved or unknown ones: "" is stored and nothing is shown.
"""

import gzip
import ipaddress
from array import array
from bisect import bisect_right
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "ip_places.tsv.gz"


@cache
def _table():
    """(range starts, place index of each, places): about 170,000 ranges in compact arrays."""
    text = gzip.decompress(TABLE.read_bytes()).decode()
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    places = {}
    starts = array("I", [int(start) for start, _ in rows])
    indexes = array("H", [places.setdefault(place, len(places)) for _, place in rows])
    return starts, indexes, list(places)


def place_of(ip):
    """The IP属地 of ``ip`` (text or None): "四川", "美国", or "" when unknown."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6:
        if address.ipv4_mapped is None:
            return ""
        address = address.ipv4_mapped
    if not address.is_global:
        return ""
    starts, indexes, places = _table()
    return places[indexes[bisect_right(starts, int(address)) - 1]]
