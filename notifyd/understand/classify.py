"""Decide whether a parsed email is an Amazon seller performance notice and what it says.

Everything a human may want to tune lives in TOML rule files (notifyd/understand/rules/*.toml, plus any
directory passed to `load_rules`); this module only knows how to apply them.  The functions
are pure: no clock reads, no I/O except reading the rule files in `load_rules`.

    rules = load_rules()
    might_be_notice(sender, sender_name, subject, rules)  # cheap, header-only pre-filter
    classify(parse_email(raw), rules)                     # -> Classification
"""

from __future__ import annotations

import functools
import html as htmllib
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime, parsedate_tz
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from notifyd.core.errors import RulesError
from notifyd.core.models import CATEGORIES, ISSUE_TYPES, Classification, ParsedEmail
from notifyd.ingest.parse import decode_header_value, extract_links, html_to_text, links_of
from notifyd.understand.severity import SeverityFacts, decide_severity

MAX_CLASSIFY_CHARS = 1_000_000  # characters of body text looked at
_SUBJECT_WEIGHT = 3
_EARLY_CHARS = 700  # phrases in the opening of the notice weigh a little more

# ---------------------------------------------------------------- rules


class Matched:
    """A normalised text and the set of rule phrases it contains, found once per text."""

    __slots__ = ("found", "low", "tokens")

    def __init__(self, low: str, found: set[str], tokens: frozenset[str] = frozenset()) -> None:
        self.low = low
        self.found = found
        self.tokens = tokens


@dataclass(frozen=True)
class PhraseSet:
    """Lower-case phrases (substring match) and regexes, matched on normalised text.

    Each regex carries a literal that any match must contain (its gate), so that the regex
    only runs on texts that contain the literal: substring search is far cheaper.
    """

    plain: tuple[str, ...] = ()
    regexes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    infix: frozenset[str] = frozenset()  # plain phrases that may start inside a word


@dataclass(frozen=True)
class PhraseIndex:
    """Every plain phrase of the rules, bucketed under one word the text must contain.

    `match` splits the text into words once and only tests phrases whose key word is there:
    the longest complete word of a phrase, or the first four letters of a one-word phrase
    (which may be the start of a longer word: "deactivat"). This keeps classification cheap
    with hundreds of phrases in a dozen languages.
    """

    by_word: Mapping[str, tuple[str, ...]]  # key word -> phrases
    by_prefix: Mapping[str, tuple[str, ...]]  # first 4 letters of a one-word phrase -> phrases
    always: tuple[str, ...]  # infix phrases and phrases starting with punctuation
    cjk: tuple[str, ...]  # CJK phrases: tested when the text has CJK characters
    word_keys: frozenset[str] = frozenset()
    prefix_keys: frozenset[str] = frozenset()

    @classmethod
    def build(cls, phrases: Iterable[str], infix: frozenset[str]) -> PhraseIndex:
        by_prefix: dict[str, list[str]] = {}
        by_word: dict[str, list[str]] = {}
        always: list[str] = []
        cjk: list[str] = []
        for phrase in dict.fromkeys(phrases):
            key, whole = _phrase_key(phrase)
            if phrase in infix or not phrase[:1].isalpha() or not key:
                always.append(phrase)
            elif any(ord(c) > 0x24F for c in key):
                cjk.append(phrase)
            elif whole:
                by_word.setdefault(key, []).append(phrase)
            else:
                by_prefix.setdefault(key[:4], []).append(phrase)
        return cls(
            {k: tuple(v) for k, v in by_word.items()},
            {k: tuple(v) for k, v in by_prefix.items()},
            tuple(always),
            tuple(cjk),
            frozenset(by_word),
            frozenset(by_prefix),
        )

    def match(self, low: str) -> Matched:
        tokens = frozenset(_PUNCT_RE.sub(" ", low).split())
        found: set[str] = set()
        by_word = self.by_word
        by_prefix = self.by_prefix
        for token in tokens & self.word_keys:
            for p in by_word[token]:
                if p in low:
                    found.add(p)
        for prefix in {t[:4] for t in tokens} & self.prefix_keys:
            for p in by_prefix[prefix]:
                if p in low:
                    found.add(p)
        for p in self.always:
            if p in low:
                found.add(p)
        if self.cjk and _CJK.search(low):
            found.update(p for p in self.cjk if p in low)
        return Matched(low, found, tokens)


def _phrase_key(phrase: str) -> tuple[str, bool]:
    """(key, whole word?) for a phrase or a literal: its longest complete word, else a prefix.

    Every word but the last is complete; the last is complete only when the phrase ends with
    a space or punctuation. A phrase is assumed to start at a word start.
    """
    spaced = phrase.translate(_PUNCT_TO_SPACE)
    words = spaced.split()
    if not words:
        return "", False
    complete = words if spaced[-1:].isspace() else words[:-1]
    if complete:
        best = max(complete, key=len)
        if len(best) >= 3 or len(words) == len(complete):
            return best, True
    return words[0], len(words) > 1 or spaced[-1:].isspace()


_PUNCT = ".,;:!?()[]{}<>\"'¿¡*«»-–—/|"
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys(_PUNCT, " "))
_PUNCT_RE = re.compile("[" + re.escape(_PUNCT) + "]")


@dataclass(frozen=True)
class IssueRule:
    id: str
    issue_type: str
    category: str
    plan_category: str
    refines: str
    phrases: PhraseSet
    source: str


@dataclass(frozen=True)
class Market:
    domain: str
    zone: tzinfo
    languages: tuple[str, ...]
    currencies: tuple[str, ...]
    us_dates: bool


@dataclass(frozen=True)
class MetricRule:
    key: str
    names: tuple[str, ...]
    percent: bool
    patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    target: float | None = None  # Amazon's published target, to tell a "Target" column apart


@dataclass(frozen=True)
class Rules:
    genuine_domains: tuple[str, ...]
    link_domains: tuple[str, ...]
    safe_link_domains: tuple[str, ...]
    lookalike_words: tuple[str, ...]
    display_names: tuple[str, ...]
    free_mail_domains: tuple[str, ...]
    shortener_domains: tuple[str, ...]
    login_link_words: tuple[str, ...]
    transactional_subjects: tuple[str, ...]
    issues: tuple[IssueRule, ...]
    signals: Mapping[str, PhraseSet]
    markets: Mapping[str, Market]
    stopwords: Mapping[str, frozenset[str]]
    stopword_index: Mapping[str, tuple[str, ...]]
    metrics: tuple[MetricRule, ...]
    target_words: re.Pattern[str]
    relative: tuple[Gated, ...]
    unit_stems: tuple[str, ...]
    unit_words: frozenset[str]
    not_deadline: tuple[Gated, ...]
    absolute: re.Pattern[str]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    number_words: Mapping[str, int]
    units: Mapping[str, str]
    months: Mapping[str, int]
    prefilter_words: tuple[str, ...]
    index: PhraseIndex
    containers: Mapping[str, tuple[str, ...]]
    owners: Mapping[str, tuple[str, ...]]  # plain phrase -> "sig:<signal>" / "iss:<rule id>"
    owned_regexes: tuple[tuple[str, str, str, re.Pattern[str]], ...]  # owner, key, gate, regex
    sources: tuple[str, ...] = field(default=())


_SECTIONS = (
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
_SIGNAL_NAMES = (
    "notice_headings",
    "notice_structure",
    "notice_subject",
    "account_deactivated",
    "account_at_risk",
    "account_review",
    "verification",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "listing_active",
    "warning",
    "consequence",
    "plan_of_action",
    "non_notice_subject",
    "non_notice_body",
    "phishing_tells",
    "prefilter",
)
_DEADLINE_LISTS = ("relative", "absolute_cues", "absolute_cues_after", "not_deadlines")


def default_rules_dir() -> Path:
    """The rules shipped with notifyd, as package data beside this module."""
    return Path(__file__).parent / "rules"


def load_rules(extra_dirs: Sequence[Path] = ()) -> Rules:
    """Load the default rules, then every *.toml in `extra_dirs` (in order) on top.

    Lists add up, tables merge, an [[issue]] with an existing id replaces the earlier one.
    Raises RulesError with one line per problem, naming the file and the key.
    """
    problems: list[str] = []
    files: list[Path] = []
    for directory in (default_rules_dir(), *[Path(d) for d in extra_dirs]):
        if not directory.is_dir():
            problems.append(f"{directory}: rules directory does not exist")
            continue
        files.extend(sorted(directory.glob("*.toml")))
    acc = _Accumulator()
    for path in files:
        try:
            with path.open("rb") as fh:
                doc = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read TOML: {exc}")
            continue
        acc.add(path, doc, problems)
    rules = acc.build(problems) if not problems else None
    if problems or rules is None:
        raise RulesError(problems or ["rules could not be built"])
    return rules


class _Accumulator:
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
            if ok:
                self.issues[rid] = (item, src)

    def _add_signals(self, src: str, signals: Any, problems: list[str]) -> None:
        if not isinstance(signals, dict):
            problems.append(f"{src}: [signals] must be a table")
            return
        for name, table in signals.items():
            where = f"{src}: signals.{name}"
            if name not in _SIGNAL_NAMES:
                problems.append(f"{where}: unknown signal (known: {', '.join(_SIGNAL_NAMES)})")
                continue
            if not isinstance(table, dict) or set(table) - {"phrases"}:
                problems.append(f"{where}: must be a table with only a 'phrases' list")
                continue
            phrases = table.get("phrases")
            if not _str_list(phrases, f"{where}.phrases", problems, required=True):
                continue
            if _check_phrases(list(phrases or ()), f"{where}.phrases", problems):
                self._extend(f"signals.{name}", list(phrases or ()), src)

    def _add_deadlines(self, src: str, table: Any, problems: list[str]) -> None:
        if not isinstance(table, dict):
            problems.append(f"{src}: [deadlines] must be a table")
            return
        for key, value in table.items():
            where = f"{src}: deadlines.{key}"
            if key in _DEADLINE_LISTS:
                if _str_list(value, where, problems):
                    for pattern in value:
                        probe = _fill(pattern, r"\d+", "days")
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

    def build(self, problems: list[str]) -> Rules | None:
        def values(key: str) -> tuple[str, ...]:
            return tuple(v for v, _ in self.lists.get(key, []))

        issues = tuple(
            IssueRule(
                id=rid,
                issue_type=item["issue_type"],
                category=item["category"],
                plan_category=item.get("plan_category") or item["category"],
                refines=item.get("refines") or "",
                phrases=_phrase_set(item["phrases"]),
                source=src,
            )
            for rid, (item, src) in self.issues.items()
        )
        signals = {name: _phrase_set(values(f"signals.{name}")) for name in _SIGNAL_NAMES}
        markets = {
            domain: Market(
                domain=domain,
                zone=ZoneInfo(spec["timezone"]),
                languages=tuple(spec.get("languages", [])),
                currencies=tuple(c.lower() for c in spec.get("currencies", [])),
                us_dates=bool(spec.get("us_dates", False)),
            )
            for domain, (spec, _) in self.markets.items()
        }
        stopwords = {
            key.split(".", 1)[1]: frozenset(v for v, _ in items)
            for key, items in self.lists.items()
            if key.startswith("languages.")
        }
        metrics = tuple(
            MetricRule(
                key=key,
                names=tuple(spec["names"]),
                percent=bool(spec["percent"]),
                patterns=tuple((required_literal(p), re.compile(p)) for p in spec["patterns"]),
                target=None if spec["target"] is None else float(spec["target"]),
            )
            for key, (spec, _) in self.metrics.items()
        )
        numbers = {w: int(v) for w, (v, _) in self.maps["numbers"].items()}
        units = {w: str(v) for w, (v, _) in self.maps["units"].items()}
        months = {w: int(v) for w, (v, _) in self.maps["months"].items()}
        if not units:
            problems.append("deadlines.units: no unit words defined in any rules file")
        if not months:
            problems.append("deadlines.months: no month names defined in any rules file")
        if not markets:
            problems.append("marketplaces: no marketplace defined in any rules file")
        if problems:
            return None
        num_alt = r"\d{1,3}|" + _alternation(numbers)
        unit_alt = _alternation(units)
        month_alt = _alternation(months)
        try:
            relative = _gated(values("deadlines.relative"), num_alt, unit_alt)
            not_deadline = _gated(values("deadlines.not_deadlines"), num_alt, unit_alt)
            cue_before = re.compile(
                r"(?:"
                + "|".join(values("deadlines.absolute_cues") or ("(?!x)x",))
                + r")\s*[:：]?\s*"
                r"(?:the |le |il |el |den |dem |am |on |of |de )?$"
            )
            cue_after = re.compile(
                r"\s*(?:" + "|".join(values("deadlines.absolute_cues_after") or ("(?!x)x",)) + ")"
            )
            absolute = _absolute_regex(month_alt)
            target_words = re.compile(
                "|".join(
                    (r"\b" + w if w[:1].isascii() and w[:1].isalpha() else w)
                    for w in values("metric_targets") or ("(?!x)x",)
                )
            )
        except re.error as exc:
            problems.append(f"deadlines: the combined patterns do not compile: {exc}")
            return None
        return Rules(
            genuine_domains=values("senders.genuine_domains"),
            link_domains=values("senders.link_domains"),
            safe_link_domains=values("senders.safe_link_domains"),
            lookalike_words=values("senders.lookalike_words"),
            display_names=values("senders.display_names"),
            free_mail_domains=values("senders.free_mail_domains"),
            shortener_domains=values("senders.shortener_domains"),
            login_link_words=values("senders.login_link_words"),
            transactional_subjects=values("senders.transactional_subjects"),
            issues=issues,
            signals=signals,
            markets=markets,
            stopwords=stopwords,
            stopword_index=_invert(stopwords),
            metrics=metrics,
            target_words=target_words,
            relative=relative,
            unit_stems=tuple(u for u in _stems(units) if u[:1] > "\u3000"),
            unit_words=frozenset(u for u in units if u[:1] <= "\u3000"),
            not_deadline=not_deadline,
            absolute=absolute,
            cue_before=cue_before,
            cue_after=cue_after,
            number_words=numbers,
            units=units,
            months=months,
            prefilter_words=_prefilter_words(issues, signals),
            containers=_containers(issues),
            owners=_owners(issues, signals),
            owned_regexes=tuple(
                (owner, _gate_word(gate), gate, rx)
                for owner, gate, rx in [
                    *[(f"iss:{r.id}", g, rx) for r in issues for g, rx in r.phrases.regexes],
                    *[(f"sig:{n}", g, rx) for n, ps in signals.items() for g, rx in ps.regexes],
                ]
            ),
            index=PhraseIndex.build(
                [p for r in issues for p in r.phrases.plain]
                + [p for ps in signals.values() for p in ps.plain]
                + [n for m in metrics for n in m.names],
                frozenset(p for r in issues for p in r.phrases.infix)
                | frozenset(p for ps in signals.values() for p in ps.infix),
            ),
            sources=tuple(self.sources),
        )


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


def _phrase_set(phrases: Iterable[str]) -> PhraseSet:
    plain: list[str] = []
    infix: set[str] = set()
    regexes: list[tuple[str, re.Pattern[str]]] = []
    for phrase in phrases:
        if phrase.startswith("re:"):
            regexes.append((required_literal(phrase[3:]), re.compile(phrase[3:])))
            continue
        norm = _norm(phrase[1:] if phrase.startswith("*") else phrase)
        if phrase.startswith("*"):
            infix.add(norm)
        if norm and norm not in plain:
            plain.append(norm)
    return PhraseSet(tuple(plain), tuple(regexes), frozenset(infix))


_META = set("\\.^$*+?{}[]()|")


def required_literal(pattern: str) -> str:
    """The longest plain run of characters every match of `pattern` must contain ("" if unsure).

    Only looks at the top level of the pattern: anything inside groups, classes or after a
    top-level alternation is ignored, and a character followed by a quantifier is dropped.
    """
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if depth == 0 and nxt and not nxt.isalnum():
                run += nxt  # an escaped literal such as \. or \-
            else:
                runs.append(run)
                run = ""
            i += 2
            continue
        if ch == "[":
            end = pattern.find("]", i + 2)
            runs.append(run)
            run = ""
            i = end + 1 if end > 0 else len(pattern)
            continue
        if ch == "{":  # a counted repeat: the character before it is optional
            end = pattern.find("}", i)
            runs.append(run[:-1])
            run = ""
            i = end + 1 if end > 0 else len(pattern)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""
        if ch in _META:
            if ch in "?*{" and run:
                run = run[:-1]
            runs.append(run)
            run = ""
        elif depth == 0:
            run += ch
        i += 1
    runs.append(run)
    best = max(runs, key=len)
    return best if len(best.strip()) >= 2 else ""


def _gate_word(literal: str) -> str:
    """A whole word the text must contain for the literal to be there ("" when unsure)."""
    if not literal[:1].isalpha() or any(ord(c) > 0x24F for c in literal):
        return ""
    key, whole = _phrase_key(literal)
    return key if whole and len(key) >= 3 else ""


def _owners(
    issues: Sequence[IssueRule], signals: Mapping[str, PhraseSet]
) -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = {}
    for rule in issues:
        for p in rule.phrases.plain:
            owners.setdefault(p, []).append(f"iss:{rule.id}")
    for name, ps in signals.items():
        for p in ps.plain:
            owners.setdefault(p, []).append(f"sig:{name}")
    return {p: tuple(dict.fromkeys(o)) for p, o in owners.items()}


class Hits:
    """Which rules a text touched: owner -> [(phrase, position)] (position -1: not computed)."""

    __slots__ = ("by_owner", "text")

    def __init__(self, text: Matched, rules: Rules) -> None:
        self.text = text
        by_owner: dict[str, list[tuple[str, int]]] = {}
        for phrase in text.found:
            for owner in rules.owners.get(phrase, ()):
                by_owner.setdefault(owner, []).append((phrase, -1))
        low = text.low
        tokens = text.tokens
        for owner, key, gate, rx in rules.owned_regexes:
            if (not key or key in tokens) and gate in low:
                m = rx.search(low)
                if m is not None:
                    by_owner.setdefault(owner, []).append((rx.pattern, m.start()))
        self.by_owner = by_owner

    def signal(self, name: str) -> list[str]:
        return [p for p, _ in self.by_owner.get(f"sig:{name}", ())]

    def issue_score(
        self, rule: IssueRule, early: int, containers: Mapping[str, tuple[str, ...]]
    ) -> int:
        total = 0
        low = self.text.low
        found = self.text.found
        for phrase, pos in self.by_owner.get(f"iss:{rule.id}", ()):
            if pos >= 0:  # a regex match
                total += 1 + (1 if pos < early else 0)
                continue
            count = low.count(phrase)
            for q in containers.get(phrase, ()):
                if q in found:
                    count -= low.count(q)
            if count > 0:
                total += min(count, 3) + (1 if low.find(phrase) < early else 0)
        return total

    def issue_hits(self, rule: IssueRule) -> int:
        return len(self.by_owner.get(f"iss:{rule.id}", ()))


def _containers(issues: Sequence[IssueRule]) -> dict[str, tuple[str, ...]]:
    """For each issue phrase, the longer phrases of other issue types that contain it."""
    owner: dict[str, set[str]] = {}
    for rule in issues:
        for p in rule.phrases.plain:
            owner.setdefault(p, set()).add(rule.issue_type)
    out: dict[str, tuple[str, ...]] = {}
    for p, types in owner.items():
        longer = tuple(q for q, qt in owner.items() if len(q) > len(p) and p in q and qt - types)
        if longer:
            out[p] = longer
    return out


def _invert(stopwords: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, words in stopwords.items():
        for word in words:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def _stems(words: Iterable[str]) -> tuple[str, ...]:
    """The words none of which contains another: finding these finds every word."""
    ordered = sorted(set(words), key=len)
    stems: list[str] = []
    for word in ordered:
        if not any(stem in word for stem in stems):
            stems.append(word)
    return tuple(stems)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered) or "(?!x)x"


def _fill(pattern: str, num: str, unit: str) -> str:
    return pattern.replace("{num}", f"(?:{num})").replace("{unit}", f"(?:{unit})")


@dataclass(frozen=True)
class Gated:
    """A deadline pattern prepared for speed.

    A leading word boundary is checked by hand (so the regex engine can jump straight to the
    literal the pattern starts with), patterns that start with the number are only tried
    where a number starts, and `gate` is a literal any match must contain.
    """

    gate: str
    rx: re.Pattern[str]
    at_number: bool
    boundary: bool

    def finditer(
        self, low: str, lo: int, hi: int, numbers: Sequence[int]
    ) -> Iterable[re.Match[str]]:
        if self.gate and self.gate not in low[lo:hi]:
            return
        if self.at_number:
            for start in numbers:
                m = self.rx.match(low, start, hi)
                if m is not None:
                    yield m
            return
        for m in self.rx.finditer(low, lo, hi):
            if not self.boundary or m.start() == 0 or not low[m.start() - 1].isalnum():
                yield m


def _gated(patterns: Sequence[str], num: str, unit: str) -> tuple[Gated, ...]:
    out: list[Gated] = []
    for pattern in patterns:
        boundary = pattern.startswith("\\b")
        body = pattern[2:] if boundary else pattern
        at_number = body.startswith(("(?P<n>{num})", "{num}"))
        gate = required_literal(body.replace("{num}", "(").replace("{unit}", "("))
        out.append(Gated(gate, re.compile(_fill(body, num, unit)), at_number, boundary))
    return tuple(out)


def _absolute_regex(months: str) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\d.])(?:"
        rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.? (?:de )?(?P<mon1>{months})\.?,? (?:de |del )?(?P<y1>\d{{4}})"
        rf"|(?P<mon2>{months})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y2>\d{{4}})"
        r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})"
        r"|(?P<y4>\d{4}) ?年 ?(?P<m4>\d{1,2}) ?月 ?(?P<d4>\d{1,2}) ?日"
        r"|(?P<y5>\d{4})-(?P<m5>\d{2})-(?P<d5>\d{2})(?:[t ](?P<hh5>\d{2}):(?P<mi5>\d{2})"
        r"(?::(?P<ss5>\d{2})(?:\.\d+)?)? ?(?P<tz5>z|utc|gmt|[+-]\d{2}:?\d{2})?)?"
        r"|(?P<a6>\d{1,2})/(?P<b6>\d{1,2})/(?P<y6>\d{4})"
        r"|(?P<y7>\d{4})/(?P<m7>\d{1,2})/(?P<d7>\d{1,2})"
        r")(?![\d])"
    )


def _prefilter_words(
    issues: Sequence[IssueRule], signals: Mapping[str, PhraseSet]
) -> tuple[str, ...]:
    words: set[str] = set(signals["prefilter"].plain)
    for name in ("notice_subject", "account_deactivated", "account_at_risk", "listing_removed"):
        words.update(signals[name].plain)
    for rule in issues:
        words.update(rule.phrases.plain)
    # A set of short words would be faster, but phrases keep the filter honest for every language.
    return tuple(sorted(words, key=len))


# ---------------------------------------------------------------- text helpers

_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_QUOTE_PAIRS = (
    ("’", "'"),
    ("‘", "'"),
    ("´", "'"),
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("\u00ad", ""),
)


def _norm(text: str) -> str:
    """Lower-case, whitespace collapsed, typographic quotes plain, full-width forms folded."""
    if _FULLWIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    for fancy, plain in _QUOTE_PAIRS:
        if fancy in text:
            text = text.replace(fancy, plain)
    return " ".join(text.lower().split())


_FWD_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:fwd?|fw|wg|tr|rv|i|enc|vs|doorst|转发|転送)\s*[:：]", re.I
)
_FWD_MARKER = re.compile(
    r"^[>\s]*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|"
    r"ursprüngliche nachricht|message transféré|message d'origine|messaggio inoltrato|"
    r"messaggio originale|mensaje reenviado|mensaje original|転送されたメッセージ|元のメッセージ)\s*-*"
    r"|begin forwarded message:|anfang der weitergeleiteten nachricht:|début du message réexpédié"
    r"|inizio messaggio inoltrato:|inicio del mensaje reenviado:)",
    re.I | re.M,
)
_FWD_HEADER = re.compile(
    r"^[>\s*]*(?P<label>from|von|de|da|差出人|送信者|sent|gesendet|envoyé|inviato|enviado|date|"
    r"datum|data|fecha|日付|送信日時|enviado el|envoyé le|subject|betreff|objet|oggetto|asunto|件名|to|an|à|a|para|宛先|cc)"
    r"\s*\**\s*[:：]\s*\**\s*(?P<value>[^\n]*)$",
    re.I | re.M,
)
# Cheap test before the multi-line patterns: a line that could start a forwarded block.
_FWD_GATE = re.compile(
    r"(?:\n|^)[>\s*]*(?:from|von|de|da|差出人|送信者|-{2,}|begin forwarded|anfang der|début du"
    r"|inizio messaggio|inicio del)",
    re.I,
)
_FROM_LABELS = frozenset({"from", "von", "de", "da", "差出人", "送信者"})
_DATE_LABELS = frozenset(
    {
        "sent",
        "gesendet",
        "envoyé",
        "inviato",
        "enviado",
        "date",
        "datum",
        "data",
        "fecha",
        "日付",
        "送信日時",
        "enviado el",
        "envoyé le",
    }
)
_SUBJECT_LABELS = frozenset({"subject", "betreff", "objet", "oggetto", "asunto", "件名"})
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@([\w-]+(?:\.[\w-]+)+)")
_TIME = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})[:h.](?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|午前|午後)?"
    r"(?:\s*(?:(?:gmt|utc)\s*)?(?P<tz>[+-]\d{1,2}(?::?\d{2})?)"
    r"|\s*(?P<tzname>pst|pdt|est|edt|cst|cdt|mst|mdt|gmt|utc|bst|cet|cest|jst|ist|aest|aedt)\b)?",
    re.I,
)
_ZONE_NAMES = {
    "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5, "est": -5, "edt": -4,
    "gmt": 0, "utc": 0, "bst": 1, "cet": 1, "cest": 2, "ist": 5.5, "jst": 9, "aest": 10, "aedt": 11,
}  # fmt: skip
_ASIN_B0 = re.compile(r"B0[A-Z0-9]{8}(?![A-Za-z0-9])")
_ASIN_LABEL = re.compile(r"ASINs?(?:\s*\(s\))?(?:\s*[:：#=\-–]\s*|\s+)", re.I)
_ASIN_TOKEN = re.compile(r"([A-Za-z0-9]{10})(?![A-Za-z0-9])[\s,;、/|]*")
_ASIN_URL = re.compile(
    r"(?:/dp/|/gp/product/|/gp/aw/d/|/product/|[?&]asin=)([A-Za-z0-9]{10})(?![A-Za-z0-9])", re.I
)
_ISBN_ASIN = re.compile(r"\d{9}[\dX]")
_ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}(?![\d-])")
_SKU = re.compile(r"\b(?:seller[ -])?sku(?:\s*\(s\))?\s*[:：]\s*([^\s,;|]+)", re.I)
_TAGS = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.I | re.S)
_KANA = re.compile(r"[\u3040-\u30ff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])(\d{1,4}(?:[.,]\d{1,3})?)(?!\d)(\s?%)?")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。;\n]")
_STORE = re.compile(r"amazon\.(com\.au|com\.mx|com\.br|co\.uk|co\.jp|com|de|fr|it|es|ca|in|nl)\b")
_DIGITS = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
_WORDS = re.compile(r"[^\W\d_]{3,12}")
_YEAR = re.compile(r"20\d\d(?!\d)")
_AUTH = re.compile(r"\b(dkim|spf|dmarc)\s*=\s*([a-z]+)\b([^;]*)")
_AUTH_DOMAIN = re.compile(
    r"\b(?:header\.d|header\.from|smtp\.mailfrom|header\.i|smtp\.from)\s*=\s*(?:[^\s;@]*@)?([\w.-]+)"
)


# ---------------------------------------------------------------- pre-filter


def might_be_notice(sender: str, sender_name: str, subject: str, rules: Rules) -> bool:
    """Header-only pre-filter: False only when the mail certainly is no notice.

    Takes decoded header values; RFC 2047 encoded words are decoded here if they slipped through.
    """
    if "=?" in subject or "=?" in sender_name:
        subject, sender_name = decode_header_value(subject), decode_header_value(sender_name)
    domain = sender.rpartition("@")[2].lower().strip(" >")
    if _is_amazon_domain(domain, rules):
        # Amazon's own order and payout mail is most of what it sends and never a notice;
        # its body is not worth downloading. Anything else from Amazon is.
        return not _contains_any(_norm(subject), _word_index(rules.transactional_subjects))
    if _is_lookalike(domain, rules):
        return True
    name = _norm(sender_name)
    if any(word in name for word in rules.display_names) or any(
        w in name for w in rules.lookalike_words
    ):
        return True
    if _FWD_SUBJECT.match(subject):
        return True
    return _contains_any(_norm(subject), _word_index(rules.prefilter_words))


# ---------------------------------------------------------------- classify


@dataclass
class _Forward:
    sender: str = ""
    sender_name: str = ""
    date_at: datetime | None = None
    subject: str = ""
    text_start: int = 0  # where the forwarded block starts in the text


def classify(email: ParsedEmail, rules: Rules) -> Classification:
    """Read one parsed email; see the module docstring of severity.py for the severity rules."""
    if not _mentions_amazon(email, rules):
        # Neither a notice nor an imitation of one can avoid naming Amazon somewhere; most
        # mail a seller gets is settled here, without the full reading below.
        low = _norm(
            email.subject + " \n " + (email.text or html_to_text(email.html[:20000]))[:6000]
        )
        return Classification(
            is_notice=False, language=_language(low, rules), reasons=("does not mention Amazon",)
        )
    reasons: list[str] = []
    text = email.text[:MAX_CLASSIFY_CHARS]
    html_text = ""
    if email.html and len(text.strip()) < 200:
        # the plain part is a stub ("view this mail in a browser"): read the HTML instead
        html_text = html_to_text(email.html[:MAX_CLASSIFY_CHARS])
        if len(html_text.strip()) > len(text.strip()):
            text = html_text
        else:
            html_text = ""
    subject = email.subject
    forwarded = bool(_FWD_SUBJECT.match(subject))
    fwd = _find_forward(text, email, rules)
    if fwd is not None:
        forwarded = True

    # The part of the mail that is the notice: the forwarded block when there is one.
    body = text[fwd.text_start :] if fwd is not None else text
    notice_subject = fwd.subject if fwd is not None and fwd.subject else subject
    markup = email.html
    if fwd is not None and markup:
        markup = _forwarded_html(markup, fwd)
    low_body = _norm(body)
    low_subject = _norm(notice_subject)
    low_all = low_subject + " \n " + low_body
    subj_m = rules.index.match(low_subject)
    body_m = rules.index.match(low_body)
    subj_h = Hits(subj_m, rules)
    body_h = Hits(body_m, rules)

    # Sender: the original notice's sender when forwarded.
    origin = fwd.sender if fwd is not None and fwd.sender else email.sender
    origin_domain = _domain(origin)
    amazon_origin = _is_amazon_domain(origin_domain, rules)
    if amazon_origin:
        reasons.append(
            f"sender {origin_domain}" + (" (forwarded original)" if fwd and fwd.sender else "")
        )

    # Evidence the mail is a notice.
    issue_scores, issue_rules = _score_issues(subj_h, body_h, rules)

    def both(name: str) -> list[str]:
        key = f"sig:{name}"
        if key not in subj_h.by_owner and key not in body_h.by_owner:
            return []
        return list(dict.fromkeys(subj_h.signal(name) + body_h.signal(name)))

    flags = {name: bool(both(name)) for name in _FLAG_SIGNALS}
    headings = both("notice_headings")
    structure = both("notice_structure")
    subject_notice = bool(subj_h.signal("notice_subject"))
    subject_issue = any(o.startswith("iss:") for o in subj_h.by_owner)
    non_subject = subj_h.signal("non_notice_subject")
    non_body = body_h.signal("non_notice_body")
    best_issue = max(issue_scores.values(), default=0)
    action = any(
        flags[k]
        for k in (
            "account_deactivated",
            "account_at_risk",
            "account_reinstated",
            "account_review",
            "verification",
            "listing_removed",
            "listing_reinstated",
        )
    )
    evidence = (
        best_issue
        + 3 * min(len(headings), 2)
        + min(len(structure), 3)
        + (4 if action else 0)
        + (3 if subject_notice else 0)
    )
    ordinary = 6 * len(non_subject) + len(non_body)
    strong = bool(headings) or action or subject_notice or subject_issue
    if structure and best_issue >= 2 and not non_subject:
        strong = True  # older prose notices: a cause and the Seller Performance signature
    if non_subject and not (headings or action):
        # "Live webinar: keep your account healthy": ordinary mail about notices
        strong = False
    looks_like_notice = strong and (evidence >= 4 or bool(headings)) and evidence > ordinary

    # Phishing.
    phishing = _phishing(
        email,
        rules,
        body,
        markup,
        fwd,
        forwarded,
        origin_domain,
        amazon_origin,
        looks_like_notice,
        both("phishing_tells"),
    )
    language = _language(low_subject + " " + low_body[:6000], rules)
    links = extract_links(body, markup) if fwd is not None else links_of(email)
    marketplace = (
        _marketplace(origin_domain, low_subject, low_body, links, language, rules)
        if amazon_origin
        else None
    )
    market = rules.markets.get(marketplace or "")
    asins = _asins(notice_subject, body, markup, html_text, links)
    skus: tuple[str, ...] = ()
    if "sku" in low_body:
        skus = tuple(sorted(dict.fromkeys(m.group(1).strip(".") for m in _SKU.finditer(body))))
    order_ids = tuple(
        sorted(
            {
                m.group(0)
                for m in _ORDER_ID.finditer(body)
                if body[m.start() - 1 : m.start()] not in "-"
            }
        )
    )

    if phishing:
        # Nothing a phishing mail says is reported as fact: only the warning and why.
        return Classification(
            is_notice=False,
            language=language,
            suspected_phishing=True,
            reasons=tuple(reasons + phishing),
        )

    notice_origin = amazon_origin or (forwarded and not _fwd_sender_known(fwd))
    if not (notice_origin and looks_like_notice):
        if not amazon_origin and not forwarded:
            reasons.append(f"sender {origin_domain or 'unknown'} is not Amazon")
        elif non_subject or non_body:
            reasons.append("ordinary mail: " + ", ".join((non_subject + non_body)[:3]))
        else:
            reasons.append("no notice wording")
        # Ordinary mail: ASINs of a "Sold, ship now" mail are no compliance subject.
        return Classification(
            is_notice=False,
            skus=skus,
            order_ids=order_ids,
            marketplace=marketplace,
            language=language,
            reasons=tuple(reasons),
        )

    # It is a notice: what about, how urgent, by when.
    if subject_issue or subject_notice:
        reasons.append(f"subject: {notice_subject[:80]}")
    reasons.extend(f"heading: {h}" for h in (headings + structure)[:2])
    base = fwd.date_at if fwd is not None and fwd.date_at is not None else email.date_at
    zone = market.zone if market is not None else UTC
    deadline, deadline_reason = _deadline(
        low_subject + " . " + low_body, base, zone, market, rules, subj_m.tokens | body_m.tokens
    )
    if deadline_reason:
        reasons.append(deadline_reason)
    metrics = _metrics(body_m, rules)
    for key, value in metrics.items():
        reasons.append(f"metric: {key} {value:g}")

    issue_type, category, why = _issue_and_category(
        issue_scores, issue_rules, flags, rules, low_all
    )
    reasons.extend(why)
    unrecognised = category is None
    if unrecognised:
        reasons.append("unrecognised: Amazon notice wording but no known category")
        severity = "low"
        issue_type = "other"
    else:
        # A metric notice to an active account says the metric misses its target.
        metric_above = not flags["account_deactivated"] and issue_type in _METRIC_ISSUES
        severity, sev_reason = decide_severity(
            SeverityFacts(
                account_deactivated=flags["account_deactivated"]
                and not flags["account_reinstated"],
                account_reinstated=flags["account_reinstated"],
                account_at_risk=flags["account_at_risk"],
                account_review=flags["account_review"] or flags["verification"],
                metric_above_target=metric_above,
                listing_removed=flags["listing_removed"] and not flags["listing_active"],
                listing_reinstated=flags["listing_reinstated"],
                consequence=flags["consequence"],
                deadline_at=deadline,
                email_at=base,
            )
        )
        reasons.append(f"severity: {sev_reason}")
    return Classification(
        is_notice=True,
        category=category,
        issue_type=issue_type,
        asins=asins,
        skus=skus,
        order_ids=order_ids,
        deadline_at=deadline,
        severity=severity,
        marketplace=marketplace,
        language=language,
        metrics=metrics,
        unrecognised=unrecognised,
        reasons=tuple(dict.fromkeys(reasons)),
    )


_FLAG_SIGNALS = (
    "account_deactivated",
    "account_at_risk",
    "account_review",
    "verification",
    "listing_active",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "warning",
    "consequence",
    "plan_of_action",
)
_METRIC_ISSUES = frozenset(
    {
        "order_defect_rate",
        "late_shipment_rate",
        "cancellation_rate",
        "valid_tracking_rate",
        "on_time_delivery_rate",
    }
)


def _fwd_sender_known(fwd: _Forward | None) -> bool:
    return fwd is not None and bool(fwd.sender)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().strip(">").lower()


def _host_in(host: str, domains: Iterable[str]) -> bool:
    """host is one of domains or a subdomain of one: a set lookup per suffix of host."""
    wanted = domains if isinstance(domains, frozenset) else _domain_set(tuple(domains))
    labels = host.split(".")
    return any(".".join(labels[i:]) in wanted for i in range(len(labels)))


@functools.lru_cache(maxsize=32)
def _domain_set(domains: tuple[str, ...]) -> frozenset[str]:
    return frozenset(domains)


def _is_amazon_domain(domain: str, rules: Rules) -> bool:
    return bool(domain) and _host_in(domain, rules.genuine_domains)


def _is_lookalike(domain: str, rules: Rules) -> bool:
    return (
        bool(domain)
        and not _is_amazon_domain(domain, rules)
        and any(w in domain for w in rules.lookalike_words)
    )


def _strip_tags(markup: str) -> str:
    return htmllib.unescape(_TAGS.sub(" ", markup[:MAX_CLASSIFY_CHARS]))


# ---------------------------------------------------------------- forwarded mail


def _find_forward(text: str, email: ParsedEmail, rules: Rules) -> _Forward | None:
    """The forwarded original inside a mail: its sender, date, subject and where it starts."""
    if not _FWD_GATE.search(text):
        return None
    marker = None
    for found in _FWD_MARKER.finditer(text):
        marker = found
    groups: list[list[re.Match[str]]] = []
    for m in _FWD_HEADER.finditer(text):
        if groups:
            gap = text[groups[-1][-1].end() : m.start()]
            if gap.count("\n") <= 1 and not gap.strip(" \t\r\n>*"):
                groups[-1].append(m)
                continue
        groups.append([m])
    blocks: list[_Forward] = []
    for group in groups:
        labels = [m.group("label").lower() for m in group]
        from_at = next((i for i, label in enumerate(labels) if label in _FROM_LABELS), None)
        if from_at is None:
            continue
        near_marker = marker is not None and 0 <= group[0].start() - marker.end() < 300
        if not near_marker and not any(label in _DATE_LABELS for label in labels):
            continue
        value = group[from_at].group("value")
        fwd = _Forward(text_start=marker.start() if near_marker and marker else group[0].start())
        fwd.sender = _first_address(value)
        fwd.sender_name = value.split("<", 1)[0].split("[mailto:", 1)[0].strip(" \t\"'*")
        for m, label in zip(group, labels, strict=True):
            if label in _DATE_LABELS and fwd.date_at is None:
                fwd.date_at = _loose_date(m.group("value"), email, rules)
            elif label in _SUBJECT_LABELS and not fwd.subject:
                fwd.subject = m.group("value").strip()
        blocks.append(fwd)
    if blocks:
        amazon_blocks = [b for b in blocks if _is_amazon_domain(_domain(b.sender), rules)]
        return amazon_blocks[-1] if amazon_blocks else blocks[-1]
    if marker is not None:
        return _Forward(text_start=marker.start())
    return None


def _first_address(value: str) -> str:
    m = _EMAIL.search(value)
    return m.group(0).lower() if m else ""


def _forwarded_html(markup: str, fwd: _Forward) -> str:
    """The HTML from the forwarded block on (colleagues' signatures stay out of link checks)."""
    low = markup.lower()
    pos = -1
    for needle in (
        "forwarded message",
        "original message",
        "weitergeleitete nachricht",
        "message transféré",
    ):
        pos = low.find(needle)
        if pos >= 0:
            break
    if pos < 0 and fwd.sender:
        pos = low.find(fwd.sender)
    return markup[max(pos - 200, 0) :] if pos >= 0 else markup


def _outer_zone(email: ParsedEmail) -> tzinfo:
    raw = (email.headers.get("date") or [""])[0]
    try:
        parsed = parsedate_tz(raw)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed and parsed[9] is not None:
        return timezone(timedelta(seconds=parsed[9]))
    return UTC


def _loose_date(value: str, email: ParsedEmail, rules: Rules) -> datetime | None:
    """A forwarded block's date, in whatever format the forwarding client wrote it."""
    value = value.strip()
    try:
        parsed = parsedate_to_datetime(value)
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        pass
    low = _norm(value)
    m = rules.absolute.search(low)
    if m is None:
        return None
    day = _date_from_match(m, rules, us_dates=True)
    if day is None:
        return None
    year, month, dom, exact = day
    if exact is not None:
        return exact
    hour = minute = second = 0
    zone: tzinfo = _outer_zone(email)
    t = _TIME.search(low, m.end())
    if t is not None:
        hour, minute, second = int(t.group("h")), int(t.group("m")), int(t.group("s") or 0)
        ampm = (t.group("ampm") or "").replace(".", "")
        if ampm in ("pm", "午後") and hour < 12:
            hour += 12
        elif ampm in ("am", "午前") and hour == 12:
            hour = 0
        if t.group("tz"):
            zone = _offset_zone(t.group("tz")) or zone
        elif t.group("tzname"):
            zone = timezone(timedelta(hours=_ZONE_NAMES[t.group("tzname").lower()]))
    try:
        return datetime(year, month, dom, hour, minute, second, tzinfo=zone).astimezone(UTC)
    except ValueError:
        return None


def _offset_zone(raw: str) -> tzinfo | None:
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", raw.strip())
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if m.group(1) == "-" else minutes))


# ---------------------------------------------------------------- issue and category


def _score_issues(
    subject: Hits, body: Hits, rules: Rules
) -> tuple[dict[str, int], dict[str, IssueRule]]:
    scores: dict[str, int] = {}
    rule_for: dict[str, IssueRule] = {}
    for rule in rules.issues:
        score = _SUBJECT_WEIGHT * subject.issue_hits(rule) + body.issue_score(
            rule, _EARLY_CHARS, rules.containers
        )
        if score:
            scores[rule.issue_type] = scores.get(rule.issue_type, 0) + score
            rule_for.setdefault(rule.issue_type, rule)
    return scores, rule_for


def _issue_and_category(
    scores: dict[str, int],
    rule_for: dict[str, IssueRule],
    flags: dict[str, bool],
    rules: Rules,
    low_all: str,
) -> tuple[str | None, str | None, list[str]]:
    why: list[str] = []
    issue: str | None = None
    rule: IssueRule | None = None
    if scores:
        # A more specific issue (trademark) absorbs the score of the one it refines (IP).
        totals = dict(scores)
        for child, r in rule_for.items():
            if r.refines in totals and child in scores:
                totals[child] = scores[child] + scores[r.refines]
        issue = max(totals, key=lambda k: (totals[k], 1 if rule_for[k].refines else 0))
        rule = rule_for[issue]
        why.append(f"issue: {issue} (score {totals[issue]})")
    deactivated = flags["account_deactivated"] and not flags["account_reinstated"]
    category: str | None
    if flags["account_reinstated"]:
        category = "account_status"
        issue = issue or "account_reinstated"
        why.append("account reinstated")
    elif deactivated:
        category = "account_status"
        issue = issue or ("verification_required" if flags["verification"] else "account_suspended")
        why.append("account deactivated")
    elif (flags["account_review"] or flags["verification"]) and (
        rule is None or rule.category == "account_status"
    ):
        category = "account_status"
        issue = issue or "verification_required"
        why.append("account under review / verification")
    elif flags["account_at_risk"] and (
        rule is None or rule.category in ("account_health", "policy_violation")
    ):
        category = "account_health"
        issue = issue or "account_at_risk"
        why.append("account at risk")
    elif rule is not None:
        category = rule.category
        if flags["plan_of_action"] and rule.plan_category != rule.category:
            category = rule.plan_category
            why.append("plan of action demanded")
    elif flags["listing_removed"] or flags["listing_reinstated"]:
        category, issue = "policy_violation", "other"
        why.append("listing action, cause not stated")
    elif flags["account_review"] or flags["verification"]:
        category, issue = "account_status", "verification_required"
    else:
        category = None
    return issue, category, why


# ---------------------------------------------------------------- phishing


def _phishing(
    email: ParsedEmail,
    rules: Rules,
    body: str,
    markup: str,
    fwd: _Forward | None,
    forwarded: bool,
    origin_domain: str,
    amazon_origin: bool,
    looks_like_notice: bool,
    tells: list[str],
) -> list[str]:
    """Reasons to believe the mail imitates Amazon; empty when there are none.

    Body text cannot tell: phishing copies genuine templates word for word. What counts is who
    sent it (domain, display name, authentication results) and where its links lead.
    """
    strong: list[str] = []
    outer_domain = _domain(email.sender)
    origin_name = fwd.sender_name if fwd is not None and fwd.sender else email.sender_name
    name_claims = any(w in _norm(origin_name) for w in rules.display_names)
    if _is_lookalike(origin_domain, rules):
        strong.append(f"phishing: look-alike sender domain {origin_domain}")
    elif origin_domain and not amazon_origin and name_claims:
        strong.append(f"phishing: display name '{origin_name}' but sender domain {origin_domain}")
    if not forwarded and _is_amazon_domain(outer_domain, rules):
        strong.extend(_auth_failures(email, outer_domain, rules))
    claims_amazon = amazon_origin or name_claims or bool(strong)
    links = extract_links(body, markup) if fwd is not None else links_of(email)
    flagged = 0
    for url in links:
        host = _url_host(url)
        if not host or _host_in(host, rules.genuine_domains) or _host_in(host, rules.link_domains):
            continue
        if any(w in host for w in rules.lookalike_words):
            strong.append(f"phishing: link host {host}")
        elif _IP_HOST.fullmatch(host):
            strong.append(f"phishing: link to bare IP address {host}")
        elif _host_in(host, rules.shortener_domains) and claims_amazon:
            strong.append(f"phishing: link hidden behind the shortener {host}")
        elif (
            claims_amazon
            and (looks_like_notice or name_claims)
            and not _host_in(host, rules.safe_link_domains)
        ):
            path = url.lower().split(host, 1)[-1]
            if any(w in path for w in rules.login_link_words):
                strong.append(f"phishing: link host {host} is outside Amazon")
            else:
                tells = [*tells, f"link host {host} is outside Amazon"]
                continue
        else:
            continue
        flagged += 1
        if flagged >= 3:
            break
    supporting = [f"phishing tell: {t[:60]}" for t in tells]
    if strong:
        return strong + supporting
    if claims_amazon and looks_like_notice and len(tells) >= 2:
        return supporting
    return []


_IP_HOST = re.compile(r"[\d.]+|\[[0-9a-f:.]+\]|[0-9a-f:]+:[0-9a-f:]*")


def _url_host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def _auth_failures(email: ParsedEmail, claimed: str, rules: Rules) -> list[str]:
    found: list[str] = []
    for name in ("authentication-results", "arc-authentication-results"):
        for value in email.headers.get(name, []):
            for m in _AUTH.finditer(value.lower()):
                method, result, props = m.group(1), m.group(2), m.group(3)
                if result not in ("fail", "softfail", "permerror") or (
                    method != "spf" and result == "softfail"
                ):
                    continue
                dm = _AUTH_DOMAIN.search(props)
                domain = dm.group(1) if dm else claimed
                if _is_amazon_domain(domain, rules) or domain == claimed:
                    found.append(f"phishing: {method}={result} for {domain}")
    return found


# ---------------------------------------------------------------- language and marketplace


def _mentions_amazon(email: ParsedEmail, rules: Rules) -> bool:
    """Whether the mail names Amazon, a look-alike of it, or its seller words anywhere."""
    if might_be_notice(email.sender, email.sender_name, email.subject, rules):
        return True
    # Notices and their imitations name Amazon early; the first 64 KB of each part will do.
    haystack = (email.text[:65536] + " " + email.html[:65536]).lower()
    return any(word in haystack for word in _mention_words(rules))


# Short stems that every spelling of Amazon and its seller words contains: a few substring
# scans instead of one per look-alike word (most mail is settled by this gate).
_AMAZON_STEMS = ("amaz", "amzn", "amzon", "arnaz", "アマゾン", "seller")


@functools.lru_cache(maxsize=8)
def _word_index(words: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Words by their first three characters (so a subject is scanned once, not once per
    word), and the shorter words, checked as they are."""
    index: dict[str, list[str]] = {}
    for word in set(words):
        if len(word) >= 3:
            index.setdefault(word[:3], []).append(word)
    short = tuple(w for w in set(words) if 0 < len(w) < 3)
    return {k: tuple(v) for k, v in index.items()}, short


def _contains_any(text: str, index: tuple[dict[str, tuple[str, ...]], tuple[str, ...]]) -> bool:
    by_start, short = index
    if any(word in text for word in short):
        return True
    for i in range(len(text) - 2):
        for word in by_start.get(text[i : i + 3], ()):
            if text.startswith(word, i):
                return True
    return False


def _mention_words(rules: Rules) -> tuple[str, ...]:
    return _with_stems(tuple(rules.lookalike_words))


@functools.lru_cache(maxsize=8)
def _with_stems(lookalikes: tuple[str, ...]) -> tuple[str, ...]:
    # A user's look-alike word without a known stem is scanned for as it is.
    extra = [w for w in lookalikes if not any(s in w for s in _AMAZON_STEMS)]
    return (*_AMAZON_STEMS, *extra)


def _language(low: str, rules: Rules) -> str:
    sample = low[:1500]
    if _KANA.search(sample) and len(_KANA.findall(sample)) >= 5:
        return "ja"
    counts = Counter(_PUNCT_RE.sub(" ", sample).split())
    present = counts.keys()
    scores = {
        code: sum(counts[w] for w in words & present) for code, words in rules.stopwords.items()
    }
    best = max(scores, key=lambda c: (scores[c], c == "en"), default="en")
    return best if scores.get(best) else "en"


def _store_mentions(low: str) -> set[str]:
    found: set[str] = set()
    pos = low.find("amazon.")
    while pos >= 0:
        m = _STORE.match(low, pos)
        if m is not None and (pos == 0 or not low[pos - 1].isalnum()):
            found.add(m.group(1))
        pos = low.find("amazon.", pos + 7)
    return found


def _marketplace(
    origin_domain: str,
    low_subject: str,
    low_body: str,
    links: Sequence[str],
    language: str,
    rules: Rules,
) -> str | None:
    score: dict[str, int] = {}

    def add(domain: str, points: int) -> None:
        if domain in rules.markets:
            score[domain] = score.get(domain, 0) + points

    for domain in rules.markets:
        if origin_domain == domain or origin_domain.endswith("." + domain):
            add(domain, 5)
    for m in _store_mentions(low_subject):
        add("amazon." + m, 4)
    for m in _store_mentions(low_body[:20000]):
        add("amazon." + m, 2)
    for url in links[:200]:
        host = _url_host(url)
        if host.startswith("sellercentral.") or host.startswith("sellercentral-"):
            for domain in rules.markets:
                if host.endswith("." + domain) and not host.startswith("sellercentral-europe"):
                    add(domain, 3)
    sample = low_body[:20000]
    for domain, market in rules.markets.items():
        if any(c in sample for c in market.currencies):
            add(domain, 2)
        if language in market.languages and language != "en":
            add(domain, 3)
    if not score:
        return None
    return max(score, key=lambda d: (score[d], d == "amazon.com"))


# ---------------------------------------------------------------- ASINs


def _asins(
    subject: str, body: str, markup: str, html_text: str, links: Sequence[str]
) -> tuple[str, ...]:
    found: set[str] = set()
    for source in (subject, body, markup):
        if source and "B0" in source:
            for m in _ASIN_B0.finditer(source):
                if (
                    m.start() == 0
                    or not source[m.start() - 1].isascii()
                    or not source[m.start() - 1].isalnum()
                ):
                    _add_asin(found, m.group(0))
    # ISBN-10 style ASINs count only right after an "ASIN" label.
    labelled = [s for s in (subject, body, html_text) if s and "asin" in s.lower()]
    if markup and not html_text and "asin" in markup.lower() and _ISBN_ASIN.search(markup):
        labelled.append(_strip_tags(markup))
    for source in labelled:
        for at in _positions(source, "asin"):
            label = _ASIN_LABEL.match(source, at)
            if label is None or (at and source[at - 1].isalpha()):
                continue
            pos = label.end()
            for _ in range(200):
                tok = _ASIN_TOKEN.match(source, pos)
                if tok is None:
                    break
                value = tok.group(1)
                if _ISBN_ASIN.fullmatch(value) or value.startswith("B0"):
                    _add_asin(found, value)
                elif not value.isupper():
                    break
                pos = tok.end()
    for url in links:
        if "/dp/" in url or "/product/" in url or "/d/" in url or "asin=" in url.lower():
            for m in _ASIN_URL.finditer(url):
                value = m.group(1).upper()
                if value.startswith("B0") or _ISBN_ASIN.fullmatch(value):
                    _add_asin(found, value)
    return tuple(sorted(found))


def _positions(source: str, needle: str) -> list[int]:
    """Case-insensitive positions of an ASCII needle, without a regex scan when possible."""
    lowered = source.lower()
    if len(lowered) != len(source):
        return [m.start() for m in re.finditer(re.escape(needle), source, re.I)]
    found: list[int] = []
    at = lowered.find(needle)
    while at >= 0:
        found.append(at)
        at = lowered.find(needle, at + len(needle))
    return found


def _add_asin(found: set[str], value: str) -> None:
    if len(value) != 10 or "XXXX" in value or value.endswith("XXX") or "*" in value:
        return
    found.add(value)


# ---------------------------------------------------------------- deadlines


def _deadline(
    low: str,
    base: datetime | None,
    zone: tzinfo,
    market: Market | None,
    rules: Rules,
    tokens: frozenset[str] | None = None,
) -> tuple[datetime | None, str]:
    # Only look around numbers that sit next to a unit word (relative) or a year (absolute):
    # running the large combined patterns over the whole text would cost more than parsing.
    masks: set[tuple[int, int]] = set()

    def masked(pos: int) -> bool:
        lo, hi = max(0, pos - 120), min(len(low), pos + 60)
        numbers = _number_starts(low, lo, hi, rules)
        for pattern in rules.not_deadline:
            masks.update(m.span() for m in pattern.finditer(low, lo, hi, numbers))
        return any(a <= pos < b for a, b in masks)

    candidates: list[tuple[datetime, str]] = []
    relative: dict[tuple[int, int], re.Match[str]] = {}
    if base is not None:
        if tokens is None:
            tokens = frozenset(_PUNCT_RE.sub(" ", low).split())
        for pos in _unit_positions(low, tokens, rules):
            lo, hi = max(0, pos - 80), min(len(low), pos + 40)
            numbers = _number_starts(low, lo, hi, rules)
            for pattern in rules.relative:
                for m in pattern.finditer(low, lo, hi, numbers):
                    relative.setdefault(m.span(), m)
    for m in relative.values():
        n_raw, unit_raw = m.group("n"), m.group("unit")
        n_pos = m.start("n")
        if base is None or n_raw is None or unit_raw is None or masked(n_pos):
            continue
        n = int(n_raw) if n_raw.isdigit() else rules.number_words.get(n_raw, 0)
        unit = rules.units.get(unit_raw, "")
        if n <= 0 or not unit:
            continue
        delta = {
            "days": timedelta(days=n),
            "hours": timedelta(hours=n),
            "weeks": timedelta(weeks=n),
        }[unit]
        if delta > timedelta(days=400):
            continue
        candidates.append((base + delta, f"deadline: {m.group(0).strip()}"))
    absolute: dict[tuple[int, int], re.Match[str]] = {}
    for year_at in _YEAR.finditer(low):
        if year_at.start() and low[year_at.start() - 1].isdigit():
            continue
        lo, hi = max(0, year_at.start() - 40), min(len(low), year_at.end() + 40)
        for m in rules.absolute.finditer(low, lo, hi):
            absolute.setdefault(m.span(), m)
    for m in absolute.values():
        if masked(m.start()):
            continue
        before = low[max(0, m.start() - 40) : m.start()]
        if not rules.cue_before.search(before) and not rules.cue_after.match(low, m.end()):
            continue
        parsed = _date_from_match(m, rules, us_dates=market.us_dates if market else False)
        if parsed is None:
            continue
        year, month, day, exact = parsed
        if exact is not None:
            when = exact
        else:
            try:
                when = datetime(year, month, day, 23, 59, 59, tzinfo=zone).astimezone(UTC)
            except ValueError:
                continue
        if base is not None and when < base:
            continue
        candidates.append((when, f"deadline: {m.group(0).strip()}"))
    if not candidates:
        return None, ""
    when, why = min(candidates, key=lambda c: c[0])
    return when.astimezone(UTC), why


def _number_starts(low: str, lo: int, hi: int, rules: Rules) -> list[int]:
    """Where a count ("17", "seven", "sieben") starts between lo and hi."""
    starts = [m.start() for m in _DIGITS.finditer(low, lo, hi)]
    for word in _WORDS.finditer(low, lo, hi):
        if word.group(0) in rules.number_words:
            starts.append(word.start())
    return starts


def _unit_positions(low: str, tokens: frozenset[str], rules: Rules) -> list[int]:
    """Where a unit word ("days", "Stunden", "時間") follows a number: places worth a closer look."""
    present = [u for u in tokens & rules.unit_words]
    if rules.unit_stems and _CJK.search(low):
        present += [u for u in rules.unit_stems if u in low]
    positions: list[int] = []
    for word in present:
        start = low.find(word)
        while start >= 0:
            before = low[max(0, start - 24) : start]
            if any(c.isdigit() for c in before) or any(
                w in rules.number_words for w in before.split()[-3:]
            ):
                positions.append(start)
            start = low.find(word, start + len(word))
    return positions


def _date_from_match(
    m: re.Match[str], rules: Rules, us_dates: bool
) -> tuple[int, int, int, datetime | None] | None:
    g = m.groupdict()
    exact: datetime | None = None
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), rules.months[g["mon1"]], int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), rules.months[g["mon2"]], int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        elif g["y4"]:
            y, mo, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
        elif g["y5"]:
            y, mo, d = int(g["y5"]), int(g["m5"]), int(g["d5"])
            if g["hh5"]:
                tz_raw = g["tz5"] or ""
                zone: tzinfo | None = UTC if tz_raw in ("z", "utc", "gmt") else _offset_zone(tz_raw)
                if zone is not None:
                    exact = datetime(
                        y, mo, d, int(g["hh5"]), int(g["mi5"]), int(g["ss5"] or 0), tzinfo=zone
                    ).astimezone(UTC)
        elif g["y6"]:
            a, b = int(g["a6"]), int(g["b6"])
            mo, d = (a, b) if us_dates else (b, a)
            if mo > 12:
                mo, d = d, mo
            y = int(g["y6"])
        elif g["y7"]:
            y, mo, d = int(g["y7"]), int(g["m7"]), int(g["d7"])
        else:
            return None
        datetime(y, mo, d)
    except (KeyError, ValueError):
        return None
    if not 2000 <= y <= 2100:
        return None
    return y, mo, d, exact


# ---------------------------------------------------------------- metrics


def _value_beside_target(
    numbers: list[re.Match[str]], k: int, low: str, metric: MetricRule
) -> bool:
    """A table row "Home & Kitchen 88.6% 95%" under "Valid Tracking Rate  Target": the number
    right before the published target is the seller's value, even after the word "target"."""
    if metric.target is None or k + 1 >= len(numbers):
        return False
    nxt = numbers[k + 1]
    if low[numbers[k].end() : nxt.start()].strip():
        return False
    return float(nxt.group(1).replace(",", ".")) == metric.target


def _metrics(text: Matched, rules: Rules) -> dict[str, float]:
    low = text.low
    positions: list[tuple[int, int, MetricRule]] = []
    for metric in rules.metrics:
        for name in metric.names:
            if name not in text.found:
                continue
            start = low.find(name)
            while start >= 0:
                end = start + len(name)
                before = low[start - 1] if start else " "
                after = low[end] if end < len(low) else " "
                if not name.isascii() or not (before.isalnum() or after.isalnum()):
                    positions.append((start, end, metric))
                start = low.find(name, end)
    positions.sort(key=lambda p: p[0])
    found: dict[str, float] = {}
    for i, (_start, end, metric) in enumerate(positions):
        if metric.key in found:
            continue
        limit = min(len(low), end + 160)
        for later in positions[i + 1 :]:
            if later[0] >= end and later[2].key != metric.key:
                limit = min(limit, later[0])
                break
        stop = _SENTENCE_END.search(low, end, limit)
        if stop is not None:
            limit = stop.start()
        cursor = end
        numbers = list(_NUMBER.finditer(low, end, limit))
        for k, num in enumerate(numbers):
            gap = low[cursor : num.start()]
            cursor = num.end()
            if rules.target_words.search(gap) and not _value_beside_target(numbers, k, low, metric):
                continue
            after = low[num.end() : num.end() + 6]
            if metric.percent and not num.group(2):
                continue
            if not metric.percent and (
                num.group(2) or re.match(r"\s?(?:-?day|days|tage|jours|%)", after)
            ):
                continue
            value = float(num.group(1).replace(",", "."))
            if metric.percent and value > 100:
                continue
            found[metric.key] = value
            break
    for metric in rules.metrics:
        if metric.key in found:
            continue
        for gate, rx in metric.patterns:
            m = rx.search(low) if gate in low else None
            if m is not None:
                value = float(m.group("v").replace(",", "."))
                if not metric.percent or value <= 100:
                    found[metric.key] = value
                    break
    return found
