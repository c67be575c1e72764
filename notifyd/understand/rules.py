"""The rules notifyd reads mail with, as typed values built from the TOML rule files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyd.core.errors import RulesError
from notifyd.understand.match import (
    Gated,
    PhraseIndex,
    PhraseSet,
    gate_word,
    gated,
    normalise,
    phrase_set,
    required_literal,
)
from notifyd.understand.schema import ANATOMY_KEYS, ASK_TABLES, PARTS, SIGNAL_NAMES, Accumulator


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
    reads: Mapping[str, frozenset[str]] = field(default_factory=dict)  # owner -> parts it reads
    anatomy: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # anatomy.toml lists
    notice_senders: tuple[str, ...] = ()  # local parts of Amazon's notice senders
    asks: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)  # asks.toml
    sources: tuple[str, ...] = field(default=())


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
    acc = Accumulator()
    for path in files:
        try:
            with path.open("rb") as fh:
                doc = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read TOML: {exc}")
            continue
        acc.add(path, doc, problems)
    rules = build_rules(acc, problems) if not problems else None
    if problems or rules is None:
        raise RulesError(problems or ["rules could not be built"])
    return rules


# What a rule reads when its file does not say: issues read what the notice says it did and
# why, never the boilerplate, the FAQ headings or the threats of what happens if not;
# signals read everything but the boilerplate.
ISSUE_PARTS = frozenset({"subject", "opening", "cause", "asks", "body"})
SIGNAL_PARTS = frozenset(PARTS) - {"boilerplate"}


def reads_of(
    given: Mapping[str, tuple[str, ...]],
    issues: Sequence[IssueRule],
    signals: Mapping[str, PhraseSet],
) -> dict[str, frozenset[str]]:
    """The parts each issue ("iss:<id>") and signal ("sig:<name>") reads."""
    out: dict[str, frozenset[str]] = {}
    for rule in issues:
        out[f"iss:{rule.id}"] = frozenset(given.get(f"iss:{rule.id}", ISSUE_PARTS))
    for name in signals:
        out[f"sig:{name}"] = frozenset(given.get(f"sig:{name}", SIGNAL_PARTS))
    return out


def owners(
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


def containers(issues: Sequence[IssueRule]) -> dict[str, tuple[str, ...]]:
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


def invert(stopwords: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, words in stopwords.items():
        for word in words:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def stems(words: Iterable[str]) -> tuple[str, ...]:
    """The words none of which contains another: finding these finds every word."""
    ordered = sorted(set(words), key=len)
    stems: list[str] = []
    for word in ordered:
        if not any(stem in word for stem in stems):
            stems.append(word)
    return tuple(stems)


def alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered) or "(?!x)x"


def absolute_regex(months: str) -> re.Pattern[str]:
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


def prefilter_words(
    issues: Sequence[IssueRule], signals: Mapping[str, PhraseSet]
) -> tuple[str, ...]:
    words: set[str] = set(signals["prefilter"].plain)
    for name in ("notice_subject", "account_deactivated", "account_at_risk", "listing_removed"):
        words.update(signals[name].plain)
    for rule in issues:
        words.update(rule.phrases.plain)
    # A set of short words would be faster, but phrases keep the filter honest for every language.
    return tuple(sorted(words, key=len))


def build_rules(acc: Accumulator, problems: list[str]) -> Rules | None:
    """The typed rules from the merged files; None (with problems filled in) when they don't add up."""

    def values(key: str) -> tuple[str, ...]:
        return tuple(v for v, _ in acc.lists.get(key, []))

    issues = tuple(
        IssueRule(
            id=rid,
            issue_type=item["issue_type"],
            category=item["category"],
            plan_category=item.get("plan_category") or item["category"],
            refines=item.get("refines") or "",
            phrases=phrase_set(item["phrases"]),
            source=src,
        )
        for rid, (item, src) in acc.issues.items()
    )
    signals = {name: phrase_set(values(f"signals.{name}")) for name in SIGNAL_NAMES}
    markets = {
        domain: Market(
            domain=domain,
            zone=ZoneInfo(spec["timezone"]),
            languages=tuple(spec.get("languages", [])),
            currencies=tuple(c.lower() for c in spec.get("currencies", [])),
            us_dates=bool(spec.get("us_dates", False)),
        )
        for domain, (spec, _) in acc.markets.items()
    }
    stopwords = {
        key.split(".", 1)[1]: frozenset(v for v, _ in items)
        for key, items in acc.lists.items()
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
        for key, (spec, _) in acc.metrics.items()
    )
    numbers = {w: int(v) for w, (v, _) in acc.maps["numbers"].items()}
    units = {w: str(v) for w, (v, _) in acc.maps["units"].items()}
    months = {w: int(v) for w, (v, _) in acc.maps["months"].items()}
    if not units:
        problems.append("deadlines.units: no unit words defined in any rules file")
    if not months:
        problems.append("deadlines.months: no month names defined in any rules file")
    if not markets:
        problems.append("marketplaces: no marketplace defined in any rules file")
    if problems:
        return None
    num_alt = r"\d{1,3}|" + alternation(numbers)
    unit_alt = alternation(units)
    month_alt = alternation(months)
    try:
        relative = gated(values("deadlines.relative"), num_alt, unit_alt)
        not_deadline = gated(values("deadlines.not_deadlines"), num_alt, unit_alt)
        cue_before = re.compile(
            r"(?:" + "|".join(values("deadlines.absolute_cues") or ("(?!x)x",)) + r")\s*[:：]?\s*"
            r"(?:the |le |il |el |den |dem |am |on |of |de )?$"
        )
        cue_after = re.compile(
            r"\s*(?:" + "|".join(values("deadlines.absolute_cues_after") or ("(?!x)x",)) + ")"
        )
        absolute = absolute_regex(month_alt)
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
        stopword_index=invert(stopwords),
        metrics=metrics,
        target_words=target_words,
        relative=relative,
        unit_stems=tuple(u for u in stems(units) if u[:1] > "\u3000"),
        unit_words=frozenset(u for u in units if u[:1] <= "\u3000"),
        not_deadline=not_deadline,
        absolute=absolute,
        cue_before=cue_before,
        cue_after=cue_after,
        number_words=numbers,
        units=units,
        months=months,
        prefilter_words=prefilter_words(issues, signals),
        containers=containers(issues),
        owners=owners(issues, signals),
        owned_regexes=tuple(
            (owner, gate_word(gate), gate, rx)
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
        reads=reads_of(acc.reads, issues, signals),
        anatomy={k: tuple(normalise(v) for v in values(f"anatomy.{k}")) for k in ANATOMY_KEYS},
        notice_senders=values("senders.notice_senders"),
        asks={
            table: {
                key.rsplit(".", 1)[1]: tuple(normalise(v) for v, _ in items)
                for key, items in acc.lists.items()
                if key.startswith(f"asks.{table}.")
            }
            for table in ASK_TABLES
        },
        sources=tuple(acc.sources),
    )
