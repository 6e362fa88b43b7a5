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
from dataclasses import dataclass

import regex

from .attribution import MethodName, model_names, proposed_method
from .records import Claim, Paper, Sentence
from .rules import Rules

CLAIM_TYPES = ("sota", "outperforms", "comparable", "first")
DEFAULT_WEIGHT = 0.8
_TRIM = " \t,;:.-–—"
_LIST_SEP = regex.compile(r"""
    [,;]                  # a comma or semicolon between listed names
    | \s(?:and|or|&)\s    # or a conjunction
    | ^\s*(?:and|or)\s    # or a conjunction leading the item
    """, regex.VERBOSE)
_MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class Cue:
    """A claim cue in a sentence: offsets into the sentence, its clause and the part it sits in."""

    claim_type: str
    start: int
    end: int
    pattern: object  # extractor.patterns.Pattern
    clause: tuple[int, int]
    scope: tuple[int, int]


def find_claims(paper: Paper, sentences: list[Sentence], rules: Rules) -> list[Claim]:
    """One claim per claim type per clause, for cues that survive negation, hedges and background."""
    method = proposed_method(paper, sentences, rules)
    own_from = _first_own_sentence(sentences, rules, method)
    claims: list[Claim] = []
    for sentence in sentences:
        found = _cues(sentence.text, rules)
        cues = [c for c in found if _stands(sentence.text, c, found, rules, method, sentence.index >= own_from)]
        for group in _grouped(cues):
            claims.append(_claim(paper, sentence, group, rules, method))
    return claims


# ---------------------------------------------------------------- cues

def _spans(text: str, start: int, end: int, rules: Rules, group: str) -> list[tuple[int, int]]:
    """`text[start:end]` cut at every match of the boundary group; the boundary itself belongs to neither side."""
    cuts = sorted(m.span() for p in rules.patterns.group(group) for m in p.regex.finditer(text, start, end))
    spans, pos = [], start
    for cut_start, cut_end in cuts:
        if cut_start >= pos:
            spans.append((pos, cut_start))
            pos = cut_end
    spans.append((pos, end))
    return [s for s in spans if s[1] > s[0]]


def _cues(text: str, rules: Rules) -> list[Cue]:
    """Every cue of every claim type, with its clause and scope."""
    cues = []
    for clause in _spans(text, 0, len(text), rules, "claim.clause"):
        scopes = _spans(text, clause[0], clause[1], rules, "claim.scope")
        for claim_type in CLAIM_TYPES:
            for pattern in rules.patterns.group(f"claim.{claim_type}"):
                for m in pattern.regex.finditer(text, clause[0], clause[1]):
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

def _matches(text: str, cue: Cue, rules: Rules, group: str, before_end: int | None = None) -> bool:
    """Whether a phrase of `group` stands where its `side` says, in the cue's scope
    (`before_end` cuts the text looked at before the cue shorter)."""
    before = text[cue.scope[0]:cue.start if before_end is None else min(before_end, cue.start)]
    after = text[cue.end:cue.scope[1]]
    for pattern in rules.patterns.group(group):
        if pattern.side == "before":
            hit = pattern.regex.search(before[-pattern.window:])
        elif pattern.side == "after":
            hit = pattern.regex.search(after[:pattern.window])
        else:
            hit = pattern.regex.search(before, max(0, len(before) - pattern.window))
        if hit:
            return True
    return False


def _is_own(text: str, rules: Rules, method: MethodName | None) -> bool:
    """The paper's own voice: we, our, the proposed, or the method's name."""
    if method and method.name in text:
        return True
    return any(p.regex.search(text) for p in rules.patterns.group("claim.own"))


def _first_own_sentence(sentences: list[Sentence], rules: Rules, method: MethodName | None) -> int:
    """Index of the first sentence in the paper's own voice; the ones before it are background."""
    return next((s.index for s in sentences if _is_own(s.text, rules, method)), 0)


def _stands(text: str, cue: Cue, cues: list[Cue], rules: Rules, method: MethodName | None,
            after_intro: bool) -> bool:
    """A cue is a claim unless negated, hedged, or about other people's work: background is
    read in the subject, before the first cue of the cue's scope, and the paper's own voice
    up to the end of the cue overrules it."""
    if _matches(text, cue, rules, "claim.negation") or _matches(text, cue, rules, "claim.hedge"):
        return False
    if not after_intro and not _is_own(text[cue.scope[0]:cue.scope[1]], rules, method):
        return False
    subject_end = min(c.start for c in cues if c.scope == cue.scope)
    if _matches(text, cue, rules, "claim.background", subject_end):
        return _is_own(text[cue.scope[0]:cue.end], rules, method)
    return True


# ---------------------------------------------------------------- rows

def _claim(paper: Paper, sentence: Sentence, cues: list[Cue], rules: Rules, method: MethodName | None) -> Claim:
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
    for pattern in rules.patterns.group("claim.lead"):
        for m in pattern.regex.finditer(text, start, first.start):
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
    for pattern in rules.patterns.group("claim.dataset"):
        for m in pattern.regex.finditer(text, start, end):
            group = "list" if m.groupdict().get("list") else "name"
            if group == "list":
                found += [span for span in _list_items(text, *m.span("list")) if _is_name(text[span[0]:span[1]], rules)]
            elif m.groupdict().get("name") and _is_name(m.group("name"), rules):
                found.append(m.span("name"))
    return [(a, b, _dataset_name(text[a:b], rules)) for a, b in found]


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a list `A, B, and C` in `text[start:end]`, without surrounding spaces."""
    items, pos = [], start
    for sep in _LIST_SEP.finditer(text, start, end):
        items.append((pos, sep.start()))
        pos = max(pos, sep.end())
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
    entry = rules.datasets.lookup(raw)
    return entry.canonical if entry else raw


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans, left to right, the longer one winning where two overlap."""
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
        for pattern in rules.patterns.group("claim.baseline"):
            for m in pattern.regex.finditer(text, start, end):
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
    skip = [(m.start, m.end) for m in rules.datasets.find(segment)]
    return [name for _, _, name in model_names(segment, rules, skip)]


def _claimant(text: str, first: Cue, rules: Rules, method: MethodName | None) -> str | None:
    """Who claims: the paper's method when the sentence names it or speaks in the paper's voice,
    else the first model name before the cue in its scope."""
    own = method.name if method else None
    before = text[first.scope[0]:first.start]
    if (own and own in text) or _is_own(before, rules, None):
        return own
    names = _names_in(before, rules)
    return names[0] if names else own
