"""Build the IP属地 tables comments.ip_places reads: ip_places.tsv.gz (IPv4) and ip6_places.tsv.gz (IPv6).

    .venv/bin/python comments/data/build_ip_places.py [ip2region-2.3.0.tgz]

Source: the npm package ip2region 2.3.0 (its wrapper code MIT, by Yourtion).
Its data/ip2region.db is the data of the ip2region project
(lionsoul2014/ip2region, Apache License 2.0); its data/ipv6wry.db is ZX's
public IPv6 database (ZX公网IPv6库, zxinc.org, 2021-05-11 edition), which
the package redistributes. Without an argument the tarball is fetched with
``npm pack``; either way it must match the registry's sha512 below, so the
tables can be rebuilt exactly.

Each ip2region row reads 城市Id|国家|区域|省份|城市|ISP; each ipv6wry row
国家<tab>省份<tab>城市… for the first 64 bits of an address (the network
part). The tables keep one place per range: the province for China (四川,
广西, 香港, 台湾), the country (or the region it names, 欧洲) elsewhere, ""
when unknown or private. Neighbouring ranges with the same place are merged,
and each line holds the first address of a range (as an integer; for IPv6
its first 64 bits) and its place; a range ends where the next begins.
"""

import base64
import gzip
import hashlib
import io
import struct
import subprocess  # nosec B404 - a maintainer's build script, never run by the site
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "ip2region@2.3.0"
INTEGRITY = "sha512-zV5Xsadzrx9Ej6heoyhbXMsfGWWQ3C6bAIYStrHhw9kzLpGpVNlnAyRBxxPgxA1GNqr1Ti7oUxcWsMWNN3jZBg=="
IPV4_MEMBER = "package/data/ip2region.db"
IPV6_MEMBER = "package/data/ipv6wry.db"
IPV4_OUTPUT = Path(__file__).with_name("ip_places.tsv.gz")
IPV6_OUTPUT = Path(__file__).with_name("ip6_places.tsv.gz")
IPV4_HEADER = (
    "# IPv4 range start (integer) and IP属地; built by comments/data/build_ip_places.py\n"
    "# from npm ip2region 2.3.0, data/ip2region.db: data of lionsoul2014/ip2region, Apache License 2.0\n"
)
IPV6_HEADER = (
    "# IPv6 range start (first 64 bits, integer) and IP属地; built by comments/data/build_ip_places.py\n"
    "# from npm ip2region 2.3.0, data/ipv6wry.db: ZX公网IPv6库 (zxinc.org), 2021-05-11 edition\n"
)
# ipv6wry's names where ip2region's differ; what is neither a country nor a
# province of China (IANA reserved ranges, 全球) has no place.
IPV6_NAMES = {
    "非洲": "非洲地区",
    "北马其顿": "马其顿",
    "波斯尼亚和黑塞哥维那": "波黑",
    "刚果(金)": "刚果金",
    "刚果(布)": "刚果布",
    "孟加拉国": "孟加拉",
    "密克罗尼西亚联邦": "密克罗尼西亚",
    "全球": "",
}


def fetch_tarball():
    with tempfile.TemporaryDirectory() as folder:
        # nosec: a fixed command with a constant package name, run by hand when updating the data.
        name = subprocess.run(  # nosec B603 B607
            ["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True, text=True
        ).stdout.split()[-1]
        return (Path(folder) / name).read_bytes()


def checked(tarball):
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{PACKAGE}: sha512 does not match the registry's ({digest})")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        return archive.extractfile(IPV4_MEMBER).read(), archive.extractfile(IPV6_MEMBER).read()


def rows(db):
    """(first, last, region text) of every range, in address order (ip2region v1 .db format)."""
    first_index, last_index = struct.unpack_from("<II", db, 0)
    for offset in range(first_index, last_index + 1, 12):
        start, end, pointer = struct.unpack_from("<III", db, offset)
        length, where = pointer >> 24, pointer & 0xFFFFFF
        yield start, end, db[where + 4 : where + length].decode()


def place(region):
    country, _area, province, *_ = (part if part != "0" else "" for part in region.split("|"))
    if country == "中国":
        return province.removesuffix("省")
    return country


def build(db):
    starts = []
    expected = 0
    for start, end, region in rows(db):
        if start != expected:
            sys.exit(f"gap in the data before {start}")
        expected = end + 1
        starts.append((start, place(region)))
    if expected != 2**32:
        sys.exit("the data does not reach 255.255.255.255")
    return IPV4_HEADER + merged(starts)


def ipv6_rows(db):
    """(first 64 bits, region text) of every range, in address order (ZX "IPDB" format)."""
    if db[:4] != b"IPDB":
        sys.exit("ipv6wry.db is not an IPDB file")
    pointer_size = db[6]
    count, index = struct.unpack_from("<QQ", db, 8)

    def pointer(offset):
        return int.from_bytes(db[offset : offset + pointer_size], "little")

    def text(offset):
        while db[offset] in (1, 2):  # a redirect to text written once for many ranges
            offset = pointer(offset + 1)
        return db[offset : db.index(b"\0", offset)].decode()

    for row in range(count):
        offset = index + row * (8 + pointer_size)
        (start,) = struct.unpack_from("<Q", db, offset)
        record = pointer(offset + 8)
        while db[record] == 1:
            record = pointer(record + 1)
        yield start, text(record)


def ipv6_place(region, known):
    country, *rest = region.replace(" ", "\t").split("\t")
    if country == "中国":
        province = rest[0].removesuffix("省").removesuffix("市").removesuffix("区") if rest else ""
        return province if province in known else ""
    here = IPV6_NAMES.get(country, country)
    return here if here in known else ""


def build_ipv6(db, known):
    return IPV6_HEADER + merged((start, ipv6_place(region, known)) for start, region in ipv6_rows(db))


def merged(starts):
    """Table lines: a range's start and place, where the place changes."""
    lines, last_place = [], None
    for start, here in starts:
        if here != last_place:
            lines.append(f"{start}\t{here}\n")
            last_place = here
    return "".join(lines)


def write(path, text):
    buffer = io.BytesIO()
    # mtime=0: the same data builds the same bytes.
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode())
    path.write_bytes(buffer.getvalue())
    print(f"{path}: {text.count(chr(10)) - 2} ranges, {len(buffer.getvalue())} bytes")


def main():
    tarball = Path(sys.argv[1]).read_bytes() if len(sys.argv) > 1 else fetch_tarball()
    ipv4_db, ipv6_db = checked(tarball)
    ipv4 = build(ipv4_db)
    # IPv6 places are kept only under names the IPv4 table uses, so a reader's
    # place reads the same whichever address they come from.
    known = {line.split("\t")[1] for line in ipv4.splitlines() if not line.startswith("#")}
    write(IPV4_OUTPUT, ipv4)
    write(IPV6_OUTPUT, build_ipv6(ipv6_db, known))


if __name__ == "__main__":
    main()
