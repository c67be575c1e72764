"""Find rule phrases in normalised text fast: the phrase index, gated regexes and hits per rule."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


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
        tokens = frozenset(PUNCT_RE.sub(" ", low).split())
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
        if self.cjk and CJK.search(low):
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


PUNCT_RE = re.compile("[" + re.escape(_PUNCT) + "]")


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


def gate_word(literal: str) -> str:
    """A whole word the text must contain for the literal to be there ("" when unsure)."""
    if not literal[:1].isalpha() or any(ord(c) > 0x24F for c in literal):
        return ""
    key, whole = _phrase_key(literal)
    return key if whole and len(key) >= 3 else ""


class Hits:
    """Which rules a text touched: owner -> [(phrase, position)] (position -1: not computed)."""

    __slots__ = ("by_owner", "text")

    def __init__(
        self,
        text: Matched,
        owners: Mapping[str, tuple[str, ...]],
        owned_regexes: Iterable[tuple[str, str, str, re.Pattern[str]]],
    ) -> None:
        self.text = text
        by_owner: dict[str, list[tuple[str, int]]] = {}
        for phrase in text.found:
            for owner in owners.get(phrase, ()):
                by_owner.setdefault(owner, []).append((phrase, -1))
        low = text.low
        tokens = text.tokens
        for owner, key, gate, rx in owned_regexes:
            if (not key or key in tokens) and gate in low:
                m = rx.search(low)
                if m is not None:
                    by_owner.setdefault(owner, []).append((rx.pattern, m.start()))
        self.by_owner = by_owner

    def signal(self, name: str) -> list[str]:
        return [p for p, _ in self.by_owner.get(f"sig:{name}", ())]

    def issue_score(
        self, rule_id: str, early: int, containers: Mapping[str, tuple[str, ...]]
    ) -> int:
        total = 0
        low = self.text.low
        found = self.text.found
        for phrase, pos in self.by_owner.get(f"iss:{rule_id}", ()):
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

    def issue_hits(self, rule_id: str) -> int:
        return len(self.by_owner.get(f"iss:{rule_id}", ()))


def fill_pattern(pattern: str, num: str, unit: str) -> str:
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


def gated(patterns: Sequence[str], num: str, unit: str) -> tuple[Gated, ...]:
    out: list[Gated] = []
    for pattern in patterns:
        boundary = pattern.startswith("\\b")
        body = pattern[2:] if boundary else pattern
        at_number = body.startswith(("(?P<n>{num})", "{num}"))
        gate = required_literal(body.replace("{num}", "(").replace("{unit}", "("))
        out.append(Gated(gate, re.compile(fill_pattern(body, num, unit)), at_number, boundary))
    return tuple(out)


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


def normalise(text: str) -> str:
    """Lower-case, whitespace collapsed, typographic quotes plain, full-width forms folded."""
    if _FULLWIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    for fancy, plain in _QUOTE_PAIRS:
        if fancy in text:
            text = text.replace(fancy, plain)
    return " ".join(text.lower().split())


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def phrase_set(phrases: Iterable[str]) -> PhraseSet:
    plain: list[str] = []
    infix: set[str] = set()
    regexes: list[tuple[str, re.Pattern[str]]] = []
    for phrase in phrases:
        if phrase.startswith("re:"):
            regexes.append((required_literal(phrase[3:]), re.compile(phrase[3:])))
            continue
        norm = normalise(phrase[1:] if phrase.startswith("*") else phrase)
        if phrase.startswith("*"):
            infix.add(norm)
        if norm and norm not in plain:
            plain.append(norm)
    return PhraseSet(tuple(plain), tuple(regexes), frozenset(infix))
