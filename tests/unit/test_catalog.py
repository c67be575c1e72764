"""The vocabulary is whole: every issue type has a label, a plan and a rule; every metric a target."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from notifyd.core.catalog import catalog, parse_catalog
from notifyd.core.vocab import Category, IssueType
from notifyd.seller.draft import plans

RULES = resources.files("notifyd.understand") / "rules"


def rules(name: str) -> dict[str, object]:
    return tomllib.loads((RULES / name).read_text(encoding="utf-8"))


def issue_rules() -> dict[str, str]:
    """issue_type -> category of every [[issue]] in rules/issues.toml."""
    data = rules("issues.toml")
    assert isinstance(data["issue"], list)
    return {item["issue_type"]: item["category"] for item in data["issue"]}


@pytest.mark.parametrize("issue", list(IssueType))
def test_every_issue_type_has_a_label_a_plan_and_a_rule(issue: IssueType) -> None:
    entry = catalog().issues.get(issue)
    assert entry is not None, f"core/catalog.toml has no [issue.{issue}]"
    assert entry.label.strip(), f"[issue.{issue}] has an empty label"

    book = plans()
    assert issue in book.templates or issue in book.nothing_to_answer, (
        f"seller/plans.toml has no [{issue}]: `notifyd draft` would fall back to the generic plan"
    )

    if entry.found_by == "issues.toml":
        assert issue in issue_rules(), f"rules/issues.toml has no [[issue]] for {issue}"
    elif entry.found_by.startswith("signals.toml: "):
        signal = entry.found_by.removeprefix("signals.toml: ")
        signals = rules("signals.toml")["signals"]
        assert isinstance(signals, dict) and signal in signals, f"no [signals.{signal}]"
    else:
        # Only "other" may be what is left when nothing matched.
        assert (entry.found_by, issue) == ("fallback", IssueType.OTHER)


def test_the_catalogue_names_no_issue_type_that_does_not_exist() -> None:
    data = tomllib.loads(
        (resources.files("notifyd.core") / "catalog.toml").read_text(encoding="utf-8")
    )
    assert set(data["issue"]) == {i.value for i in IssueType}
    assert set(plans().templates) | set(plans().nothing_to_answer) <= {
        *(i.value for i in IssueType),
        "generic",
    }


def test_the_catalogue_category_is_the_one_the_rules_give() -> None:
    for issue, category in issue_rules().items():
        if issue == IssueType.OTHER:
            # "other" belongs to no one category: a rule may name a cause (orders not received)
            # that has no issue type of its own, under the category its notices carry.
            assert catalog().issue(issue).category is None
            continue
        assert catalog().issue(issue).category == Category(category), issue


def test_every_metric_the_rules_read_has_a_label_a_direction_and_a_unit() -> None:
    read = rules("metrics.toml")["metrics"]
    assert isinstance(read, dict)
    for key, spec in read.items():
        metric = catalog().metrics.get(key)
        assert metric is not None, f"core/catalog.toml has no [metric.{key}]"
        assert metric.label and metric.direction in ("below", "at_least")
        assert metric.unit == ("%" if spec.get("percent", True) else "")
        if "target" in spec:
            assert metric.target == spec["target"], key
    for entry in catalog().issues.values():
        assert entry.metric is None or entry.metric in catalog().metrics, entry


def test_a_metric_is_missed_on_the_wrong_side_of_its_target() -> None:
    odr = catalog().metric("order_defect_rate")
    vtr = catalog().metric("valid_tracking_rate")
    assert (odr.op, odr.missed(2.4), odr.missed(0.5)) == ("<", True, False)
    assert (vtr.op, vtr.missed(91.0), vtr.missed(95.0)) == (">=", True, False)
    unknown = catalog().metric("buyer_contact_rate")
    assert (unknown.label, unknown.op, unknown.missed(99.0)) == ("buyer contact rate", "", False)


def test_a_bad_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="direction"):
        parse_catalog({"metric": {"x": {"label": "X", "direction": "sideways"}}})
