"""Cue patterns: phrases that tell what a number or a sentence is, loaded from rules/*.txt.

Syntax of a pattern file (see rules/README.md):

    id | group | pattern | key=value, key=value

`group` names what the cue signals (e.g. `delta.up`, `relative`, `claim.sota`);
`pattern` is a regular expression (the `regex` module's syntax, matched
ignoring case, with word boundaries added at both ends; a `before` cue must
end right before the number, an `after` cue start right after it). Attributes:
`side=before|after|sentence` (where the cue is looked for around a number;
default sentence), `window=N` (characters, default 60), `metric=<metric id>`,
`unit=<unit>`, `direction=up|down`, `weight=<0..1>`.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping, NamedTuple

import regex

from .needles import NeedleFinder, leading_chars, may_hold, needles, parse_tree, regex_only
from .rules import RulesError

PATTERN_KEYS = {"side": {"before", "after", "sentence"}, "window": None, "metric": None, "unit": None,
                "direction": {"up", "down"}, "weight": None, "kind": None, "case": {"exact"}}

_COMMENT = regex.compile(r"""
    (?<!\\)\#.*$   # from an unescaped # to the end of the line
    """, regex.VERBOSE)
_OPEN = r"(?:(?<!\w)|(?=\W))"   # a word boundary before the cue, unless the cue starts with punctuation
_CLOSE = r"(?:(?!\w)|(?<=\W))"  # and after it, unless it ends with punctuation
_RECENT_TEXTS = 64  # texts whose needles are kept
_SCAN_FIRST_CHARS = 3  # a pattern that can start with more letters than this is scanned no faster bare
_PIECE = regex.compile(r"""
    \{@([A-Za-z0-9_]*)\}   # {@name}: a named piece of pattern defined on an earlier `@name | ...` line
    """, regex.VERBOSE)
_GROUP = regex.compile(r"""
    ^[a-z_]+(?:\.[a-z_]+)*$   # dotted lower-case words: delta.up, claim.sota
    """, regex.VERBOSE)


@dataclass(frozen=True)
class Pattern:
    """One cue: a compiled regex with the group it signals and its attributes."""

    id: str
    group: str
    source_text: str
    regex: "re.Pattern | regex.Pattern"  # compiled by re where re reads it as regex would
    attrs: Mapping[str, str]
    line: int
    needles: tuple[tuple[str, ...], ...] | None = None  # every match holds a string of each clause (case-folded)
    tail: "re.Pattern | regex.Pattern | None" = None  # the pattern less a leading variable-width lookbehind
    lead: "re.Pattern | regex.Pattern | None" = None  # that lookbehind as a forward pattern that must end where the text does
    scan: "re.Pattern | regex.Pattern | None" = None  # the pattern (less that lookbehind) without word boundaries
    backward: "regex.Pattern | None" = None  # a `before` cue that needs no literal and may start with any
    #                                          letter, searched from its end (regex's (?r))
    side: str = "sentence"  # attribute `side`, read once here (the rules ask for it at every try)
    window: int = 60        # attribute `window`, as a number
    exact_needles: tuple[tuple[str, ...], ...] | None = None  # for a case=exact pattern: needles as spelled

    def may_occur(self, found: frozenset[str]) -> bool:
        """False when the needles `found` in a text miss a clause, so the regex cannot match there."""
        return self.needles is None or all(not found.isdisjoint(clause) for clause in self.needles)

    def may_occur_in(self, lowered: str, text: str | None = None) -> bool:
        """False when a lower-cased text lacks every needle of one of the pattern's clauses: for a text
        searched once (a whole abstract), substring tests are cheaper than the needle automaton. Given
        the `text` as written, a case=exact pattern tests its needles as spelled there (`Dataset`
        is far rarer than `dataset`)."""
        if text is not None and self.exact_needles is not None:
            return all(any(n in text for n in clause) for clause in self.exact_needles)
        return self.needles is None or all(any(n in lowered for n in clause) for clause in self.needles)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """`regex.search(text, pos, endpos)`, found the way `finditer` finds matches."""
        end = len(text) if endpos is None else endpos
        if self.backward is not None:  # it must end at endpos: found from there, 5-7 times faster than forwards
            return self.backward.search(text, pos, end)
        if self.scan is None and self.tail is None:
            return self.regex.search(text, pos, end)
        return next(self._scanned(text, pos, end), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator:
        """The matches of `regex.finditer(text, pos, endpos)`, found cheaply where possible.

        The word boundary in front of every cue is an assertion, and re tries a pattern that
        starts with one at every position (2-5 us a sentence). Where every match starts with
        one of a few letters, `scan` (the pattern bare) finds where it may start by a fast scan,
        and the whole pattern is tried there only. A pattern led by a variable-width lookbehind
        (which `regex` matches backwards, at 100-200 us a try) is tried as `tail`, the part
        after the lookbehind, where `lead`, the lookbehind read forward, ends."""
        end = len(text) if endpos is None else endpos
        if self.scan is None and self.tail is None:
            return self.regex.finditer(text, pos, end)  # the compiled pattern's own iterator: no generator between
        return self._scanned(text, pos, end)

    def _scanned(self, text: str, pos: int, end: int) -> Iterator:
        """The matches, tried only where `scan` (or `tail`) finds that one may start."""
        find = self.scan or self.tail
        while (hit := find.search(text, pos, end)) is not None:
            at = hit.start()
            m = self._match_at(text, at, end)
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = max(m.end(), at + 1)

    def _match_at(self, text: str, at: int, end: int):
        if self.tail is None:
            return self.regex.match(text, at, end)
        m = self.tail.match(text, at, end)  # the cheap test first
        if m is None or (self.lead is not None and self.lead.search(text, 0, at) is None):
            return None
        if self.lead is None or self.lead.groups:  # no forward lead, or groups inside the lookbehind:
            return self.regex.match(text, at, end)  # only the whole pattern's match tells
        return m

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)


@dataclass(frozen=True)
class NeedleIndex:
    """A group's patterns and needles (of each pattern's most selective clause), each needle with
    the positions of the patterns it admits; the patterns admitted then check their other clauses."""

    patterns: tuple[Pattern, ...]
    by_needle: Mapping[str, tuple[int, ...]]  # in file order
    keys: frozenset[str]          # the needles of by_needle
    always: tuple[int, ...]       # patterns without needles: always tried
    only_always: tuple[Pattern, ...]  # the answer for a text with none of the needles
    others: tuple[tuple[tuple[str, ...], ...], ...] = ()  # each pattern's clauses after the one indexed

    @classmethod
    def build(cls, patterns: tuple[Pattern, ...]) -> "NeedleIndex":
        by_needle: dict[str, list[int]] = {}
        for i, pattern in enumerate(patterns):
            for needle in pattern.needles[0] if pattern.needles else ():
                by_needle.setdefault(needle, []).append(i)
        always = tuple(i for i, p in enumerate(patterns) if p.needles is None)
        return cls(patterns, MappingProxyType({n: tuple(ix) for n, ix in by_needle.items()}), frozenset(by_needle),
                   always, tuple(patterns[i] for i in always), tuple(tuple(p.needles or ())[1:] for p in patterns))

    def present(self, found: frozenset[str]) -> tuple[Pattern, ...]:
        """The patterns, in file order, that may match a text whose needles are `found` (a pattern
        admitted by a needle holds its first clause: only the others are checked)."""
        mine = self.keys.intersection(found)
        if not mine:  # most texts, for most groups
            return self.only_always
        if len(mine) == 1 and not self.always:  # the next most common case: one needle's patterns
            ix = self.by_needle[next(iter(mine))]
        else:
            hits = set(self.always)
            for needle in mine:
                hits.update(self.by_needle[needle])
            ix = sorted(hits)
        patterns, others = self.patterns, self.others
        return tuple(patterns[i] for i in ix if not others[i] or _holds(others[i], found))


def _holds(clauses: tuple[tuple[str, ...], ...], found: frozenset[str]) -> bool:
    """Whether the needles `found` hold a string of each clause."""
    return all(not found.isdisjoint(clause) for clause in clauses)


class _Seen(NamedTuple):
    """A text, the needles found in it, and the patterns of each group asked for so far
    (a named tuple: one is made per sentence, and a tuple is the cheapest record to make)."""

    text: str
    found: frozenset[str]
    groups: dict  # group name (or tuple of names) -> its patterns that may match


@dataclass(frozen=True)
class Patterns:
    """All cue patterns of one or more files, by group, in file order, with their needles."""

    by_group: Mapping[str, tuple[Pattern, ...]]
    needle_index: Mapping[str, NeedleIndex]
    finder: NeedleFinder
    known: frozenset[str] = frozenset()  # every needle the finder looks for
    _recent: dict = field(default_factory=dict, compare=False, repr=False)  # id(text) -> _Seen
    _unions: dict = field(default_factory=dict, compare=False, repr=False)  # group names -> their NeedleIndex

    @classmethod
    def build(cls, groups: Mapping[str, tuple[Pattern, ...]], also: Iterable[str] = ()) -> "Patterns":
        """`also`: needles of other tests (see `holds`) for the finder to look for too."""
        every = [n for ps in groups.values() for p in ps for clause in p.needles or () for n in clause] + list(also)
        return cls(MappingProxyType(dict(groups)),
                   MappingProxyType({g: NeedleIndex.build(ps) for g, ps in groups.items()}),
                   NeedleFinder.build(every), frozenset(every))

    def group(self, name: str) -> tuple[Pattern, ...]:
        return self.by_group.get(name, ())

    def needles_in(self, text: str) -> frozenset[str]:
        """The needles of every pattern that occur in `text`."""
        return self._seen(text).found

    def holds(self, clauses: tuple[tuple[str, ...], ...] | None, text: str) -> bool:
        """`needles.may_hold(clauses, text)`, read from the needles found in `text` once for all the
        rules where the finder looks for every needle of `clauses` (given to `build` as `also`)."""
        if clauses is None:
            return True
        found = self.needles_in(text)
        for clause in clauses:
            if found.isdisjoint(clause):  # none found: none there, unless the finder does not look for one
                return not self.known.issuperset(clause) and may_hold(clauses, text)
        return True

    def candidates(self, name: str, text: str) -> tuple[Pattern, ...]:
        """The patterns of a group that may match somewhere in `text`, in file order (asked tens
        of times per abstract: the answers for a text are kept with it)."""
        seen = self._recent.get(id(text))  # what _seen does, inline: this is asked 30 times a paper
        if seen is None or seen.text is not text:
            seen = self._seen(text)
        patterns = seen.groups.get(name)
        if patterns is None:
            index = self.needle_index.get(name)
            patterns = seen.groups[name] = index.present(seen.found) if index else ()
        return patterns

    def candidates_of(self, names: tuple[str, ...], text: str) -> tuple[Pattern, ...]:
        """The patterns of several groups that may match in `text`, group after group, each in
        file order: one needle index over all of them (built once per tuple of names)."""
        seen = self._seen(text)
        patterns = seen.groups.get(names)
        if patterns is None:
            if names not in self._unions:
                self._unions[names] = NeedleIndex.build(tuple(p for name in names for p in self.group(name)))
            patterns = seen.groups[names] = self._unions[names].present(seen.found)
        return patterns

    def _seen(self, text: str) -> "_Seen":
        """What is known of a text: the answers for the last few texts are kept, since the rules
        ask about one sentence many times; an entry holds its text, so its id is not reused."""
        seen = self._recent.get(id(text))
        if seen is None or seen.text is not text:
            if len(self._recent) >= _RECENT_TEXTS:
                self._recent.clear()
            seen = self._recent[id(text)] = _Seen(text, self.finder.find(text), {})
        return seen

    def first(self, name: str, text: str, pos: int = 0, endpos: int | None = None) -> tuple[Pattern, "regex.Match"] | None:
        """The first pattern of a group (in file order) that matches `text[pos:endpos]`."""
        end = len(text) if endpos is None else endpos
        for pattern in self.candidates(name, text):
            m = pattern.search(text, pos, end)
            if m:
                return pattern, m
        return None


def load_patterns(*paths: Path, also: Iterable[str] = ()) -> Patterns:
    """Parse and compile pattern files; errors quote file and line. `also`: see `Patterns.build`."""
    groups: dict[str, list[Pattern]] = {}
    seen: dict[str, str] = {}
    pieces: dict[str, str] = {}
    for path in paths:
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            body = _COMMENT.sub("", line).strip()
            if not body:
                continue
            if body.startswith("@"):
                _define_piece(path, line_no, body, pieces)
                continue
            pattern = _parse(path, line_no, _with_pieces(path, line_no, body, pieces))
            if pattern.id in seen:
                raise RulesError(f"{path.name}:{line_no}: duplicate pattern id {pattern.id!r} "
                                 f"(first at {seen[pattern.id]})")
            seen[pattern.id] = f"{path.name}:{line_no}"
            groups.setdefault(pattern.group, []).append(pattern)
    return Patterns.build({g: tuple(ps) for g, ps in groups.items()}, also)


def _define_piece(path: Path, line_no: int, body: str, pieces: dict[str, str]) -> None:
    """`@name | regex`: a named piece of pattern that later lines use as `{@name}`."""
    where = f"{path.name}:{line_no}"
    cells = [c.strip() for c in _split_cells(body)]
    name = cells[0][1:]
    if len(cells) != 2 or not regex.match(r"^[a-z][a-z0-9_]*$", name):
        raise RulesError(f"{where}: expected '@name | pattern' (name: lower-case letters, digits, _)")
    if name in pieces:
        raise RulesError(f"{where}: piece @{name} defined twice")
    pieces[name] = _with_pieces(path, line_no, cells[1], pieces)


def _with_pieces(path: Path, line_no: int, text: str, pieces: dict[str, str]) -> str:
    """The text with each `{@name}` replaced by the piece defined before it."""
    def piece(m: regex.Match) -> str:
        if m.group(1) not in pieces:
            raise RulesError(f"{path.name}:{line_no}: unknown piece {{@{m.group(1)}}} (define it above: "
                             f"'@{m.group(1)} | pattern')")
        return pieces[m.group(1)]
    return _PIECE.sub(piece, text) if "{@" in text else text


def _parse(path: Path, line_no: int, body: str) -> Pattern:
    where = f"{path.name}:{line_no}"
    cells = [c.strip() for c in _split_cells(body)]
    if len(cells) not in (3, 4):
        raise RulesError(f"{where}: expected 'id | group | pattern | attributes', got {len(cells)} cells")
    cells += [""] * (4 - len(cells))
    pattern_id, group, source, attrs = cells
    if not regex.match(r"^[a-z0-9][a-z0-9_.+-]*$", pattern_id):
        raise RulesError(f"{where}: bad id {pattern_id!r}")
    if not _GROUP.match(group):
        raise RulesError(f"{where}: bad group {group!r} (dotted lower-case words)")
    parsed = _parse_attrs(where, attrs)
    side = parsed.get("side", "sentence")
    exact = parsed.get("case") == "exact"
    tree = parse_tree(source)  # read once for its needles and leading characters
    compiled = _compile(where, pattern_id, source, _framed(source, side, tree), exact)
    rest = _after_leading_lookbehind(source) if side == "sentence" and not isinstance(compiled, re.Pattern) else None
    rest_tree = parse_tree(rest) if rest else None
    tail = _compile(where, pattern_id, rest, _framed(rest, side, rest_tree), exact) if rest else None
    behind = source[4:-len(rest) - 1] if rest else None  # (?<=behind)rest
    lead = _compile(where, pattern_id, behind, rf"(?:{behind})\Z", exact) if rest else None
    lead = lead if isinstance(lead, re.Pattern) else None  # a lookbehind inside it would be tried everywhere
    bare = rest or source
    found = needles(source, tree=tree)
    first = leading_chars(bare, rest_tree if rest else tree)  # led by literals: it cannot match ""; by few: fast
    scan = _compile(where, pattern_id, bare, f"(?:{bare})", exact) \
        if side != "after" and first and len(first) <= _SCAN_FIRST_CHARS else None
    backward = _compile_backward(where, pattern_id, _framed(source, side), exact) \
        if side == "before" and found is None and first is None and tail is None and not source.startswith("^") \
        else None  # (one anchored at the start fails fast forwards)
    return Pattern(pattern_id, group, source, compiled, MappingProxyType(parsed), line_no, found,
                   tail, lead, scan, backward, side, int(parsed.get("window", 60)),
                   needles(source, fold=False, tree=tree) if exact else None)


def _framed(source: str, side: str, tree: list | None = None) -> str:
    """The pattern with what must surround it: word boundaries, or the number on its side
    (`tree`: the source's parse tree, where the caller has it)."""
    if side == "after":  # the cue must start right after the number (use .match)
        return rf"[\s,:)\]]{{0,3}}(?:{source}){_CLOSE}"
    opening = _opening(source, tree)
    if side == "before":  # the cue must end right before the number
        return rf"{opening}(?:{source})[\s(\[:,]{{0,3}}$"
    return rf"{opening}(?:{source}){_CLOSE}"


def _opening(source: str, tree: list | None = None) -> str:
    """\\b where every match starts with a word character: there it means what _OPEN means, and
    re tests one assertion faster than _OPEN's two (30-40% on a sentence); _OPEN elsewhere."""
    first = leading_chars(source, tree)
    return r"\b" if first and all(c.isalnum() or c == "_" for c in first) else _OPEN


def _after_leading_lookbehind(source: str) -> str | None:
    """What follows a lookbehind the pattern starts with (`(?<=...)rest` -> `rest`), else None."""
    if not source.startswith("(?<="):
        return None
    depth, i, in_class = 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth == 0:
                return source[i + 1:] or None
        i += 1
    return None


def _compile(where: str, pattern_id: str, source: str, framed: str, exact: bool):
    """The pattern compiled by Python's re where re reads it exactly as `regex` would (no
    regex-only syntax, no warning): re runs such patterns about twice as fast. Else by `regex`
    (variable-width lookbehinds, \\p{..}, fuzzy matching, sets); an error quotes file and line."""
    if not regex_only(source):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a FutureWarning (nested set) means re may read it otherwise
                return re.compile(framed, 0 if exact else re.IGNORECASE)
        except (re.error, Warning):
            pass
    try:
        return regex.compile(framed, regex.VERSION1 if exact else regex.IGNORECASE | regex.VERSION1)
    except regex.error as err:
        raise RulesError(f"{where}: pattern {pattern_id!r} does not compile ({err})") from err


def _compile_backward(where: str, pattern_id: str, framed: str, exact: bool) -> "regex.Pattern":
    """A `before` cue (framed to end at `$`) for regex's reverse search: tried from the end of the
    window leftwards, it fails at once where the text before the number does not end as it must."""
    try:
        return regex.compile("(?r)" + framed, regex.VERSION1 if exact else regex.IGNORECASE | regex.VERSION1)
    except regex.error as err:
        raise RulesError(f"{where}: pattern {pattern_id!r} does not compile backwards ({err})") from err


def _split_cells(body: str) -> list[str]:
    """Split on ` | ` (a bar with spaces around it), so that `a|b` inside a pattern stays."""
    return regex.split(r"\s\|\s|\s\|$", body)


def _parse_attrs(where: str, attrs: str) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in (a.strip() for a in attrs.split(",") if a.strip()):
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            raise RulesError(f"{where}: attribute {item!r} is not key=value")
        if key not in PATTERN_KEYS:
            raise RulesError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(PATTERN_KEYS))})")
        allowed = PATTERN_KEYS[key]
        if allowed is not None and value not in allowed:
            raise RulesError(f"{where}: {key}={value!r} is not one of {', '.join(sorted(allowed))}")
        if key in ("window",) and not value.isdigit():
            raise RulesError(f"{where}: window must be a whole number of characters, not {value!r}")
        parsed[key] = value
    return parsed
