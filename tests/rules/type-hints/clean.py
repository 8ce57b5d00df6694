"""Host aggregation, fully annotated: nothing to report."""
from __future__ import annotations

import abc
from typing import Iterator, overload


class HostPool(abc.ABC):
    """The hosts a scheduler may place instances on."""

    def __init__(self, hosts: list[str]):
        self.hosts = hosts

    def __init_subclass__(cls, **kwargs: object):
        super().__init_subclass__(**kwargs)

    def __len__(self) -> int:
        return len(self.hosts)

    @classmethod
    def empty(cls) -> HostPool:
        """A pool with no hosts."""
        return cls([])

    @staticmethod
    def normalise(name: str) -> str:
        """Host names compare case-insensitively."""
        return name.lower()

    @abc.abstractmethod
    def weigh(self, host: str) -> float:
        """Score a host; higher is better."""

    def __iter__(self) -> Iterator[str]:
        yield from self.hosts


@overload
def first(pool: HostPool) -> str: ...
@overload
def first(pool: HostPool, default: str) -> str: ...
def first(pool: HostPool, default: str | None = None) -> str | None:
    """The first host of the pool, or `default`."""

    def pick(hosts):
        return hosts[0]

    return pick(pool.hosts) if len(pool) else default


def describe(pool: HostPool, *names: str, **extra: str) -> str:
    """Describe a pool."""
    return ", ".join(names) + str(extra) + str(len(pool))
