"""Load and validate the rules in rules/ into immutable lookups.

Lexicon files (metrics, datasets, units, venues) share one table syntax, and
pattern files one cue syntax; both are described in rules/README.md and in
each file's header. Errors quote file and line.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from bisect import bisect_right
from itertools import accumulate, compress, count
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple

import regex

class RulesError(ValueError):
    """A rules file that does not follow its syntax; the message names file and line."""


@dataclass(frozen=True)
class Entry:
    """One lexicon line: an id, the canonical name, its aliases and attributes."""

    id: str
    canonical: str
    aliases: tuple[str, ...]
    attrs: Mapping[str, str]
    source: str
    line: int

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)


@dataclass(frozen=True)
class Mention:
    """A lexicon entry found in a text: `raw == text[start:end]`."""

    entry: Entry
    start: int
    end: int
    raw: str


def alias_key(name: str) -> str:
    """Spelling-insensitive key: `CIFAR-10`, `cifar10` and `CIFAR 10` are one alias."""
    return "".join(tokenize(name).words)


def _exact_case(alias: str) -> bool:
    """An alias written in capitals only (`MATH`, `GLUE`) must be matched as written."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _case_rule(alias: str, entry: Entry) -> bool | frozenset:
    """How a text must spell an alias: True in capitals, one of a set of spellings of its letters and
    digits (an entry with case=exact: `HoC` is not `hoc`, `mAP` not `map`), False in any case."""
    if entry.get("case") == "exact":
        return frozenset((_letters(alias),))
    return _exact_case(alias)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@dataclass(frozen=True)
class Lexicon:
    """Aliases of a rules file, matched on letter/digit tokens, longest first.

    The lookup tables are built once and never changed after `build`.
    """

    name: str
    entries: tuple[Entry, ...]
    _keys: dict = field(repr=False)   # joined tokens -> (entry, exact case)
    _first: dict = field(repr=False)  # first token -> token counts of its aliases, longest first
    _prefixes: frozenset = field(repr=False, default=frozenset())  # every prefix of every joined key
    split_words: bool = False  # whether words a line break split (Ima-geNet) are looked for too

    @classmethod
    def build(cls, name: str, entries: Iterable[Entry], split_words: bool = False) -> "Lexicon":
        entries = tuple(entries)
        keys: dict[str, tuple[Entry, bool]] = {}
        first: dict[str, set[int]] = {}
        for entry in entries:
            for alias in (entry.canonical, *entry.aliases):
                tokens = tokenize(alias).words  # split as texts are, so that keys and texts agree
                if not tokens:
                    continue
                key, rule = "".join(tokens), _case_rule(alias, entry)
                if key in keys and keys[key][0] is entry and isinstance(rule, frozenset):
                    rule = rule | keys[key][1]  # case=exact: each spelling of one key as written
                if key not in keys or (keys[key][0] is entry and (rule is False or isinstance(rule, frozenset))):
                    keys[key] = (entry, rule)  # a spelling not all in capitals (`fps`, `Rouge-1`) lets any case match
                first.setdefault(tokens[0], set()).add(len(tokens))
        lengths = {t: tuple(sorted(n, reverse=True)) for t, n in first.items()}
        prefixes = frozenset(key[:k] for key in keys for k in range(1, len(key) + 1))
        return cls(name, entries, keys, lengths, prefixes, split_words)

    def lookup(self, name: str, cased: bool = False) -> Entry | None:
        """The entry whose alias spells `name`, if any; `cased`: only where the alias's case rule lets
        `name` be written so (a name MACC is no mAcc, Glue no GLUE)."""
        hit = self._keys.get(alias_key(name))
        if hit is None or (cased and _case_differs(hit[1], name)):
            return None
        return hit[0]

    def spells(self, word: str) -> bool:
        """Whether `word` is one alias as a text would be read (the case rules apply): `ms`, not `MS`."""
        found = self.find(word)
        return len(found) == 1 and found[0].start == 0 and found[0].end == len(word)

    def find(self, text: str, tokens: "Tokens | None" = None) -> list[Mention]:
        """Non-overlapping mentions, left to right, the longest alias winning.

        `tokens` (from `tokenize(text)`) lets several lexicons share one tokenization.
        """
        tokens = tokenize(text) if tokens is None else tokens
        words = tokens.words
        found: list[Mention] = []
        free = 0  # the first token not inside a mention found
        starts = self._starts(words)
        split = self._split_words(text, tokens) if self.split_words and "-" in text and _SPLIT_HYPHEN.search(text) \
            else {}
        for i in sorted(set(starts).union(split)) if split else starts:
            hit = None
            if i >= free:
                hit = self._longest_at(text, tokens, i, starts[i]) if i in starts else None
                hit = hit or (self._split_at(text, tokens, i) if i in split else None)
            if hit is not None:
                found.append(hit[0])
                free = hit[1]
        return found

    def _starts(self, words: list[str]) -> dict[int, tuple[int, ...]]:
        """The tokens that may begin an alias (most begin none), each with the token counts of the
        aliases it may begin, longest first, less those the next token rules out."""
        first, prefixes = self._first, self._prefixes
        starts = {}
        last = len(words) - 1
        for i in compress(count(), map(first.__contains__, words)):
            lengths = first[words[i]]
            if lengths[0] > 1 and i < last:  # whether some alias's key begins with the two tokens
                pair, second = words[i] + words[i + 1], words[i + 1]  # (its last token may carry a plural s)
                if pair not in prefixes and not (second.endswith("s") and pair[:-1] in prefixes):
                    lengths = (1,) if lengths[-1] == 1 else ()  # no alias begins with these two tokens
                    if not lengths:
                        continue
            starts[i] = lengths
        return starts

    def _split_words(self, text: str, tokens: "Tokens") -> set[int]:
        """Tokens whose word a line break split with a hyphen (`Ima-geNet`, text from PDFs): the first
        half, where it is capitalized, the second starts in lower case and the halves joined begin an alias."""
        words, bounds = tokens.words, tokens.bounds
        found = set()
        for m in _SPLIT_HYPHEN.finditer(text):  # far fewer than the tokens (names start with a capital)
            k = bisect_right(bounds, m.end()) // 2  # the token that starts after the hyphen
            if 0 < k < len(words) and tokens.gaps[k] == "-" and (words[k - 1] + words[k]) in self._prefixes:
                found.add(k - 1)
        return found

    def _split_at(self, text: str, tokens: "Tokens", i: int):
        """The longest alias spelled by the halves of a split word and the tokens after it."""
        words = tokens.words
        for j in range(min(len(words), i + 5), i + 1, -1):
            key = "".join(words[i:j])
            hit = self._keys.get(key)
            if hit is None or not _tight(tokens.gaps, i, j):
                continue
            start, end = tokens.bounds[2 * i], tokens.bounds[2 * j - 1]
            raw = text[start:end]
            if _case_differs(hit[1], raw) or _inside_word(text, start, end):
                continue
            return Mention(hit[0], start, end, raw), j
        return None

    def _longest_at(self, text: str, tokens: "Tokens", i: int, lengths: tuple[int, ...]):
        words = tokens.words
        for n in lengths:
            j = i + n
            if j > len(words) or (n > 1 and not _tight(tokens.gaps, i, j)):
                continue
            key = words[i] if n == 1 else "".join(words[i:j])
            hit, plural = self._keys.get(key), False
            if hit is None and key.endswith("s") and len(key) > 3:
                hit, plural = self._keys.get(key[:-1]), True  # a plural s the alias lacks: WERs
            if hit is None:
                continue
            start, end = tokens.bounds[2 * i], tokens.bounds[2 * j - 1]
            raw = text[start:end]
            if _case_differs(hit[1], raw, plural) or _NAME_GOES_ON.match(text, end) or _inside_word(text, start, end) \
                    or _MODIFIER_AFTER.match(text, end) \
                    or _NAME_CAME_ON.search(text, max(0, start - 2), start) \
                    or (raw[-1].isdigit() and text.startswith("%", end)):  # recall at 1% FPR: no R@1
                continue
            return Mention(hit[0], start, end, raw), j
        return None


_TOKEN_SPLIT = re.compile(r"""
    ([^\W\d_]+|\d+)   # a run of letters or of digits (MOT16, MOT-16 and MOT 16 are the same two tokens),
                     # kept by split between the text around it
    """, re.VERBOSE)
_ASCII_TOKEN_SPLIT = re.compile(r"""
    ([a-z]+|[0-9]+)   # the same runs in lower-cased ASCII text
    """, re.VERBOSE)
_SPLIT_HYPHEN = re.compile(r"""
    \b[A-Z][A-Za-z]{0,12}-(?=[a-z])   # a capitalized first half, a hyphen, a lower-case second half: Ima-geNet
    """, re.VERBOSE)
_DECIMAL_BEFORE = re.compile(r"""
    (?<![\w.])\d+\.\d+$   # a decimal number right before (54.3AP): a value with its metric written against it
    """, re.VERBOSE)
_NAME_GOES_ON = re.compile(r"-[A-Z0-9]")  # CIFAR10-DVS is not CIFAR-10: a capital or digit after a hyphen continues a name
_MODIFIER_AFTER = re.compile(r"-(?:less|free|agnostic)\b")  # memory-less, training-free: a modifier, no mention
_NAME_CAME_ON = re.compile(r"[A-Z0-9]-$")  # A-OKVQA is not OK-VQA, P-FID no FID: a capital or digit before a hyphen began a name


class Tokens(NamedTuple):
    """A text's runs of letters or digits, from one split (no object per token): `words`
    lower-cased; `gaps[k]` the text before words[k] (one more gap after the last word);
    `bounds` the running length of gap, word, gap, ...: words[k] is text[bounds[2k]:bounds[2k+1]]."""

    words: list[str]
    gaps: list[str]
    bounds: list[int]


@lru_cache(maxsize=512)
def tokenize(text: str) -> Tokens:
    """The letter and digit runs of `text`, for `Lexicon.find` (kept for the last texts: a sentence is
    looked up in several lexicons by several steps, a name in several lexicons; callers only read them)."""
    if text.isascii():  # most text: plain ASCII classes test faster than Unicode categories
        parts = _ASCII_TOKEN_SPLIT.split(text.lower())
        return Tokens(parts[1::2], parts[0::2], list(accumulate(map(len, parts))))
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: keep offsets exact
        parts = _TOKEN_SPLIT.split(text)
        words = [w.lower() for w in parts[1::2]]
    else:
        parts = _TOKEN_SPLIT.split(lower)
        words = parts[1::2]
    return Tokens(words, parts[0::2], list(accumulate(map(len, parts))))


def _inside_word(text: str, start: int, end: int) -> bool:
    """A match that starts or ends inside a word (F1 in 1F1B) is no mention; one written against a
    decimal number is (54.3AP)."""
    glued = start > 1 and text[start - 1].isdigit() and _DECIMAL_BEFORE.search(text, max(0, start - 12), start)
    return (start > 0 and text[start - 1].isalnum() and not glued) or (end < len(text) and text[end].isalnum())


def _tight(gaps: list[str], i: int, j: int) -> bool:
    """Tokens i..j-1 of one name are joined by at most a space or a hyphen-like mark, or ` & ` (Tanks & Temples),
    or a caret or an underscore (R^2, AP^box, F_1 and mAP_50 from LaTeX sub- and superscripts)."""
    for gap in gaps[i + 1:j]:
        if (len(gap) > 2 and gap != " & ") or (gap and gap.strip(" -–/.&'+@^_")):
            return False
    return True


def _all_caps(raw: str, plural: bool | None = None) -> bool:
    """Capitals only, but for a plural s (`WERs`); `plural` False: the s is the alias's own (`FPs` is no FPS)."""
    bare = raw[:-1] if raw.endswith("s") and plural is not False else raw
    return all(c.isupper() for c in bare if c.isalpha())


def _case_differs(rule: bool | frozenset, raw: str, plural: bool | None = None) -> bool:
    """Whether `raw` breaks an alias's case rule (see `_case_rule`); `plural`: whether `raw` ends in
    a plural s the alias lacks (None: unknown, a final s may be one)."""
    if isinstance(rule, frozenset):
        letters = _letters(raw)
        return letters not in rule and (plural is False or letters[:-1] not in rule)
    return rule and not _all_caps(raw, plural)


# ---------------------------------------------------------------- table files

_COMMENT = regex.compile(r"""
    (?<!\\)\#.*$   # from an unescaped # to the end of the line
    """, regex.VERBOSE)
_ATTR = regex.compile(r"""
    ^\s*([a-z_]+)\s*=\s*(.*?)\s*$   # key = value
    """, regex.VERBOSE)
_ID = regex.compile(r"""
    ^[a-z0-9][a-z0-9_.+-]*$   # ids: lower case letters, digits and _ . + -
    """, regex.VERBOSE)


def read_table(path: Path, keys: Mapping[str, Iterable[str] | None], required: Iterable[str] = ()) -> list[Entry]:
    """Parse `id | canonical | alias; alias | key=value, key=value` lines.

    `keys` maps each allowed attribute to its allowed values (None: any value).
    """
    entries: list[Entry] = []
    seen_ids: dict[str, int] = {}
    seen_aliases: dict[str, tuple[str, int]] = {}
    for line_no, line in enumerate(_lines(path), 1):
        body = _COMMENT.sub("", line).strip()
        if not body:
            continue
        entry = _parse_entry(path, line_no, body, keys, required)
        if entry.id in seen_ids:
            raise RulesError(f"{path.name}:{line_no}: duplicate id {entry.id!r} (first on line {seen_ids[entry.id]})")
        seen_ids[entry.id] = line_no
        for alias in {alias_key(a) for a in (entry.canonical, *entry.aliases)}:
            if alias in seen_aliases and seen_aliases[alias][0] != entry.id:
                other, other_line = seen_aliases[alias]
                raise RulesError(f"{path.name}:{line_no}: alias {alias!r} of {entry.id!r} is already "
                                 f"an alias of {other!r} on line {other_line}")
            seen_aliases[alias] = (entry.id, line_no)
        entries.append(entry)
    return entries


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RulesError(f"{path}: rules file missing") from None
    except UnicodeDecodeError as err:
        raise RulesError(f"{path.name}: not UTF-8 (byte {err.start})") from None


def _parse_entry(path: Path, line_no: int, body: str, keys, required) -> Entry:
    where = f"{path.name}:{line_no}"
    cells = [c.strip() for c in body.split("|")]
    if len(cells) < 2 or len(cells) > 4:
        raise RulesError(f"{where}: expected 'id | canonical | aliases | attributes', got {len(cells)} cells")
    cells += [""] * (4 - len(cells))
    entry_id, canonical, aliases, attrs = cells
    if not _ID.match(entry_id):
        raise RulesError(f"{where}: bad id {entry_id!r} (lower case letters, digits, _ . + -)")
    if not canonical:
        raise RulesError(f"{where}: {entry_id!r} has no canonical name")
    parsed = _parse_attrs(where, attrs, keys)
    missing = [k for k in required if k not in parsed]
    if missing:
        raise RulesError(f"{where}: {entry_id!r} lacks {', '.join(missing)}")
    alias_list = tuple(a.strip().replace("\\#", "#") for a in aliases.split(";") if a.strip())
    if any(_ATTR.match(a) and a.split("=")[0].strip() in keys for a in alias_list):
        raise RulesError(f"{where}: alias cell of {entry_id!r} holds key=value: attributes go in the fourth cell "
                         "(write an empty alias cell: `id | name | | key=value`)")
    return Entry(entry_id, canonical.replace("\\#", "#"), alias_list, MappingProxyType(parsed), path.name, line_no)


def _parse_attrs(where: str, attrs: str, keys) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in (a for a in attrs.split(",") if a.strip()):
        m = _ATTR.match(item)
        if not m:
            raise RulesError(f"{where}: attribute {item.strip()!r} is not key=value")
        key, value = m.groups()
        if key not in keys:
            raise RulesError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(keys))})")
        allowed = keys[key]
        if allowed is not None and value not in allowed:
            raise RulesError(f"{where}: {key}={value!r} is not one of {', '.join(sorted(allowed))}")
        parsed[key] = value
    return parsed


# ---------------------------------------------------------------- the rule set

def default_rules_dir() -> Path:
    """rules/ inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "metrics.txt").is_file():
            return candidate
    raise RulesError(f"no rules folder found beside {here}")


def rules_hash(folder: Path) -> str:
    """SHA-256 over the rules files' names and bytes: the version of the rules."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Rules:
    """All lexicons and patterns, loaded once per process."""

    folder: Path
    hash: str
    metrics: Lexicon
    datasets: Lexicon
    venues: Lexicon
    units: Lexicon
    patterns: "object"  # extractor.patterns.Patterns; typed loosely to keep imports one-way
    tasks: Lexicon | None = None  # tasks.txt; None for a rules folder without one


METRIC_KEYS = {"better": {"higher", "lower"}, "scale": {"percent", "fraction", "unbounded"},
               "unit": None, "kind": {"score", "efficiency"}, "norm": None, "case": {"exact"}}
DATASET_KEYS = {"task": None, "parent": None, "kind": {"benchmark", "split", "suite"}, "case": {"exact"}}
VENUE_KEYS = {"field": None}
TASK_KEYS = {"area": {"vision", "language", "speech", "audio", "graphs", "multimodal", "control", "time series",
                      "medical", "recommendation", "code", "other"}}
PATTERN_FILES = ("patterns.txt", "claims.txt")
UNIT_KEYS = {"kind": {"model_size", "data_size", "efficiency", "score", "count"},
             "unit": None, "scale": None, "metric": None, "min": None, "time": {"yes"}}


@lru_cache(maxsize=8)
def load_rules(folder: str | Path | None = None) -> Rules:
    """Read and validate every rules file; cached, so each process loads them once."""
    from .numbers import WORD_NUMBER_NEEDLES
    from .patterns import load_patterns

    folder = Path(folder) if folder else default_rules_dir()
    metrics = Lexicon.build("metrics", read_table(folder / "metrics.txt", METRIC_KEYS, ("better", "scale")))
    datasets = Lexicon.build("datasets", read_table(folder / "datasets.txt", DATASET_KEYS), split_words=True)
    _check_parents(folder / "datasets.txt", datasets)
    venues = Lexicon.build("venues", read_table(folder / "venues.txt", VENUE_KEYS))
    units = Lexicon.build("units", read_table(folder / "unit_words.txt", UNIT_KEYS, ("kind", "unit")))
    patterns = load_patterns(*[folder / n for n in PATTERN_FILES if (folder / n).is_file()],
                             also=WORD_NUMBER_NEEDLES)  # numbers in words: their needle test shares the finder
    tasks = Lexicon.build("tasks", read_table(folder / "tasks.txt", TASK_KEYS)) if (folder / "tasks.txt").is_file() \
        else None
    return Rules(folder, rules_hash(folder), metrics, datasets, venues, units, patterns, tasks)


def _check_parents(path: Path, lexicon: Lexicon) -> None:
    ids = {e.id for e in lexicon.entries}
    for e in lexicon.entries:
        parent = e.get("parent")
        if parent and parent not in ids:
            raise RulesError(f"{path.name}:{e.line}: parent {parent!r} of {e.id!r} is not an id in this file")
