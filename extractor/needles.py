"""The words a pattern cannot match without: a cheap test that skips a regex on most sentences.

`needles(source)` reads a pattern's syntax tree and returns strings, one of
which every match must contain (case-folded), or None when it cannot tell.
`"word" in text` costs far less than a regex search, and most sentences hold
none of a cue's words, so the engine asks the needles first and runs the
regex only where one occurs. The test is lossless by
construction: a needle comes only from literal text that every match of the
pattern (lookbehinds and lookaheads included) has to contain, and anything the
parser is unsure of makes the answer None, which means "always run".

The tree is that of Python's own parser (`re._parser`, which reads the syntax
the rules use); syntax only the `regex` module knows is refused up front.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Iterable

import ahocorasick

try:  # Python 3.11+; the same parser was `sre_parse` before
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REGEX_ONLY = re.compile(r"""
    \\[pPXmMKGNL]       # \p{..} properties, \X graphemes, \m \M word ends, \K, \G, named lists
    | \{\s*[a-zA-Z]     # fuzzy matching {e<=1}
    | \(\?[|r]          # branch reset (?|...), reverse search (?r)
    | \(\?V             # version flags
    | \(\?<[a-zA-Z]     # (?<name>...) groups without the P
    | \[\[              # nested sets
    | -- | && | \|\| | ~~   # set operations (VERSION1)
    """, re.VERBOSE)
_INLINE_IGNORECASE = re.compile(r"""
    \(\?[aLmsux]*i[aLmsux]*[:)-]   # (?i), (?i:...), (?si-x:...): an inline flag that ignores case
    """, re.VERBOSE)
_REPEATS = tuple(op for op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, op))
_MAX_NEEDLES = 24  # more alternatives than this in one clause and the test costs more than it saves
_MAX_CLAUSES = 3   # the most selective clauses kept
_SHORTEST = 3      # letters: shorter needles (to, no, we) occur in nearly every sentence,
_COMMON_MARKS = set(",.-")  # as do these marks; rarer marks (; : ? = %) are needles on their own
_RARE_ENOUGH = 6   # letters: a longer needle is not much rarer, only dearer when it comes in many spellings

Clause = tuple[str, ...]   # one of these strings occurs in every match
_VALUE = itemgetter(1)     # an automaton hit is (end, needle)


def regex_only(source: str) -> bool:
    """Whether `source` uses syntax that only the `regex` module reads (or may read otherwise)."""
    return bool(_REGEX_ONLY.search(source))


def needles(source: str, flags: int = 0, shortest: int = _SHORTEST, fold: bool = True,
            tree: list | None = None) -> tuple[Clause, ...] | None:
    """Clauses of case-folded strings, most selective first: every match of `source` holds a
    string of each clause. None when nothing is known to be required. `flags`: re flags the
    pattern was written with (re.VERBOSE); case is ignored, unless not `fold`: then the strings
    are as the pattern spells them, for a pattern matched case-exactly (`[Dd]ata` -> Data, data).
    `shortest`: the fewest letters a needle needs (shorter words are too common in sentences to
    be worth a test). `tree`: `parse_tree(source)`, where the caller has it already (with no `flags`)."""
    if not fold and _INLINE_IGNORECASE.search(source):
        return None
    tree = _tree(source, flags) if tree is None or flags else tree
    if tree is None:
        return None
    clauses = {_minimal(n.casefold() if fold else n for n in c) for c in _required(tree)}
    usable = sorted((c for c in clauses if len(c) <= _MAX_NEEDLES and all(_selective(n, shortest) for n in c)),
                    key=_weakness)
    return tuple(usable[:_MAX_CLAUSES]) or None


def leading_chars(source: str, tree: list | None = None) -> frozenset[str] | None:
    """The characters (case-folded) every match of `source` can start with, when each match
    starts with a literal character or a class of them; None when one may start with an anchor,
    an assertion, a word class like \\w or an optional part. re finds where a pattern led by a
    few such characters may start by a fast scan; a leading assertion makes it try everywhere.
    `tree`: `parse_tree(source)`, where the caller has it already."""
    tree = _tree(source) if tree is None else tree
    chars = _first_chars(tree) if tree is not None else None
    return frozenset(c.casefold() for c in chars) if chars else None


def parse_tree(source: str) -> list | None:
    """The syntax tree `needles` and `leading_chars` read (None: nothing is known of the pattern),
    for a caller that asks both about one pattern: parsed once, not once a question."""
    return _tree(source)


def _tree(source: str, flags: int = 0) -> list | None:
    """The syntax tree of `source` as Python's parser reads it, ignoring case; None for syntax
    only `regex` reads, or that this parser does not read (then nothing is known of it)."""
    if regex_only(source):
        return None
    try:
        return list(_sre_parse.parse(source, re.IGNORECASE | flags))
    except Exception:  # noqa: BLE001 - any syntax this parser does not read
        return None


def _first_chars(items: list) -> set[str] | None:
    if not items:
        return None
    op, arg = items[0]
    if op is _sre.LITERAL:
        return {chr(arg)}
    if op is _sre.IN:  # [;:], [a-c]; not [\w-] or [^x]
        if not all(o in (_sre.LITERAL, _sre.RANGE) for o, _ in arg):
            return None
        return {chr(c) for o, a in arg for c in ((a,) if o is _sre.LITERAL else range(a[0], a[1] + 1))}
    if op is _sre.SUBPATTERN:
        return _first_chars(list(arg[-1]))
    if op is _sre.BRANCH:
        branches = [_first_chars(list(b)) for b in arg[1]]
        return None if any(b is None for b in branches) else set().union(*branches)
    if str(op) in _REPEATS and arg[0] >= 1:
        return _first_chars(list(arg[2]))
    return None


def may_hold(clauses: tuple[Clause, ...] | None, text: str) -> bool:
    """False when `text` misses a clause of needles, so the pattern they came from cannot match it
    (for a single pattern; many patterns share one NeedleFinder pass instead)."""
    if clauses is None:
        return True
    folded = text.casefold()
    return all(any(n in folded for n in clause) for clause in clauses)


def _selective(needle: str, shortest: int) -> bool:
    """A needle worth testing: enough letters, or marks that are not the commonest."""
    core = needle.strip()
    if any(c.isalnum() for c in core):
        return len(core) >= shortest
    return bool(core) and not set(core) <= _COMMON_MARKS


def _weakness(clause: Clause) -> tuple[int, int]:
    """Clauses with longer shortest words (spaces not counted; six letters are rare enough)
    are rarer, and with fewer alternatives cheaper to test."""
    return (-min(_RARE_ENOUGH, min(len(n.strip()) for n in clause)), len(clause))


def _required(items: Iterable) -> list[Clause]:
    """What a sequence requires: each item must match, so every item's clauses hold. Neighbours
    with a few exact spellings join into one clause of their products (`v(?:ersus|s)` -> versus, vs)."""
    clauses: list[Clause] = []
    run: set[str] | None = None   # the spellings of the exact items read so far
    for op, arg in items:
        spellings = _exact(op, arg)
        if spellings is not None:
            joined = {a + b for a in run for b in spellings} if run is not None else spellings
            if len(joined) <= _MAX_NEEDLES:
                run = joined
                continue
        if run is not None and all(run):
            clauses.append(_minimal(run))
        run = spellings
        if spellings is None:
            clauses += _item(op, arg)
    if run is not None and all(run):
        clauses.append(_minimal(run))
    return clauses


def _minimal(strings: Iterable[str]) -> Clause:
    """The strings that hold no other of them: `over` makes `over that of` redundant."""
    unique = sorted(set(strings), key=len)
    kept: list[str] = []
    for s in unique:
        if not any(k in s for k in kept):
            kept.append(s)
    return tuple(sorted(kept))


def _exact(op, arg) -> set[str] | None:
    """Every spelling of a node with few (a literal, a small class, a short alternation,
    an optional literal); None for any other node."""
    name = str(op)
    if op is _sre.LITERAL:
        return {chr(arg)}
    if op is _sre.AT:
        return {""}                                         # \b, ^ and $ take no characters
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in arg) and len(arg) <= 4:
        return {chr(a) for _, a in arg}                     # [- ], [sz]
    if op is _sre.SUBPATTERN:
        return _exact_sequence(arg[-1])
    if op is _sre.BRANCH:
        branches = [_exact_sequence(b) for b in arg[1]]
        if any(b is None for b in branches):
            return None
        union = set().union(*branches)
        return union if len(union) <= _MAX_NEEDLES else None
    if name in _REPEATS and arg[0] == 0 and arg[1] == 1:
        inner = _exact_sequence(arg[2])                     # x? : x or nothing
        return inner | {""} if inner is not None else None
    return None


def _exact_sequence(items: Iterable) -> set[str] | None:
    spellings = {""}
    for op, arg in items:
        item = _exact(op, arg)
        if item is None:
            return None
        spellings = {a + b for a in spellings for b in item}
        if len(spellings) > _MAX_NEEDLES:
            return None
    return spellings


def _item(op, arg) -> list[Clause]:
    """What one node of the tree requires (no clause: nothing known)."""
    name = str(op)
    if op is _sre.SUBPATTERN:
        return _required(arg[-1])                         # a group: what its body requires
    if op is _sre.BRANCH:
        best = [min(_required(b), key=_weakness, default=None) for b in arg[1]]
        if any(b is None for b in best):                   # an alternation: one branch's best clause,
            return []                                      # whichever branch matched
        return [_minimal(n for b in best for n in b)]
    if name in _REPEATS:
        return _required(arg[2]) if arg[0] >= 1 else []   # x+ and x{2,} need x; x? and x* need nothing
    if op is _sre.ASSERT:
        return _required(arg[1])                          # a lookahead or lookbehind must match too
    if name == "ATOMIC_GROUP":
        return _required(arg)
    return []                                             # classes, anchors, negative assertions: nothing


@dataclass(frozen=True)
class NeedleFinder:
    """Finds which of many needles occur in a text in one pass (an Aho-Corasick automaton, from
    pyahocorasick: a few microseconds a sentence for all the needles of all the rules)."""

    automaton: "ahocorasick.Automaton"

    @classmethod
    def build(cls, all_needles: Iterable[str]) -> "NeedleFinder":
        automaton = ahocorasick.Automaton()
        for needle in sorted(set(all_needles)):
            automaton.add_word(needle, needle)
        if len(automaton):
            automaton.make_automaton()
        return cls(automaton)

    def find(self, text: str) -> frozenset[str]:
        """The needles that occur in `text` (case-folded here)."""
        if not len(self.automaton):
            return frozenset()
        return frozenset(map(_VALUE, self.automaton.iter(text.casefold())))
