"""IP属地: the province (or, abroad, the country) of a commenter's address.

Shown beside each comment as Chinese rules for comment services ask, from an
offline table shipped in the repository for each address family
(comments/data/ip_places.tsv.gz and ip6_places.tsv.gz, built by
build_ip_places.py beside them): no lookup ever leaves the server. A table is
read once per process, on the first comment posted from that family, and
searched by bisection. An IPv6 address is placed by its network part (the
first 64 bits); one carrying an IPv4 address (IPv4-mapped, 6to4, Teredo) by
that address.

Private, reserved and unknown addresses have no place: "" is stored and
nothing is shown.
"""

import gzip
import ipaddress
from array import array
from bisect import bisect_right
from functools import cache
from pathlib import Path

TABLES = {
    4: (Path(__file__).parent / "data" / "ip_places.tsv.gz", "I"),
    6: (Path(__file__).parent / "data" / "ip6_places.tsv.gz", "Q"),
}


@cache
def _table(version=4):
    """(range starts, place index of each, places): over 100,000 ranges in compact arrays."""
    path, start_type = TABLES[version]
    text = gzip.decompress(path.read_bytes()).decode()
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    places = {}
    starts = array(start_type, [int(start) for start, _ in rows])
    indexes = array("H", [places.setdefault(place, len(places)) for _, place in rows])
    return starts, indexes, list(places)


def place_of(ip):
    """The IP属地 of ``ip`` (text or None): "四川", "美国", or "" when unknown."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6:
        address = address.ipv4_mapped or address.sixtofour or (address.teredo and address.teredo[1]) or address
    if not address.is_global:
        return ""
    starts, indexes, places = _table(address.version)
    key = int(address) >> 64 if address.version == 6 else int(address)
    return places[indexes[bisect_right(starts, key) - 1]]
