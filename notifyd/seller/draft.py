"""A response draft in Markdown for one notice (a plan of action, or the answer Amazon asked for)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import cache
from importlib import resources
from typing import Any

from notifyd.core.catalog import catalog
from notifyd.core.errors import NothingToAnswer
from notifyd.core.vocab import IssueType
from notifyd.deliver.render import (
    account_health_url,
    deadline_phrase,
    issue_label,
    printable,
)
from notifyd.store.rows import Event, Notice


@dataclass(frozen=True)
class Template:
    """The parts of a plan of action only the issue type decides; placeholders in [[...]]."""

    subject: str  # what the plan is about, for the acknowledgement sentence
    understanding: str  # what the seller shows they understood about the rule
    root_cause: tuple[str, ...]
    actions: tuple[str, ...]  # suggestions, as placeholders, after the recorded actions
    documents: tuple[str, ...]
    preventive: tuple[str, ...]
    ask: str  # what the seller asks for at the end, when the account or listing is not blocked
    # Owning the problem fits a missed metric; a disputed complaint calls for a careful check.
    ownership: str


class Plans:
    """Every plan in seller/plans.toml, by issue type; read once."""

    def __init__(self, data: dict[str, Any]) -> None:
        defaults = data.get("defaults", {})
        self.templates: dict[str, Template] = {}
        self.nothing_to_answer: dict[str, str] = {}
        # Who reads an e-mail address's mail, by its local part: the draft greets them.
        self.addressees: dict[str, str] = dict(data.get("addressees", {}))
        self.documents: dict[str, str] = dict(data.get("documents_asked", {}))
        for name, table in data.items():
            if name in ("defaults", "addressees", "documents_asked"):
                continue
            if "nothing_to_answer" in table:
                self.nothing_to_answer[name] = str(table["nothing_to_answer"])
                continue
            fields = dict(defaults)
            if "base" in table:
                # A base must be defined earlier in the file; a plan never extends itself.
                fields.update(self.templates[table["base"]].__dict__)
            fields.update({k: v for k, v in table.items() if k != "base"})
            self.templates[name] = Template(
                subject=str(fields["subject"]),
                understanding=str(fields["understanding"]),
                root_cause=tuple(fields["root_cause"]),
                actions=tuple(fields["actions"]),
                documents=tuple(fields["documents"]),
                preventive=tuple(fields["preventive"]),
                ask=str(fields["ask"]),
                ownership=str(fields["ownership"]),
            )

    def template(self, issue: str) -> Template:
        return self.templates.get(issue) or self.templates["generic"]


@cache
def plans() -> Plans:
    text = (resources.files("notifyd.seller") / "plans.toml").read_text(encoding="utf-8")
    return Plans(tomllib.loads(text))


def _day(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%d %B %Y").lstrip("0")


def _listing(asins: list[str]) -> str:
    if not asins:
        return ""
    if len(asins) == 1:
        return f"ASIN {asins[0]}"
    return "ASINs " + ", ".join(asins[:-1]) + f" and {asins[-1]}"


def _metric_facts(metrics: dict[str, float], sentence: bool = False) -> list[str]:
    """'Order Defect Rate 2.4% (target under 1%)', or as a clause: '... is 2.4%, against ...'."""
    out = []
    for key, value in metrics.items():
        metric = catalog().metric(key)
        target, op, label, unit = metric.target or 0.0, metric.op, metric.label, metric.unit
        word = metric.target_words
        if sentence:
            goal = f", against a target of {word} {target:g}{unit}" if op else ""
            out.append(f"my {label} is {value:g}{unit}{goal}")
        elif op:
            out.append(f"{label} {value:g}{unit} (target {word} {target:g}{unit})")
        else:
            out.append(f"{label} {value:g}{unit}")
    return out


def _bullets(items: list[str]) -> list[str]:
    return [f"- {item}" for item in items]


# Requests that call for a plan of action; an appeal of a deactivation is one too.
_PLAN_ASKS = frozenset({"plan_of_action", "appeal"})
_BUYER_ISSUES = frozenset({"a_to_z_claim", "chargeback"})


def wants_plan(notice: Notice, deactivated: bool) -> bool:
    """Whether the draft is a plan of action: Amazon asked for one (or for an appeal), the
    account is deactivated, or the notice was stored before notifyd read what Amazon asks."""
    if not notice.requested or deactivated:
        return True
    return bool(_PLAN_ASKS & set(notice.requested))


def addressee(notice: Notice, book: Plans) -> tuple[str, str]:
    """(greeting name, where and how to send the draft) from the notice's respond_via."""
    via = notice.respond_via or {}
    kind, address, url = via.get("kind"), via.get("address"), via.get("url")
    health = account_health_url(notice.marketplace)
    if kind == "email" and address:
        local = address.split("@", 1)[0].lower()
        team = next(
            (name for prefix, name in book.addressees.items() if local.startswith(prefix)),
            "Amazon team",
        )
        return team, (
            f"Send by e-mail to {address}, as the notice asks; it is not an Account Health "
            "appeal, so do not submit it there"
        )
    if kind == "appeal_button":
        return (
            "Seller Performance Team",
            f"Submit with the Appeal button in Account Health: {health}",
        )
    if kind == "reply":
        return (
            "Seller Performance Team",
            "Reply to Amazon's e-mail itself, keeping its subject line",
        )
    if kind == "seller_central_page":
        return (
            "Seller Performance Team",
            f"Submit on the Seller Central page the notice names: {url or health}",
        )
    if kind == "account_health":
        return (
            "Seller Performance Team",
            f"Submit in Seller Central, Account Health: {url or health}",
        )
    return "Seller Performance Team", f"Submit in Seller Central, Account Health: {health}"


def asked_documents(notice: Notice, book: Plans) -> list[str]:
    """The documents Amazon named, as bullet text for the corrective-action part."""
    return [
        f"{book.documents.get(d, d.replace('_', ' '))} (asked for by Amazon): [[attach it and say what it shows]]"
        for d in notice.documents
    ]


def render_draft(notice: Notice, events: list[Event], now: datetime, tz: tzinfo) -> str:
    """The Markdown draft: a box for the seller, then the four parts of the plan of action."""
    number = notice.id
    if notice.is_phishing:
        raise NothingToAnswer(
            f"notice {number} is suspected phishing, not from Amazon: do not reply to it; "
            "check Account Health in Seller Central instead"
        )
    issue = notice.issue_type or IssueType.OTHER
    book = plans()
    if issue in book.nothing_to_answer:
        raise NothingToAnswer(f"notice {number} {book.nothing_to_answer[issue]}")
    template = book.template(issue)
    # Under review or at risk is not (yet) deactivated; saying so would admit too much.
    deactivated = (
        notice.category == "account_status"
        and notice.severity == "critical"
        and issue not in ("verification_required", "account_at_risk")
    )
    marketplace = notice.marketplace
    asins = list(notice.asins or [])
    metrics = _metric_facts(notice.metrics or {})
    received = notice.sent_at
    deadline = notice.deadline_at
    subject = printable(notice.subject or "")
    actions = [e for e in events if e.kind == "action"]
    plan = wants_plan(notice, deactivated)
    team, send = addressee(notice, book)
    documents = asked_documents(notice, book) + list(template.documents)

    where = f" on {marketplace}" if marketplace else ""
    title = (
        "Plan of action"
        if plan
        else ("Response to the claim" if issue in _BUYER_ISSUES else "Response")
    )
    lines = [f"# {title}: {issue_label(notice)}{where}", ""]
    box = [
        f"notifyd draft for notice #{number}, written {now.astimezone(tz):%d %b %Y %H:%M %Z}. "
        "Replace every [[...]] with your own words and facts, delete what does not apply, then "
        "delete this box. A plan that reads like a template is usually rejected.",
        "",
        f'Notice: #{number}, "{subject}"'
        + (f", received {received.astimezone(tz):%a %d %b %Y %H:%M %Z}" if received else ""),
    ]
    if marketplace:
        box.append(f"Marketplace: {marketplace}")
    if asins:
        box.append(f"ASINs: {', '.join(asins)}")
    if notice.order_ids:
        box.append(f"Orders: {', '.join(printable(o) for o in notice.order_ids)}")
    box += [f"Metric: {m}" for m in metrics]
    box.append(
        f"Deadline: {deadline_phrase(deadline, now, tz)}"
        if deadline
        else "Deadline: none stated in the notice; answer as soon as you can"
    )
    if notice.requested and not plan:
        asked = ", ".join(r.replace("_", " ") for r in notice.requested)
        box.append(f"Amazon asks for: {asked}; no plan of action, so this draft has none")
    box.append(send)
    lines += [f"> {line}".rstrip() for line in box]
    lines += ["", f"Dear {team},", ""]
    if not plan:
        return "\n".join(
            lines + _response(notice, template, actions, documents, received, tz, where)
        )

    # 1. Acknowledgement: the facts of the notice, and that the seller understood the rule.
    lines += ["## 1. Acknowledgement", ""]
    opening = "Thank you for your notice"
    if received:
        opening += f" of {_day(received, tz)}"
    opening += f" about {template.subject}"
    if asins:
        opening += f", concerning {_listing(asins)}"
    if notice.order_ids and issue in ("a_to_z_claim", "chargeback", "negative_feedback"):
        opening += f" (order {', '.join(printable(o) for o in notice.order_ids)})"
    opening += f"{where}."
    if deactivated and "deactivation" not in template.subject:
        opening += " I understand that my selling account has been deactivated as a result."
    if metrics:
        clauses = _metric_facts(notice.metrics or {}, sentence=True)
        opening += " As the notice says, " + "; ".join(clauses) + "."
    lines += [opening, "", f"{template.understanding} {template.ownership}", ""]

    lines += ["## 2. Root cause", ""]
    lines += [*_bullets(list(template.root_cause)), ""]

    lines += ["## 3. Corrective actions taken", ""]
    if actions:
        lines += _bullets([f"{_day(e.at, tz)}: {printable(e.text or '')}" for e in actions])
    # Suggestions stay after recorded actions: one recorded step is rarely the whole plan.
    lines += _bullets(list(template.actions))
    if not actions:
        lines.append(
            f'- [[record each action with `notifyd action {number} "..."` and it is listed '
            "here with its date]]"
        )
    if documents:
        lines += ["", "Documents attached:", "", *_bullets(documents)]
    lines.append("")

    lines += ["## 4. Preventive measures and commitment", ""]
    lines += [*_bullets(list(template.preventive)), ""]
    commitment = (
        "I am committed to meeting Amazon's policies and my buyers' expectations, and "
        "[[name the person responsible for account health]] reviews Account Health "
        "[[how often]]."
    )
    ask = template.ask
    if deactivated:
        ask = "I kindly ask you to reinstate my selling privileges."
    lines += [commitment + (f" {ask}" if ask else ""), ""]
    lines += [
        "Kind regards,",
        "",
        "[[your name]], [[business name]]",
        "[[merchant token or seller ID]]",
        "",
    ]
    return "\n".join(lines)


def _response(
    notice: Notice,
    template: Template,
    actions: list[Event],
    documents: list[str],
    received: datetime | None,
    tz: tzinfo,
    where: str,
) -> list[str]:
    """The answer to a notice that asks for something other than a plan of action: the facts,
    what was done, and the documents; no root cause or preventive measures nobody asked for."""
    opening = "Thank you for your notice"
    if received:
        opening += f" of {_day(received, tz)}"
    opening += f" about {template.subject}"
    if notice.asins:
        opening += f", concerning {_listing(list(notice.asins))}"
    if notice.order_ids:
        opening += f" (order {', '.join(printable(o) for o in notice.order_ids)})"
    lines = [opening + f"{where}.", "", "## 1. What happened", ""]
    lines += [*_bullets(list(template.root_cause)), "", "## 2. What I have done", ""]
    lines += _bullets([f"{_day(e.at, tz)}: {printable(e.text or '')}" for e in actions])
    lines += _bullets(list(template.actions))
    if documents:
        lines += ["", "Documents attached:", "", *_bullets(documents)]
    ask = template.ask or "[[what you ask Amazon to do]]"
    lines += ["", ask, "", "Kind regards,", "", "[[your name]], [[business name]]", ""]
    return lines
