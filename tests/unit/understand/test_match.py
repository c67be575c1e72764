"""The phrase index finds what a plain scan of the text finds, only faster."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyd.understand.match import PhraseIndex

WORDS = ["deactivat", "account", "odr", "seller", "rate", "is", "a", "policy", "ip", "listing", "x"]
PUNCT = [" ", " ", " ", ", ", ". ", "? ", ": ", " (", ") ", "-"]

words = st.sampled_from([*WORDS, "deactivated", "accounts", "odrs", "xseller", "ratex"])
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
infix = st.sampled_from(["*deactivat", "*account"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(words, st.sampled_from(PUNCT)), max_size=25))
    return "".join(w + p for w, p in parts).strip()


def whole_word_at(text: str, p: str) -> bool:
    """p occurs starting and ending at word boundaries (as the rule files promise to match)."""
    start = text.find(p)
    while start >= 0:
        end = start + len(p)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(p, start + 1)
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(phrase | infix, min_size=1, max_size=8, unique=True), texts())
def test_index_agrees_with_a_plain_scan(raw: list[str], text: str) -> None:
    infixes = frozenset(p[1:] for p in raw if p.startswith("*"))
    phrases = [p.lstrip("*") for p in raw]
    found = PhraseIndex.build(phrases, infixes).match(text).found
    # never reports a phrase that is not in the text ...
    assert found <= {p for p in phrases if p in text}
    # ... and never misses one that stands as whole words, or an infix phrase anywhere
    must = {p for p in phrases if whole_word_at(text, p) or (p in infixes and p in text)}
    assert must <= found


def test_one_word_prefix_phrase_finds_longer_words() -> None:
    index = PhraseIndex.build(["deactivat"], frozenset())
    assert index.match("we deactivated your account").found == {"deactivat"}
    assert index.match("nothing here").found == set()
