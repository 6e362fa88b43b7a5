"""Whose number is it: the paper's own method, and the names of other models in a sentence."""
from __future__ import annotations

from dataclasses import dataclass

import re

from .records import Paper, Sentence
from .rules import Rules

# A model-like name: capitals with letters or digits (PIPD, SimpleNet, GPT-3,
# ResNet50-D, NÜWA), or a capitalized word with a short capital or numeric suffix (Swin-T,
# Llama-2), optionally with a short suffix (-Infinity, -v2).
_NAME = r"(?:[A-Z][\w]*[A-Z0-9][\w]*(?:\.\d+[a-z]*)?|[A-Z][a-z]+[A-Z][\w]*|[A-Z][a-z]+(?=-(?:[A-Z0-9]{1,4}|\d[\w.]*|[A-Z][a-z]*[A-Z][\w]*|large|base|small|tiny|medium|mini|nano|xl|xxl|lite)(?![\w])))(?:[-/][\w.]*\w){0,3}\+{0,2}"
NAME_PATTERN = _NAME  # for other steps' regexes that look for a model's name
NAME = re.compile(rf"""
    (?<![\w-])(?P<name>{_NAME}(?:\ {_NAME})?)(?![\w-])   # a token that looks like a model's name (OpenAI Codex)
    """, re.VERBOSE)
_TITLE_PREFIX = re.compile(rf"""
    ^(?P<name>(?:[A-Z][\w-]+\ {_NAME}|{_NAME}|[a-z]{{1,4}}[A-Z][\w-]*|[A-Z][\w-]+|\d[\w]*-[A-Z][\w-]*)(?:\ V?\d+(?:\.\d+)?)?)\s?[:,]\s   # `SpikeGPT: ...`, `SortedNet, a ...`, `Gemini 1.5: ...`, `cuPilot: ...`, `Spatial RoboGrasp: ...`
    """, re.VERBOSE)
_TITLE_PHRASE = re.compile(r"""
    ^(?P<name>[A-Z][\w-]*(?:\ (?:(?:on|of|the|for|in|to|and|a|at|with)\ )*[A-Z][\w-]*){1,4})\s?:\s   # `Gaze on the Prize: ...`
    """, re.VERBOSE)
_TITLE_PHRASE_RULE = "method.title_phrase"  # the rule of a method named by a title's phrase of words
_TITLE_ACRONYM = re.compile(r"""
    ^(?:[A-Z][\w-]*\ ){1,6}\((?P<name>[A-Za-z][\w-]*[A-Z][\w-]*)\)\s?:\s   # `You Only Train Once (YOTO): ...`
    """, re.VERBOSE)
_ACRONYM_DEFINITION = re.compile(r"""
    \((?P<name>(?:(?=[a-z\-]{0,5}[A-Z])[A-Za-z][\w-]*[A-Z][\w-]*|[A-Z][a-z]+\ [A-Z][A-Z0-9-]+)(?:\ V?\d+(?:\.\d+)?)?)[),;]   # `... Learning (NCL)`, `(CPT, or ...)`, `(pc-dbCBS)`, `(BiSeNet V2)`
    """, re.VERBOSE)
_NAMED_WORD = re.compile(r"""
    [\s,:"'“]*(?P<name>(?:\d\w*(?=[A-Z])|[a-z]{1,3})?[A-Z][\w.+-]*[\w+](?:\ [A-Z][\w.+-]*[\w+]){0,2})(?=["'”]?[,.;:)]|["'”]?\ (?![A-Z]))   # "Pixio", Stellar VLA, Lite Any Stereo, 4DHOISolver
    """, re.VERBOSE)
_SPELLED_OUT = re.compile(r"""
    [\s,:"'“]*(?:[A-Z][\w-]*\ (?:(?:of|for|and|with|in|on|the|to)\ )?){1,7}   # Bilateral Segmentation Network, before its (ACRONYM)
    """, re.VERBOSE)
_BASELINE_GAP = 12    # characters between a baseline cue and a name it puts in its slot, whatever they are
_DESCRIBED_GAP = 60   # and at most, when they are words that describe the baseline (baseline.described)
_PLURAL_ACRONYM = re.compile(r"""
    [A-Z]{2,}s$   # PTMs, LLMs, CNNs: a class of models, not one model
    """, re.VERBOSE)


NOT_LOOKED_FOR = object()  # a caller's `own` argument when it has not looked for the paper's method


@dataclass(frozen=True)
class MethodName:
    """The paper's own method as the text names it, with the rule that found it."""

    name: str
    rule: str


def proposed_method(paper: Paper, sentences: list[Sentence], rules: Rules,
                    defined: tuple[str, ...] | None = None) -> MethodName | None:
    """The paper's own method: `termed X`, `we propose X`, `X (ACR)`, or a title prefix `X: ...`;
    never a data set the paper defines (`defined`, when the caller has looked for them)."""
    defined = defined_datasets(paper, rules) if defined is None else defined
    titled = _title_name(paper, rules, defined) or _title_phrase(paper, rules, defined)
    if titled is not None and titled.name in paper.abstract:
        return _abbreviated(titled, paper.abstract, rules)  # `Mantis: ...` named in the abstract: the method
    if titled is not None and titled.rule == _TITLE_PHRASE_RULE:
        titled = None  # a phrase of words (`Scaling Laws for Language Models: ...`) names a method only if the abstract does
    for i, sentence in enumerate(sentences):
        found = _defined_in(sentence.text, rules)
        if found and not is_defined(found.name, defined):
            return _extended(found, sentences[i + 1:], rules) or found
    return titled


def _extended(found: MethodName, later: list[Sentence], rules: Rules) -> MethodName | None:
    """`a statistic called ... (NSG)`, then `an NSG-based detection method (NSG-VD)`: a later definition
    of a name built on the first is the method the first is a part of."""
    for sentence in later:
        if found.name + "-" in sentence.text:
            longer = _defined_in(sentence.text, rules)
            if longer and longer.name.startswith(found.name + "-"):
                return longer
    return None


def _title_name(paper: Paper, rules: Rules, defined: tuple[str, ...]) -> MethodName | None:
    """The name a title opens with (`SpikeGPT: Generative ...`, `You Only Train Once (YOTO): ...`), unless
    generic or a defined data set."""
    m = (_TITLE_PREFIX.match(paper.title) or _TITLE_ACRONYM.match(paper.title)) if paper.title else None
    if m and paper.title.startswith(",", m.end("name")) and not NAME.fullmatch(m.group("name")):
        return None  # `Design, Integration, and Evaluation of ...`: a plain word before a comma names nothing
    last = m.group("name").rsplit(" ", 1)[-1] if m else ""
    if m and " " in m.group("name") and (generic(last, rules) or _PLURAL_ACRONYM.search(last)):
        return None  # `Efficient LLMs: A Survey`: a kind of model, no name
    if m and not generic(m.group("name"), rules) and not is_defined(m.group("name"), defined):
        return MethodName(m.group("name"), "method.title_prefix")
    return None


def _abbreviated(titled: MethodName, abstract: str, rules: Rules) -> MethodName:
    """A title's phrase the abstract abbreviates (`Guaranteed Guess (GG)`) by its acronym, which the text uses."""
    if titled.rule != _TITLE_PHRASE_RULE:
        return titled
    at = abstract.find(titled.name + " (")  # any mention followed by a bracket
    acronym = _ACRONYM_DEFINITION.match(abstract, at + len(titled.name) + 1) if at >= 0 else None
    return MethodName(acronym.group("name"), titled.rule) if acronym and _usable(acronym.group("name"), rules) else titled


def _title_phrase(paper: Paper, rules: Rules, defined: tuple[str, ...]) -> MethodName | None:
    """A title opening with capitalized words and small words between (`Gaze on the Prize: ...`)."""
    m = _TITLE_PHRASE.match(paper.title) if paper.title else None
    if m is None or " " not in m.group("name") or generic(m.group("name").rsplit(" ", 1)[-1], rules) \
            or is_defined(m.group("name"), defined):
        return None
    return MethodName(m.group("name"), _TITLE_PHRASE_RULE)


def is_defined(name: str, defined: tuple[str, ...]) -> bool:
    """Whether a name is one of the paper's data sets, or their name less a version (RoboMIND of RoboMIND 2.0)."""
    return defined_name(name, defined) is not None


def defined_name(name: str, defined: tuple[str, ...]) -> str | None:
    """The paper's data set a name stands for, with its version (RoboMIND 2.0 for RoboMIND); None if none."""
    if name in defined:
        return name
    return next((d for d in defined if d.startswith(name + " ")), None)


def defined_datasets(paper: Paper, rules: Rules) -> tuple[str, ...]:
    """The data sets the paper defines (rules groups dataset.defined, dataset.defined_title), in text
    order (the patterns do not cross a full stop, so the abstract is searched whole: a pattern only
    where substring tests find its needles)."""
    names = []
    if paper.title:
        title = paper.title.lower()
        names += [m.group("name") for p in rules.patterns.group("dataset.defined_title")
                  if p.may_occur_in(title, paper.title) for m in [p.regex.match(paper.title)] if m]
    lower = paper.abstract.lower()
    names += [m.group("name") for p in rules.patterns.group("dataset.defined")
              if p.may_occur_in(lower, paper.abstract) for m in p.finditer(paper.abstract)]
    return tuple(dict.fromkeys(n for n in names if not generic(n, rules)))


def _defined_in(text: str, rules: Rules) -> MethodName | None:
    """A method name introduced by a definition cue in one sentence."""
    for pattern in rules.patterns.candidates("method.definition", text):
        m = pattern.search(text)
        if not m:
            continue
        if m.re.groupindex.get("name") and m.group("name"):  # the pattern spans the name: `X is a novel framework`
            if NAME.fullmatch(m.group("name")) and _usable(m.group("name"), rules):
                return MethodName(m.group("name"), pattern.id)
            continue
        after = text[m.end():m.end() + 120]
        acronym = _ACRONYM_DEFINITION.search(after)
        name = NAME.match(after.lstrip(" ,:\"'“"))
        if pattern.get("kind") == "acronym" and acronym and _usable(acronym.group("name"), rules) \
                and not _names_task(text[max(0, m.end() - 80):m.end() + acronym.start()], rules):
            return MethodName(acronym.group("name"), pattern.id)
        if name and _usable(name.group("name"), rules):
            return MethodName(name.group("name").rstrip(".,"), pattern.id)
        if acronym and _SPELLED_OUT.fullmatch(after, 0, acronym.start()) and _usable(acronym.group("name"), rules):
            return MethodName(acronym.group("name"), pattern.id)  # termed Bilateral Segmentation Network (BiSeNet V2)
        word = _NAMED_WORD.match(after) if pattern.get("kind") == "named" else None
        if word and _usable(word.group("name"), rules) and not generic(word.group("name"), rules):
            return MethodName(word.group("name"), pattern.id)  # codenamed "Pixio"
    return None


def _names_task(before: str, rules: Rules) -> bool:
    """`for salient object detection (SOD)`: the words an acronym abbreviates are a task, not a method."""
    if rules.tasks is None:
        return False
    found = rules.tasks.find(before)
    return bool(found) and before[found[-1].end:].strip() == ""


def _usable(name: str, rules: Rules) -> bool:
    """A method's name: not a generic acronym and not a data set's or metric's name (as a text would spell
    it: MACC is no mAcc)."""
    return not generic(name, rules) and not rules.datasets.lookup(name) and not rules.metrics.lookup(name, cased=True)


def generic(name: str, rules: Rules) -> bool:
    """A word that looks like a name but names a field or a kind of model (NLP, LLM, SOTA): rules group name.generic."""
    return any(p.regex.fullmatch(name) for p in rules.patterns.group("name.generic"))


def model_names(text: str, rules: Rules, skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Model-like names in a sentence outside the given spans (datasets, metrics): (start, end, name)."""
    found = []
    for m in NAME.finditer(text):
        (start, end), name = m.span("name"), m.group("name")
        lead, _, rest = name.partition(" ")
        if rest and generic(lead, rules):  # the VLM Gemini-Pro: a kind of model, then its name
            start, name = start + len(lead) + 1, rest
        tail = next((t for p in rules.patterns.group("name.modifier_tail") if (t := p.regex.search(name))), None)
        if tail is not None:  # ACP-powered systems: the name is ACP
            end, name = end - (len(name) - tail.start()), name[:tail.start()]
        if generic(name, rules) or _PLURAL_ACRONYM.search(name) or any(s < end and start < e for s, e in skip):
            continue
        if rules.metrics.lookup(name, cased=True) or rules.datasets.lookup(name) or rules.units.lookup(name) \
                or rules.patterns.first("name.hardware_after", text, end, min(len(text), end + 24)):
            continue
        found.append((start, end, name))
    return found


def baseline_for(text: str, start: int, end: int, names: list[tuple[int, int, str]], rules: Rules) -> str | None:
    """The competitor a change or share is measured against: `than X`, `over X`, `of the original X`."""
    for pattern in rules.patterns.candidates("baseline.before", text):
        for m in pattern.finditer(text, max(0, start - 120), min(len(text), end + 80)):
            after = [nm for nm in names if _names_after(text, m.end(), nm[0], rules)]
            if after:
                return after[0][2]
    return None


def _names_after(text: str, cue_end: int, name_start: int, rules: Rules) -> bool:
    """Whether a name starting at `name_start` is the one a baseline cue ending at `cue_end` puts in its
    slot: right after it (`than X`), or after words that describe it (`than the best lightweight model X`)."""
    gap = name_start - cue_end
    if 0 <= gap <= _BASELINE_GAP:
        return True
    return _BASELINE_GAP < gap <= _DESCRIBED_GAP and any(
        p.regex.fullmatch(text, cue_end, name_start) for p in rules.patterns.candidates("baseline.described", text))


def setting_of(text: str, rules: Rules) -> str | None:
    """The conditions a sentence states for its numbers (`zero-shot`, `with 1000 labels`), as written."""
    for pattern in rules.patterns.candidates("setting", text):
        m = pattern.search(text)
        if m:
            return m.group().strip()
    return None
