"""Check and merge the TOML rule files key by key before the rules are built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifyd.core.models import CATEGORIES, ISSUE_TYPES
from notifyd.understand.match import (
    fill_pattern,
)

# The parts of a notice that anatomy.segment() cuts out; rules may say which ones they read.
PARTS = ("subject", "headings", "opening", "cause", "asks", "consequence", "body", "boilerplate")
ANATOMY_KEYS = (
    "greetings",
    "signoffs",
    "boilerplate",
    "cause_cues",
    "ask_cues",
    "consequence_cues",
    "headings_cause",
    "headings_asks",
    "headings_consequence",
    "headings_boilerplate",
)
ASK_TABLES = ("requested", "documents", "respond_via")
REQUEST_KINDS = (
    "plan_of_action",
    "appeal",
    "documents",
    "identity_verification",
    "contact_rights_owner",
    "fix_listing",
    "respond_to_buyer",
)
CHANNELS = ("appeal_button", "account_health", "reply", "seller_central_page")
_SECTIONS = (
    "anatomy",
    "asks",
    "senders",
    "issue",
    "signals",
    "deadlines",
    "metrics",
    "metric_targets",
    "marketplaces",
    "languages",
)


_SENDER_KEYS = (
    "notice_senders",
    "transactional_subjects",
    "shortener_domains",
    "login_link_words",
    "genuine_domains",
    "link_domains",
    "safe_link_domains",
    "lookalike_words",
    "display_names",
    "free_mail_domains",
)


SIGNAL_NAMES = (
    "notice_headings",
    "notice_structure",
    "notice_subject",
    "account_deactivated",
    "deactivation_pending",
    "account_at_risk",
    "account_review",
    "verification",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "listing_active",
    "warning",
    "consequence",
    "no_penalty",
    "plan_of_action",
    "non_notice_subject",
    "non_notice_body",
    "phishing_tells",
    "prefilter",
)


_DEADLINE_LISTS = ("relative", "absolute_cues", "absolute_cues_after", "not_deadlines")


class Accumulator:
    """Rule files read so far, merged: lists add up, tables merge, issues replace by id."""

    def __init__(self) -> None:
        self.lists: dict[str, list[tuple[str, str]]] = {}  # key -> [(value, source)]
        self.issues: dict[str, tuple[dict[str, Any], str]] = {}
        self.markets: dict[str, tuple[dict[str, Any], str]] = {}
        self.metrics: dict[str, tuple[dict[str, Any], str]] = {}
        self.maps: dict[str, dict[str, tuple[Any, str]]] = {
            "numbers": {},
            "units": {},
            "months": {},
        }
        self.sources: list[str] = []
        self.reads: dict[str, tuple[str, ...]] = {}  # "iss:<id>" / "sig:<name>" -> parts read

    def _extend(self, key: str, values: Iterable[str], src: str) -> None:
        bucket = self.lists.setdefault(key, [])
        seen = {v for v, _ in bucket}
        for v in values:
            if v not in seen:
                bucket.append((v, src))
                seen.add(v)

    def add(self, path: Path, doc: dict[str, Any], problems: list[str]) -> None:
        src = str(path)
        self.sources.append(src)
        for section in doc:
            if section not in _SECTIONS:
                problems.append(
                    f"{src}: unknown section [{section}] (known: {', '.join(_SECTIONS)})"
                )
        senders = doc.get("senders", {})
        if not isinstance(senders, dict):
            problems.append(f"{src}: [senders] must be a table")
            senders = {}
        for key, value in senders.items():
            if key not in _SENDER_KEYS:
                problems.append(f"{src}: senders.{key}: unknown key")
            elif _str_list(value, f"{src}: senders.{key}", problems):
                self._extend(f"senders.{key}", (str(v).strip().lower() for v in value), src)
        self._add_issues(src, doc.get("issue", []), problems)
        self._add_signals(src, doc.get("signals", {}), problems)
        self._add_deadlines(src, doc.get("deadlines", {}), problems)
        self._add_metrics(src, doc, problems)
        self._add_markets(src, doc.get("marketplaces", {}), problems)
        anatomy = doc.get("anatomy", {})
        if not isinstance(anatomy, dict):
            problems.append(f"{src}: [anatomy] must be a table")
            anatomy = {}
        for key, value in anatomy.items():
            if key not in ANATOMY_KEYS:
                problems.append(
                    f"{src}: anatomy.{key}: unknown key (known: {', '.join(ANATOMY_KEYS)})"
                )
            elif _str_list(value, f"{src}: anatomy.{key}", problems):
                self._extend(f"anatomy.{key}", (str(v).lower() for v in value), src)
        self._add_asks(src, doc.get("asks", {}), problems)
        langs = doc.get("languages", {})
        if not isinstance(langs, dict):
            problems.append(f"{src}: [languages] must be a table")
            langs = {}
        for code, table in langs.items():
            words = table.get("stopwords") if isinstance(table, dict) else None
            if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2}", code):
                problems.append(f"{src}: languages.{code}: key must be an ISO 639-1 code")
            elif _str_list(words, f"{src}: languages.{code}.stopwords", problems):
                self._extend(f"languages.{code}", (str(w).lower() for w in words or ()), src)

    def _add_issues(self, src: str, issues: Any, problems: list[str]) -> None:
        if not isinstance(issues, list):
            problems.append(f"{src}: issue must be an array of tables ([[issue]])")
            return
        for i, item in enumerate(issues):
            where = f"{src}: issue[{i}]"
            if not isinstance(item, dict):
                problems.append(f"{where}: must be a table")
                continue
            rid = item.get("id")
            if not isinstance(rid, str) or not rid:
                problems.append(f"{where}.id: required non-empty string")
                continue
            where = f"{src}: issue '{rid}'"
            ok = True
            for key in item:
                if key not in (
                    "id",
                    "issue_type",
                    "category",
                    "plan_category",
                    "refines",
                    "phrases",
                    "in",
                ):
                    problems.append(f"{where}.{key}: unknown key")
            if item.get("issue_type") not in ISSUE_TYPES:
                problems.append(
                    f"{where}.issue_type: {item.get('issue_type')!r} is not one of {', '.join(ISSUE_TYPES)}"
                )
                ok = False
            for key in ("category", "plan_category"):
                value = item.get(key)
                if (key == "category" or value is not None) and value not in CATEGORIES:
                    problems.append(
                        f"{where}.{key}: {value!r} is not one of {', '.join(CATEGORIES)}"
                    )
                    ok = False
            refines = item.get("refines")
            if refines is not None and refines not in ISSUE_TYPES:
                problems.append(f"{where}.refines: {refines!r} is not an issue type")
                ok = False
            phrases = item.get("phrases")
            if not _str_list(phrases, f"{where}.phrases", problems, required=True):
                ok = False
            if ok and not _check_phrases(list(phrases or ()), f"{where}.phrases", problems):
                ok = False
            if ok and not self._add_reads(f"iss:{rid}", item.get("in"), f"{where}.in", problems):
                ok = False
            if ok:
                self.issues[rid] = (item, src)

    def _add_signals(self, src: str, signals: Any, problems: list[str]) -> None:
        if not isinstance(signals, dict):
            problems.append(f"{src}: [signals] must be a table")
            return
        for name, table in signals.items():
            where = f"{src}: signals.{name}"
            if name not in SIGNAL_NAMES:
                problems.append(f"{where}: unknown signal (known: {', '.join(SIGNAL_NAMES)})")
                continue
            if not isinstance(table, dict) or set(table) - {"phrases", "in"}:
                problems.append(f"{where}: must be a table with a 'phrases' list and an 'in' list")
                continue
            if not self._add_reads(f"sig:{name}", table.get("in"), f"{where}.in", problems):
                continue
            if "phrases" not in table and "in" in table:
                continue
            phrases = table.get("phrases")
            if not _str_list(phrases, f"{where}.phrases", problems, required=True):
                continue
            if _check_phrases(list(phrases or ()), f"{where}.phrases", problems):
                self._extend(f"signals.{name}", list(phrases or ()), src)

    def _add_asks(self, src: str, asks: Any, problems: list[str]) -> None:
        if not isinstance(asks, dict):
            problems.append(f"{src}: [asks] must be a table")
            return
        for table, kinds in asks.items():
            where = f"{src}: asks.{table}"
            if table not in ASK_TABLES or not isinstance(kinds, dict):
                problems.append(f"{where}: unknown table (known: {', '.join(ASK_TABLES)})")
                continue
            known = {"requested": REQUEST_KINDS, "respond_via": CHANNELS}.get(table)
            for kind, phrases in kinds.items():
                if known is not None and kind not in known:
                    problems.append(f"{where}.{kind}: unknown key (known: {', '.join(known)})")
                elif _str_list(phrases, f"{where}.{kind}", problems, required=True):
                    self._extend(f"asks.{table}.{kind}", (str(p).lower() for p in phrases), src)

    def _add_reads(self, owner: str, value: Any, where: str, problems: list[str]) -> bool:
        if value is None:
            return True
        if not _str_list(value, where, problems, required=True):
            return False
        unknown = [p for p in value if p not in PARTS]
        if unknown:
            problems.append(f"{where}: unknown part {unknown[0]!r} (known: {', '.join(PARTS)})")
            return False
        self.reads[owner] = tuple(value)
        return True

    def _add_deadlines(self, src: str, table: Any, problems: list[str]) -> None:
        if not isinstance(table, dict):
            problems.append(f"{src}: [deadlines] must be a table")
            return
        for key, value in table.items():
            where = f"{src}: deadlines.{key}"
            if key in _DEADLINE_LISTS:
                if _str_list(value, where, problems):
                    for pattern in value:
                        probe = fill_pattern(pattern, r"\d+", "days")
                        try:
                            compiled = re.compile(probe)
                        except re.error as exc:
                            problems.append(f"{where}: bad regex {pattern!r}: {exc}")
                            continue
                        if key == "relative" and not {"n", "unit"} <= set(compiled.groupindex):
                            problems.append(
                                f"{where}: {pattern!r} needs groups (?P<n>{{num}}) and (?P<unit>{{unit}})"
                            )
                            continue
                        self._extend(f"deadlines.{key}", [pattern], src)
            elif key in self.maps:
                if not isinstance(value, dict):
                    problems.append(f"{where}: must be a table")
                    continue
                for word, v in value.items():
                    if key == "units" and v not in ("days", "hours", "weeks"):
                        problems.append(f'{where}.{word}: must be "days", "hours" or "weeks"')
                    elif key == "months" and (not isinstance(v, int) or not 1 <= v <= 12):
                        problems.append(f"{where}.{word}: must be a month number 1-12")
                    elif key == "numbers" and (not isinstance(v, int) or v <= 0):
                        problems.append(f"{where}.{word}: must be a positive integer")
                    else:
                        self.maps[key][str(word).lower()] = (v, src)
            else:
                problems.append(f"{where}: unknown key")

    def _add_metrics(self, src: str, doc: dict[str, Any], problems: list[str]) -> None:
        targets = doc.get("metric_targets", {})
        if not isinstance(targets, dict) or set(targets) - {"words"}:
            problems.append(f"{src}: [metric_targets] must be a table with only a 'words' list")
        elif (
            "words" in targets
            and _str_list(targets["words"], f"{src}: metric_targets.words", problems)
            and _check_regexes(targets["words"], f"{src}: metric_targets.words", problems)
        ):
            self._extend("metric_targets", targets["words"], src)
        metrics = doc.get("metrics", {})
        if not isinstance(metrics, dict):
            problems.append(f"{src}: [metrics] must be a table")
            return
        for key, table in metrics.items():
            where = f"{src}: metrics.{key}"
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                problems.append(f"{where}: key must be snake_case")
                continue
            if not isinstance(table, dict) or set(table) - {
                "names",
                "percent",
                "patterns",
                "target",
            }:
                problems.append(
                    f"{where}: must be a table with 'names' and optional 'percent', 'patterns', "
                    "'target'"
                )
                continue
            target = table.get("target")
            if target is not None and (
                isinstance(target, bool) or not isinstance(target, int | float)
            ):
                problems.append(f"{where}.target: must be a number")
                continue
            patterns = table.get("patterns", [])
            if not _str_list(patterns, f"{where}.patterns", problems):
                continue
            if not _check_regexes(patterns, f"{where}.patterns", problems):
                continue
            bad = [p for p in patterns if "(?P<v>" not in p]
            if bad:
                problems.append(f"{where}.patterns: {bad[0]!r} needs a group (?P<v>...)")
                continue
            if not _str_list(table.get("names"), f"{where}.names", problems, required=True):
                continue
            if not isinstance(table.get("percent", True), bool):
                problems.append(f"{where}.percent: must be true or false")
                continue
            old = self.metrics.get(key)
            names = list(old[0]["names"]) if old else []
            names += [n.lower() for n in table["names"] if n.lower() not in names]
            pats = list(old[0]["patterns"]) if old else []
            pats += [p for p in patterns if p not in pats]
            percent = table.get("percent", old[0]["percent"] if old else True)
            if target is None and old:
                target = old[0]["target"]
            self.metrics[key] = (
                {"names": names, "percent": percent, "patterns": pats, "target": target},
                src,
            )

    def _add_markets(self, src: str, table: Any, problems: list[str]) -> None:
        if not isinstance(table, dict):
            problems.append(f"{src}: [marketplaces] must be a table")
            return
        for domain, spec in table.items():
            where = f'{src}: marketplaces."{domain}"'
            if not isinstance(spec, dict):
                problems.append(f"{where}: must be a table")
                continue
            unknown = set(spec) - {"timezone", "languages", "currencies", "us_dates"}
            if unknown:
                problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
                continue
            merged = dict(self.markets.get(domain, ({}, src))[0])
            merged.update(spec)
            zone = merged.get("timezone")
            if not isinstance(zone, str):
                problems.append(f"{where}.timezone: required IANA zone name")
                continue
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                problems.append(f"{where}.timezone: unknown time zone {zone!r}")
                continue
            if not _str_list(merged.get("languages", []), f"{where}.languages", problems):
                continue
            if not _str_list(merged.get("currencies", []), f"{where}.currencies", problems):
                continue
            if not isinstance(merged.get("us_dates", False), bool):
                problems.append(f"{where}.us_dates: must be true or false")
                continue
            self.markets[domain.lower()] = (merged, src)


def _str_list(value: Any, where: str, problems: list[str], required: bool = False) -> bool:
    if value is None and not required:
        return True
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: must be a list of non-empty strings")
        return False
    if required and not value:
        problems.append(f"{where}: must not be empty")
        return False
    return True


def _check_phrases(phrases: list[str], where: str, problems: list[str]) -> bool:
    ok = True
    for phrase in phrases:
        if phrase.startswith("re:"):
            try:
                re.compile(phrase[3:])
            except re.error as exc:
                problems.append(f"{where}: bad regex {phrase!r}: {exc}")
                ok = False
    return ok


def _check_regexes(patterns: list[str], where: str, problems: list[str]) -> bool:
    ok = True
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}: bad regex {pattern!r}: {exc}")
            ok = False
    return ok
