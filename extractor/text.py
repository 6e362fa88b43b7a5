"""Plain text from LaTeX-and-Unicode abstracts, and abbreviation-aware sentences.

A small table-driven cleanup instead of a LaTeX parser: pylatexenc reads an
unescaped `%` as a comment and costs milliseconds per abstract, while abstracts
only ever carry a few dozen LaTeX idioms. Every offset in the output tables
points into the text this module returns.
"""
from __future__ import annotations

import html
import re
import unicodedata

from .records import Sentence

# Accent commands -> combining marks (`N\"UWA` -> NÜWA after NFC).
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b"}

# Symbol commands -> characters; an unknown command keeps its name without the backslash.
_SYMBOLS = {
    "times": "×", "pm": "±", "mp": "∓", "sim": "~", "approx": "≈", "simeq": "≃",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "ll": "≪", "gg": "≫", "neq": "≠",
    "cdot": "·", "cdots": "…", "ldots": "…", "dots": "…", "infty": "∞", "rightarrow": "→",
    "to": "→", "leftarrow": "←", "Rightarrow": "⇒", "degree": "°", "circ": "°",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "(", "}": ")", ",": " ", ";": " ",
    "quad": " ", "qquad": " ", "textasciitilde": "~", "textbackslash": "\\", "ell": "ℓ",
}

_SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")

_ASCII_SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f"  # the ASCII white space other than " "
_SPACES_AND_ZERO_WIDTH = str.maketrans(
    {**{c: " " for c in _ASCII_SPACES + "\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"},  # every other space -> " "
     **{c: None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},                      # zero-width marks -> nothing
     **{chr(c): "\ufffd" for c in range(0xD800, 0xE000)}})  # a lone surrogate (valid JSON, not UTF-8) -> U+FFFD
_ASCII_SPACES_BYTES = bytes.maketrans(_ASCII_SPACES.encode(), b" " * len(_ASCII_SPACES))  # the same, for ASCII text

_DROPPED_COMMANDS = re.compile(r"""
    \\(?:cite[pt]?|citep|citet|citeauthor|ref|eqref|label|footnote|thanks)\*?  # reference-like commands
    (?:\[[^\]]{0,200}\])?                      # an optional [option]
    \{[^{}]{0,500}\}                           # and their argument, dropped whole
    """, re.VERBOSE)
_HREF = re.compile(r"""
    \\href\{([^{}]{0,500})\}\{([^{}]{0,500})\}   # \href{url}{text} -> text (url)
    """, re.VERBOSE)
_WRAPPERS = re.compile(r"""
    \\(?:text[a-z]{0,4}|emph|math[a-z]{0,4}|url|mbox|hbox|operatorname|underline
       |textsc|boldsymbol|bm|small|large|footnotesize|rm|it|bf|tt|sf)   # formatting commands
    \s?\{([^{}]{0,500})\}                       # keep the argument, drop the command
    """, re.VERBOSE)
_DECLARATIONS = re.compile(r"""
    \{\\(?:it|bf|em|rm|sf|tt|sl|sc|bfseries|itshape|mdseries|upshape)\s+   # a font switch opening a group: {\it
    ([^{}]{0,500})\}                                                      # the group's text kept: {\it 20.7} -> 20.7
    """, re.VERBOSE)
_DEGREE = re.compile(r"""
    \^\s?\{?\s?\\circ\s?\}?   # a degree sign written as a superscript circle: 5.02^{\circ}
    """, re.VERBOSE)
_ACCENT_CMD = re.compile(r"""
    \\(["'`^~=.]|[cvuH](?=[{ ]))   # an accent command
    \s?\{?([A-Za-z])\}?            # on one letter, braced or not
    """, re.VERBOSE)
_EXPONENT = re.compile(r"""
    (?<=(\S))\^\{?\s*([0-9+\-]{1,6})\s*\}?   # ^{19} or ^3
    """, re.VERBOSE)
_SYMBOL_CMD = re.compile(r"""
    \\([A-Za-z]+|[%&_#$,;{}])   # \name or an escaped character
    """, re.VERBOSE)
_TILDE_SPACE = re.compile(r"""
    (?<=[A-Za-z.,])~(?=[\\A-Za-z0-9])   # LaTeX's unbreakable space, as in Fig.~3 or et al.~\cite
    |(?<=\d)~(?=[A-Za-z])             # or between a number and its unit: 0.713~eV
    """, re.VERBOSE)
_PLUS_MINUS = re.compile(r"""
    (?<=[\d%(])\s*(?:\+/-|\+-|(?<![A-Za-z])pm(?![A-Za-z]))\s*(?=\d)   # 95.8 pm 1.2, 3 +/- 1, 2+-1, 34.5% (+/- 1.8%)
    """, re.VERBOSE)
_HTML_ENTITY = re.compile(r"""
    &(?:\#\d{1,6}|\#x[0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos|nbsp|plusmn|times|deg|le|ge|asymp);   # &#177;, &amp;
    """, re.VERBOSE)
_MATH_DOLLAR = re.compile(r"""
    (?<!\\)\$   # an unescaped dollar: a math delimiter
    """, re.VERBOSE)
_QUOTES = re.compile(r"""
    ``|''   # LaTeX double quotes
    """, re.VERBOSE)
_DASHES = re.compile(r"""
    (?<!-)---?(?!-)   # -- and --- as en and em dashes
    """, re.VERBOSE)
_SURROGATE = re.compile(r"""
    [\ud800-\udfff]   # a lone surrogate code point
    """, re.VERBOSE)
_BRACES = re.compile(r"""
    (?<!\\)[{}]   # grouping braces left over
    """, re.VERBOSE)
_LATEX_MARKS = ("\\", "$", "`", "{", "}", "~", "--", "''", "&")  # what the LaTeX pass acts on (an `in` test each)
_BEFORE_PLUS_MINUS = "0123456789%("  # what comes right before a ± written in letters or marks
_PLUS_MINUS_MARKS = (  # ± in letters or marks; a digit must come before it (two patterns: each then
    re.compile(r"""      # starts with a literal, which re finds with a fast scan)
        pm\s*\d   # pm before a digit: 95.8 pm 1.2
        """, re.VERBOSE),
    re.compile(r"""
        \+/?-     # +- or +/-
        """, re.VERBOSE))


def singular(word: str) -> str:
    """A plural as usually written, in the singular: entries -> entry, boxes -> box, errors -> error, WERs ->
    WER; words that only end in s (bias, loss, corpus, analysis, axis) stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "sis", "xis", "as")):
        return word[:-1]
    return word


def normalize(raw: str) -> str:
    """Plain, single-spaced text with LaTeX idioms resolved and Unicode composed.

    >>> normalize(r"N\\"UWA reaches 50\\% with $10^{19}$ FLOPs")
    'NÜWA reaches 50% with 10^19 FLOPs'
    """
    if raw.isascii():  # most abstracts: a byte table is three times faster than str.translate
        text = raw.encode("ascii").translate(_ASCII_SPACES_BYTES).decode("ascii")
    else:
        text = raw.translate(_SPACES_AND_ZERO_WIDTH)
    if _has_latex(text):
        text = _resolve_latex(text)
    text = unicodedata.normalize("NFC", text)
    if "  " in text or text[:1] == " " or text[-1:] == " ":  # " " is the only white space left
        text = " ".join(text.split())
    return text


def has_surrogates(text: str) -> bool:
    """Whether `text` holds a lone surrogate (JSON may carry `\\ud800`), which no UTF-8 encoder takes."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (as `normalize` does)."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text


def _has_latex(text: str) -> bool:
    """Anything the LaTeX pass would change."""
    return any(map(text.__contains__, _LATEX_MARKS)) or any(
        text[:m.start()].rstrip()[-1:] in _BEFORE_PLUS_MINUS for mark in _PLUS_MINUS_MARKS for m in mark.finditer(text))


def _resolve_latex(text: str) -> str:
    for marks, pattern, replacement in _LATEX_STEPS:
        if any(map(text.__contains__, marks)):  # most steps find nothing to do, and `in` costs less than a search
            text = pattern.sub(replacement, text)
    return text


def _exponent(m: re.Match) -> str:
    """`10^{19}` stays readable as a power; `T^{3}` in a name becomes T³."""
    if m.group(1).isdigit():
        return "^" + m.group(2)
    return m.group(2).translate(_SUPERSCRIPTS)


# The LaTeX pass, in order: (marks, one of which every match of the pattern holds; pattern; replacement).
_LATEX_STEPS = (
    (("&",), _HTML_ENTITY, lambda m: html.unescape(m.group())),  # &#177; is ±, &amp; is &
    (("~",), _TILDE_SPACE, " "),
    (("\\",), _DROPPED_COMMANDS, ""),
    (("\\",), _HREF, r"\2 (\1)"),
    (("\\",), _DECLARATIONS, r"\1"),
    *[(("\\",), _WRAPPERS, r"\1")] * 3,  # nested wrappers: \textbf{\textit{x}}
    (("\\",), _ACCENT_CMD, lambda m: m.group(2) + _ACCENTS[m.group(1)]),
    (("^",), _DEGREE, "°"),
    (("^",), _EXPONENT, _exponent),
    (("\\",), _SYMBOL_CMD, lambda m: _SYMBOLS.get(m.group(1), m.group(1))),
    (("$",), _MATH_DOLLAR, ""),
    (("+", "pm"), _PLUS_MINUS, " ± "),
    (("``", "''"), _QUOTES, '"'),
    (("--",), _DASHES, lambda m: "–" if len(m.group()) == 2 else "—"),
    (("{", "}"), _BRACES, ""),
)


# Sentence ends: . ! ? (and a closing quote or bracket) before white space and
# a capital, digit, quote or bracket -- unless the word before is an abbreviation.
# Python's re, with the end mark matched rather than looked behind for: twice as fast.
_SENTENCE_END = re.compile(r"""
    [.!?][")\]]?        # the end mark, maybe closed by a quote or bracket
    (?P<gap>\s+)        # the gap between sentences
    (?=["(\[]?[A-Z0-9])  # the next sentence starts with a capital or a digit
    """, re.VERBOSE)
_ABBREVIATION = re.compile(r"""
    (?:\b(?:e\.g|i\.e|et\ al|vs|v\.s|Fig|Figs|Eq|Eqs|Sec|Tab|No|cf|resp|approx|w\.r\.t|viz|Ref|Refs
           |Dr|Mr|Ms|Prof|St|Jr|Inc|Ltd|Co|al|ca|Vol|pp|Ch|Alg|Def|Thm|Prop|Lem|Corr|Apps?)\.
     |(?<![A-Za-z])[A-Z]\.)   # a single initial, as in J. Smith
    ["')\]]?$               # right before the gap
    """, re.VERBOSE)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into `text`; never splits at e.g., et al., Fig. or decimals."""
    sentences: list[Sentence] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        gap_start, gap_end = end.span("gap")
        if _ABBREVIATION.search(text, max(start, gap_start - 12), gap_start):
            continue
        _append(sentences, text, start, gap_start)
        start = gap_end
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
