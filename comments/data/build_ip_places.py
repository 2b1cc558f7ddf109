"""Build ip_places.tsv.gz, the IPv4 ranges → IP属地 table comments.ip_places reads.

    .venv/bin/python comments/data/build_ip_places.py [ip2region-2.3.0.tgz]

Source: the npm package ip2region 2.3.0 (its wrapper code MIT, by Yourtion),
whose data/ip2region.db is the data of the ip2region project
(lionsoul2014/ip2region, Apache License 2.0). Without an argument the
tarball is fetched with ``npm pack``; either way it must match the
registry's sha512 below, so the table can be rebuilt exactly.

Each ip2region row reads 城市Id|国家|区域|省份|城市|ISP. The table keeps one
place per range: the province for China (四川, 广西, 香港, 台湾), the country
(or the region it names, 欧洲) elsewhere, "" when unknown or private.
Neighbouring ranges with the same place are merged, and each line holds the
first address of a range (as an integer) and its place; a range ends where
the next begins.
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
MEMBER = "package/data/ip2region.db"
OUTPUT = Path(__file__).with_name("ip_places.tsv.gz")
HEADER = (
    "# IPv4 range start (integer) and IP属地; built by comments/data/build_ip_places.py\n"
    "# from npm ip2region 2.3.0, data/ip2region.db: data of lionsoul2014/ip2region, Apache License 2.0\n"
)


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
        return archive.extractfile(MEMBER).read()


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
    lines, last_place, expected = [], None, 0
    for start, end, region in rows(db):
        if start != expected:
            sys.exit(f"gap in the data before {start}")
        expected = end + 1
        here = place(region)
        if here != last_place:
            lines.append(f"{start}\t{here}\n")
            last_place = here
    if expected != 2**32:
        sys.exit("the data does not reach 255.255.255.255")
    return HEADER + "".join(lines)


def main():
    tarball = Path(sys.argv[1]).read_bytes() if len(sys.argv) > 1 else fetch_tarball()
    text = build(checked(tarball))
    buffer = io.BytesIO()
    # mtime=0: the same data builds the same bytes.
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode())
    OUTPUT.write_bytes(buffer.getvalue())
    print(f"{OUTPUT}: {text.count(chr(10)) - 2} ranges, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
