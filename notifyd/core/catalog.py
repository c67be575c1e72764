"""The catalogue (catalog.toml): each issue type's label and category, each metric's target."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from notifyd.core.vocab import Category, IssueType

Direction = Literal["below", "at_least"]


@dataclass(frozen=True)
class Metric:
    """An account-health metric and the side of its target a seller must stay on."""

    key: str
    label: str
    target: float | None
    direction: Direction | None
    unit: str  # "%" for rates, "" for scores

    @property
    def op(self) -> str:
        """'<' or '>=', as the target is written to the seller; '' without a target."""
        if self.target is None or self.direction is None:
            return ""
        return "<" if self.direction == "below" else ">="

    @property
    def target_words(self) -> str:
        """'under' or 'at least', for sentences."""
        return "under" if self.direction == "below" else "at least"

    def missed(self, value: float) -> bool:
        if self.target is None:
            return False
        return value >= self.target if self.direction == "below" else value < self.target


@dataclass(frozen=True)
class Issue:
    """What notifyd knows about an issue type apart from how to find it in a notice."""

    type: IssueType
    label: str
    category: Category | None
    metric: str | None
    found_by: str  # "issues.toml", "signals.toml: <signal>" or "fallback"


@dataclass(frozen=True)
class Catalog:
    issues: dict[IssueType, Issue]
    metrics: dict[str, Metric]  # in catalogue order, which is the order they are reported in

    def issue(self, issue_type: str | None) -> Issue:
        return self.issues[IssueType(issue_type or IssueType.OTHER)]

    def metric(self, key: str) -> Metric:
        """The metric, or an untargeted stand-in named after its key (a rule file may report
        a metric the catalogue does not know yet)."""
        return self.metrics.get(key) or Metric(key, key.replace("_", " "), None, None, "%")


@cache
def catalog() -> Catalog:
    """The catalogue shipped with notifyd, read once."""
    text = (resources.files("notifyd.core") / "catalog.toml").read_text(encoding="utf-8")
    return parse_catalog(tomllib.loads(text))


def parse_catalog(data: dict[str, Any]) -> Catalog:
    issues = {}
    for name, item in data.get("issue", {}).items():
        kind = IssueType(name)
        category = item.get("category")
        issues[kind] = Issue(
            kind,
            str(item["label"]),
            Category(category) if category else None,
            item.get("metric"),
            str(item["found_by"]),
        )
    metrics = {}
    for key, item in data.get("metric", {}).items():
        direction = item.get("direction")
        if direction not in (None, "below", "at_least"):
            raise ValueError(f"catalog.toml metric.{key}.direction: {direction!r}")
        target = item.get("target")
        metrics[key] = Metric(
            key,
            str(item["label"]),
            None if target is None else float(target),
            direction,
            str(item.get("unit", "%")),
        )
    return Catalog(issues, metrics)
