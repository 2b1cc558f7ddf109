"""A query's SQL compiled once per shape, run again with other values.

Building a queryset and compiling it costs the ORM about a millisecond of CPU
for search's ranking query: more than PostgreSQL takes to run it. But a search
asks the same few shapes of query over and over (two words in all articles,
one word in a region, ...), only with other words, times and ids. So a shape
is built once from stand-in values, compiled, and the place of each stand-in
among the SQL parameters remembered; each run puts its own values there.

    stand_ins = StandIns()
    queryset = Article.objects.filter(pk__in=[stand_ins.number("a"), stand_ins.number("b")])
    shape = stand_ins.shape(*queryset.query.get_compiler(using="default").as_sql())
    cursor.execute(shape.sql, shape.params({"a": 7, "b": 9}))
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Shape:
    sql: str
    slots: tuple  # per SQL parameter: ("value", a fixed value) or ("name", the stand-in's name)

    def params(self, values):
        """The parameters for ``self.sql`` with ``values`` (a dict by stand-in name) put in."""
        return tuple(values[item] if kind == "name" else item for kind, item in self.slots)


class StandIns:
    """Stand-in values that pass through the ORM into the SQL parameters as
    they are, and that no real query holds: private-use-area text, large
    negative numbers and instants in the year 2000 with odd microseconds."""

    def __init__(self):
        self._names = {}

    def text(self, name):
        return self._add(f"\ue000{len(self._names)}\ue000", name)

    def number(self, name):
        return self._add(-(10**12) - len(self._names), name)

    def moment(self, name):
        return self._add(datetime(2000, 1, 1, tzinfo=UTC) + timedelta(microseconds=len(self._names) + 1), name)

    def _add(self, stand_in, name):
        self._names[stand_in] = name
        return stand_in

    def shape(self, sql, params):
        """The Shape of ``sql`` compiled from these stand-ins; an error if one of
        them did not come through as a parameter of its own (the ORM changed it
        or wrote it into the SQL text), since its value would then be lost."""
        slots = tuple(("name", self._names[p]) if _hashable(p) and p in self._names else ("value", p) for p in params)
        missing = set(self._names.values()) - {item for kind, item in slots if kind == "name"}
        if missing:
            raise ValueError(f"stand-ins not found among the SQL parameters: {sorted(missing)}")
        return Shape(sql, slots)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True
