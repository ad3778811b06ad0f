"""Response-only views of moto models that moto does not keep.

moto's BaseModel.__new__ appends every instance it creates to its class's `instances_tracked` list,
and never removes one. `copy.copy` goes through `__new__`, so a view copied for one response (a
cluster shown with its nodes, a datastore shown with its members) stayed alive for the emulator's
life: every DescribeCacheClusters call copied every cluster, and at 10,000 groups the emulator grew
by hundreds of MB a listing. A view built without BaseModel.__new__ is garbage once the response is
written.
"""

from typing import Any, TypeVar

M = TypeVar("M")


def response_view(model: M, **overrides: Any) -> M:
    """A shallow copy of `model` with `overrides` set, not tracked by moto (unlike `copy.copy`)."""
    view = object.__new__(type(model))
    view.__dict__.update(model.__dict__)
    view.__dict__.update(overrides)
    return view


__all__ = ["response_view"]
