"""Qualitative claims from sentences: state of the art, outperforms, comparable, first.

The phrases live in the rules (groups `claim.*`, rules/claims.txt); this module
knows only the groups. Per sentence it splits clauses (`claim.clause`) and their
parts (`claim.scope`), finds the cues of each claim type, drops the cues that
are negated, hedged or about other people's work, and makes one Claim per claim
type per clause. Offsets are found in `Sentence.text` and shifted by
`Sentence.start`, so `paper.abstract[char_start:char_end] == text`.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

from .attribution import NOT_LOOKED_FOR, MethodName, model_names, proposed_method
from .patterns import Pattern
from .records import Claim, Paper, Sentence
from .rules import Rules

CLAIM_TYPES = ("sota", "outperforms", "comparable", "first")
_TYPE_OF_GROUP = {f"claim.{t}": t for t in CLAIM_TYPES}  # claim.sota -> sota
_CUE_GROUPS = tuple(_TYPE_OF_GROUP)
DEFAULT_WEIGHT = 0.8
_TRIM = " \t,;:.-–—"   # left off both ends of a claim's text
_MAX_NAME_WORDS = 4     # a data set's name in a list is at most this many words


class Cue(NamedTuple):
    """A claim cue in a sentence: offsets into the sentence, its clause and the part it sits in
    (a named tuple: immutable, and cheaper to make than a frozen dataclass)."""

    claim_type: str
    start: int
    end: int
    pattern: Pattern
    clause: tuple[int, int]
    scope: tuple[int, int]


def find_claims(paper: Paper, sentences: list[Sentence], rules: Rules,
                method: MethodName | None | object = NOT_LOOKED_FOR) -> list[Claim]:
    """One claim per claim type per clause, for cues that survive negation, hedges and background.

    `method` is the paper's own method (None: it has none) when the caller has found it already.
    """
    method = proposed_method(paper, sentences, rules) if method is NOT_LOOKED_FOR else method
    own_from: int | None = None  # looked for at the first cue: most abstracts without one never need it
    claims: list[Claim] = []
    for sentence in sentences:
        found = _cues(sentence.text, rules)
        if not found:
            continue
        own_from = _first_own_sentence(sentences, rules, method) if own_from is None else own_from
        cancelled = _cancelled(sentence.text, found, rules)
        cues = [c for c in found if (c.scope, c.claim_type) not in cancelled
                and _stands(sentence.text, c, found, rules, method, sentence.index >= own_from)]
        for group in _grouped(cues):
            claims.append(_claim(paper, sentence, group, rules, method))
    return claims


# ---------------------------------------------------------------- cues

def _spans(text: str, start: int, end: int, rules: Rules, group: str) -> list[tuple[int, int]]:
    """`text[start:end]` cut at every match of the boundary group; the boundary itself belongs to neither side."""
    cuts = sorted(m.span() for p in rules.patterns.candidates(group, text) for m in p.finditer(text, start, end))
    spans, pos = [], start
    for cut_start, cut_end in cuts:
        if cut_start >= pos:
            spans.append((pos, cut_start))
            pos = cut_end
    spans.append((pos, end))
    return [s for s in spans if s[1] > s[0]]


def _cues(text: str, rules: Rules) -> list[Cue]:
    """Every cue of every claim type, with its clause and scope (only the cues whose words
    the sentence holds are tried: most sentences hold none)."""
    tried = [(_TYPE_OF_GROUP[p.group], p) for p in rules.patterns.candidates_of(_CUE_GROUPS, text)]
    if not tried:
        return []
    cues = []
    for clause in _spans(text, 0, len(text), rules, "claim.clause"):
        scopes = None  # the clause's parts, cut at its first cue
        for claim_type, pattern in tried:
            for m in pattern.finditer(text, clause[0], clause[1]):
                scopes = _spans(text, clause[0], clause[1], rules, "claim.scope") if scopes is None else scopes
                scope = next((s for s in scopes if s[0] <= m.start() < s[1]), clause)
                cues.append(Cue(claim_type, m.start(), m.end(), pattern, clause, scope))
    return cues


def _grouped(cues: list[Cue]) -> list[list[Cue]]:
    """Cues by (clause, claim type), in text order; file order breaks ties at one position."""
    groups: dict[tuple, list[Cue]] = {}
    for cue in sorted(cues, key=lambda c: c.start):
        groups.setdefault((cue.clause, cue.claim_type), []).append(cue)
    return sorted(groups.values(), key=lambda g: (g[0].start, CLAIM_TYPES.index(g[0].claim_type)))


# ---------------------------------------------------------------- filters

def _matches(text: str, cue: Cue, rules: Rules, group: str) -> bool:
    """Whether a phrase of `group` stands where its `side` says, in the cue's scope."""
    return _last_match(text, cue, rules, group) >= 0


def _last_match(text: str, cue: Cue, rules: Rules, group: str, before_end: int | None = None,
                weak: bool | None = None) -> int:
    """Where the last phrase of `group` that stands where its `side` says ends, or -1
    (`weak` picks the patterns with or without `kind=weak`)."""
    offset = cue.scope[0]
    before = text[offset:cue.start if before_end is None else min(before_end, cue.start)]
    after = text[cue.end:cue.scope[1]]
    last = -1
    for pattern in rules.patterns.candidates(group, text):
        if weak is not None and (pattern.get("kind") == "weak") != weak:
            continue
        if pattern.side == "before":
            hit = pattern.search(before[-pattern.window:])
            end = offset + len(before) if hit else -1
        elif pattern.side == "after":
            hit = pattern.search(after[:pattern.window])
            end = cue.end + hit.end() if hit else -1
        else:
            hits = list(pattern.finditer(before, max(0, len(before) - pattern.window)))
            end = offset + hits[-1].end() if hits else -1
        last = max(last, end)
    return last


def _own_end(text: str, start: int, end: int, rules: Rules, method: MethodName | None) -> int:
    """Where the last phrase in the paper's own voice in `text[start:end]` ends, or -1."""
    span = text[start:end]
    last = span.rfind(method.name) + len(method.name) if method and method.name in span else -1
    for pattern in rules.patterns.candidates("claim.own", text):
        for m in pattern.finditer(span):
            last = max(last, m.end())
    return start + last if last >= 0 else -1


def _is_own(text: str, rules: Rules, method: MethodName | None, sentence: str | None = None) -> bool:
    """The paper's own voice: we, our, the proposed, or the method's name. `sentence`: the
    sentence `text` is part of, whose needles (already found) stand for those of the part."""
    if method and method.name in text:
        return True
    return any(p.search(text) for p in rules.patterns.candidates("claim.own", sentence or text))


def _first_own_sentence(sentences: list[Sentence], rules: Rules, method: MethodName | None) -> int:
    """Index of the first sentence in the paper's own voice; the ones before it are background."""
    return next((s.index for s in sentences if _is_own(s.text, rules, method)), 0)


def _cancelled(text: str, cues: list[Cue], rules: Rules) -> set[tuple[tuple[int, int], str]]:
    """(scope, claim type) pairs where a cue is negated or hedged: `do not show superior
    performance than X` cancels the whole claim type in that part of the clause."""
    return {(c.scope, c.claim_type) for c in cues
            if _matches(text, c, rules, "claim.negation") or _matches(text, c, rules, "claim.hedge")}


def _stands(text: str, cue: Cue, cues: list[Cue], rules: Rules, method: MethodName | None,
            after_intro: bool) -> bool:
    """A cue is the paper's claim unless it is about other people's work. It is when the sentence
    comes before the first one in the paper's own voice (and its scope has no own voice either),
    or when the subject (the scope before its first cue) has a background marker: a strong one
    (`which has recently achieved`) unless the own voice comes after it, a weak one (`kind=weak`:
    existing, previous) unless the own voice is anywhere in the scope up to the cue's end."""
    if not after_intro and not _is_own(text[cue.scope[0]:cue.scope[1]], rules, method, text):
        return False
    subject_end = min(c.start for c in cues if c.scope == cue.scope)
    strong = _last_match(text, cue, rules, "claim.background", subject_end, weak=False)
    own = _own_end(text, cue.scope[0], cue.end, rules, method)
    if strong > own:
        return False
    return own >= 0 or _last_match(text, cue, rules, "claim.background", subject_end, weak=True) < 0


# ---------------------------------------------------------------- rows

def _claim(paper: Paper, sentence: Sentence, cues: list[Cue], rules: Rules, method: MethodName | None) -> Claim:
    """The row for the cues of one claim type in one clause; the first cue decides rule and text start."""
    first = cues[0]
    scopes = sorted({c.scope for c in cues})
    start, end = _text_span(sentence.text, first, scopes[-1][1], rules)
    char_start = sentence.start + start
    claim_type = first.claim_type
    key = f"{paper.paper_id}|{char_start}|{claim_type}"
    return Claim(
        claim_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        paper_id=paper.paper_id,
        claim_type=claim_type,
        text=sentence.text[start:end],
        char_start=char_start,
        char_end=sentence.start + end,
        sentence=sentence.text,
        sentence_index=sentence.index,
        rule=first.pattern.id,
        method=_claimant(sentence.text, first, rules, method),
        datasets=_datasets(sentence.text, scopes, rules),
        baselines=_baselines(sentence.text, scopes, rules, method),
        confidence=max(float(c.pattern.get("weight", DEFAULT_WEIGHT)) for c in cues),
    )


def _text_span(text: str, first: Cue, end: int, rules: Rules) -> tuple[int, int]:
    """From the start of the first cue's scope (after a reporting lead such as `results show that`)
    to the end of the last cue's scope, without surrounding spaces and punctuation."""
    start = first.scope[0]
    for pattern in rules.patterns.candidates("claim.lead", text):
        for m in pattern.finditer(text, start, first.start):
            start = max(start, m.end())
    while start < first.start and text[start] in _TRIM:
        start += 1
    while end > first.end and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _datasets(text: str, scopes: list[tuple[int, int]], rules: Rules) -> tuple[str, ...]:
    """The data sets named in the claim's scopes, in order, once each: canonical names from the
    lexicon, and names the text presents as data sets (`claim.dataset`) where the lexicon has none
    or only a shorter one (`LSUN-church` over `LSUN`)."""
    spans: list[tuple[int, int, str]] = []
    for start, end in scopes:
        spans += [(start + m.start, start + m.end, m.entry.canonical) for m in rules.datasets.find(text[start:end])]
        spans += _presented(text, start, end, rules)
    names: list[str] = []
    for _, _, name in _longest(spans):
        if name not in names:
            names.append(name)
    return tuple(names)


def _presented(text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int, str]]:
    """Names that `claim.dataset` patterns present as data sets: one `name`, or a `list` of names."""
    found = []
    for pattern in rules.patterns.candidates("claim.dataset", text):
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            if groups.get("list"):
                found += _list_items(text, *m.span("list"), rules)
            elif groups.get("name"):
                found.append(m.span("name"))
    return [(a, b, _dataset_name(text[a:b], rules)) for a, b in found if _is_name(text[a:b], rules)]


def _list_items(text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    """The items of a list `A, B, and C` in `text[start:end]` (cut at `claim.list_separator`),
    without surrounding spaces."""
    cuts = sorted(m.span() for p in rules.patterns.candidates("claim.list_separator", text)
                  for m in p.finditer(text, start, end))
    items, pos = [], start
    for cut_start, cut_end in cuts:
        items.append((pos, cut_start))
        pos = max(pos, cut_end)
    items.append((pos, end))
    trimmed = []
    for a, b in items:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _is_name(raw: str, rules: Rules) -> bool:
    """A proper name: starts with a capital, a few words long, no percentages, not a metric."""
    return (raw[0].isupper() and "%" not in raw
            and len(raw.split()) <= _MAX_NAME_WORDS and rules.metrics.lookup(raw) is None)


def _dataset_name(raw: str, rules: Rules) -> str:
    """The lexicon's canonical name for `raw`, or `raw` as written."""
    entry = rules.datasets.lookup(raw)
    return entry.canonical if entry else raw


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans, left to right: of two that start together the longer wins,
    of two that overlap otherwise the first."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _baselines(text: str, scopes: list[tuple[int, int]], rules: Rules, method: MethodName | None) -> tuple[str, ...]:
    """Model names within a window after a competitor cue (than X, compared to X, outperforms X)."""
    own = method.name if method else None
    names: list[str] = []
    for start, end in scopes:
        for pattern in rules.patterns.candidates("claim.baseline", text):
            for m in pattern.finditer(text, start, end):
                names.extend(_names_in(text[m.end():_word_end(text, min(end, m.end() + pattern.window))], rules))
    unique = []
    for name in names:
        if name != own and name not in unique:
            unique.append(name)
    return tuple(unique)


def _word_end(text: str, pos: int) -> int:
    """`pos`, moved on to the end of the word it falls in."""
    while pos < len(text) and (text[pos].isalnum() or text[pos] in "-_"):
        pos += 1
    return pos


def _names_in(segment: str, rules: Rules) -> list[str]:
    """Model-like names in `segment`, data sets left out."""
    skip = [(m.start, m.end) for m in rules.datasets.find(segment)]
    return [name for _, _, name in model_names(segment, rules, skip)]


def _claimant(text: str, first: Cue, rules: Rules, method: MethodName | None) -> str | None:
    """Who claims: the paper's method when the sentence names it or speaks in the paper's voice,
    else the first model name before the cue in its scope."""
    own = method.name if method else None
    before = text[first.scope[0]:first.start]
    if (own and own in text) or _is_own(before, rules, None, text):
        return own
    names = _names_in(before, rules)
    return names[0] if names else own
