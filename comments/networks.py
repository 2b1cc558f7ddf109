"""Addresses grouped into networks, for weighing reports and for bans.

One person easily has many addresses: a home router hands out a /64 of IPv6
(providers delegate a /48 or /56), and a mobile user changes IPv4 address
within the carrier's pool. Reports therefore count once per /24 (IPv4) or /48
(IPv6); a ban from a comment covers the address for IPv4 and its /64 for
IPv6. An IPv4 address written as IPv6 (::ffff:a.b.c.d) counts as IPv4.
"""

import ipaddress

REPORT_PREFIX = {4: 24, 6: 48}
BAN_PREFIX = {4: 32, 6: 64}
# Wider bans are refused: a typo such as 1.0.0.0/1 would silence half the internet.
WIDEST_BAN = {4: 16, 6: 32}


def _address(ip):
    address = ipaddress.ip_address(ip)
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _network(address, prefix):
    return ipaddress.ip_network(f"{address}/{prefix}", strict=False)


def report_network(ip):
    """The /24 or /48 an address belongs to, as text; "" without an address."""
    if not ip:
        return ""
    address = _address(ip)
    return str(_network(address, REPORT_PREFIX[address.version]))


def ban_network(ip):
    """What a ban from a comment covers: the IPv4 address, or the IPv6 /64."""
    address = _address(ip)
    return str(_network(address, BAN_PREFIX[address.version]))


def networks_containing(ip):
    """Every network a ban may name that contains ``ip``, as stored text."""
    address = _address(ip)
    widest, narrowest = WIDEST_BAN[address.version], address.max_prefixlen
    return [str(_network(address, prefix)) for prefix in range(widest, narrowest + 1)]


def parse_ban_network(text):
    """A moderator's address or network as stored text; ValueError with a message otherwise."""
    try:
        network = ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise ValueError("请填写 IP 地址或网段，例如 203.0.113.7、203.0.113.0/24、2001:db8::/48。") from None
    if network.version == 6 and network.network_address.ipv4_mapped:
        network = ipaddress.ip_network(f"{network.network_address.ipv4_mapped}/{max(network.prefixlen - 96, 0)}")
    if network.prefixlen < WIDEST_BAN[network.version]:
        raise ValueError(f"网段太大：IPv4 最大 /{WIDEST_BAN[4]}，IPv6 最大 /{WIDEST_BAN[6]}。")
    return str(network)
