"""Project quotas for a compute service: limits, usage and reservations.

A well-written module that every rule must leave alone: consistent snake_case, annotated
signatures, docstrings, descriptive names, small functions and comments where the logic is
not obvious.
"""
from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Iterable, Mapping

LOG = logging.getLogger(__name__)
DEFAULT_LIMITS: Mapping[str, int] = {"cores": 20, "ram_mb": 51200, "instances": 10}


class QuotaExceeded(Exception):
    """A reservation would take a project over one of its limits."""

    def __init__(self, resource: str, requested: int, available: int) -> None:
        super().__init__(f"{resource}: requested {requested}, only {available} available")
        self.resource = resource
        self.requested = requested
        self.available = available


class ReservationState(enum.Enum):
    """Where a reservation is in its life."""

    PENDING = "pending"
    COMMITTED = "committed"
    ROLLED_BACK = "rolled_back"


@dataclasses.dataclass
class Reservation:
    """Resources set aside for one request until it commits or rolls back."""

    project_id: str
    amounts: dict[str, int]
    state: ReservationState = ReservationState.PENDING


class QuotaService:
    """Tracks limits and usage per project and hands out reservations."""

    def __init__(self, limits: Mapping[str, int] | None = None) -> None:
        self._default_limits = dict(limits or DEFAULT_LIMITS)
        self._project_limits: dict[str, dict[str, int]] = {}
        self._usage: dict[str, dict[str, int]] = {}

    def set_limit(self, project_id: str, resource: str, limit: int) -> None:
        """Override the limit of one resource for one project."""
        if limit < 0:
            raise ValueError(f"limit of {resource} must not be negative, got {limit}")
        self._project_limits.setdefault(project_id, {})[resource] = limit

    def limit_of(self, project_id: str, resource: str) -> int:
        """Return the limit that applies to `resource` for `project_id`."""
        overrides = self._project_limits.get(project_id, {})
        return overrides.get(resource, self._default_limits.get(resource, 0))

    def usage_of(self, project_id: str, resource: str) -> int:
        """Return what `project_id` currently uses of `resource`."""
        return self._usage.get(project_id, {}).get(resource, 0)

    def reserve(self, project_id: str, amounts: Mapping[str, int]) -> Reservation:
        """Set `amounts` aside for `project_id`, or raise QuotaExceeded.

        Either every resource is reserved or none is: the check runs over all of them
        before any usage changes.
        """
        for resource, requested in amounts.items():
            available = self.limit_of(project_id, resource) - self.usage_of(project_id, resource)
            if requested > available:
                raise QuotaExceeded(resource, requested, available)
        usage = self._usage.setdefault(project_id, {})
        for resource, requested in amounts.items():
            usage[resource] = usage.get(resource, 0) + requested
        return Reservation(project_id, dict(amounts))

    def rollback(self, reservation: Reservation) -> None:
        """Give the resources of a pending reservation back."""
        if reservation.state is not ReservationState.PENDING:
            # Rolling back twice would free resources that another request now holds.
            LOG.warning("reservation for %s is already %s", reservation.project_id,
                        reservation.state.value)
            return
        usage = self._usage.get(reservation.project_id, {})
        for resource, amount in reservation.amounts.items():
            usage[resource] = max(0, usage.get(resource, 0) - amount)
        reservation.state = ReservationState.ROLLED_BACK

    def commit(self, reservation: Reservation) -> None:
        """Make a pending reservation permanent."""
        if reservation.state is ReservationState.PENDING:
            reservation.state = ReservationState.COMMITTED


def total_usage(services: Iterable[QuotaService], project_id: str, resource: str) -> int:
    """Add up what `project_id` uses of `resource` across several regions."""
    return sum(service.usage_of(project_id, resource) for service in services)


def format_usage(service: QuotaService, project_id: str, resources: Iterable[str]) -> str:
    """Return one line per resource: `name: used/limit`."""
    lines = []
    for resource in sorted(resources):
        used = service.usage_of(project_id, resource)
        limit = service.limit_of(project_id, resource)
        lines.append(f"{resource}: {used}/{limit}")
    return "\n".join(lines)
