"""``Printable``: objects whose fields a template reads at the cost of a dictionary lookup."""


class Printable:
    """Fields that a template reads as items.

    For ``{{ card.title }}`` Django's engine tries ``card["title"]`` before the attribute; on a
    plain object that first try raises and catches an exception, half the cost of each of the
    2,600 lookups a timeline page makes. The item is the attribute, read by ``object``'s own
    C-level lookup: no Python call per lookup. A missing field raises ``AttributeError``, which
    the engine catches as it does ``KeyError`` and then reports the variable as missing.
    """

    __slots__ = ()

    __getitem__ = object.__getattribute__
