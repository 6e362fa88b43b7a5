"""Normalization and sentence splitting: tables of real phrasings, one id per case."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from extractor.text import _LATEX_STEPS, _has_latex, normalize, singular, split_sentences

NORMALIZE = [
    ("textit", r"the \textit{on} and \textbf{at} predicates", "the on and at predicates"),
    ("umlaut", r'N\"UWA generates videos', "NÜWA generates videos"),
    ("umlaut-braced", r'N\"{U}WA', "NÜWA"),
    ("acute", r"Fr\'echet distance", "Fréchet distance"),
    ("percent-escaped", r"more than 50\% smaller", "more than 50% smaller"),
    ("percent-bare", "reaches 50% accuracy", "reaches 50% accuracy"),
    ("superscript-name", r"DFKD-T$^{3}$ framework", "DFKD-T³ framework"),
    ("power", r"$10^{19}$ FLOPs", "10^19 FLOPs"),
    ("power-mantissa", r"$4.5 \times 10^{6}$ texts", "4.5 × 10^6 texts"),
    ("times", r"$3.2\times$ faster", "3.2× faster"),
    ("url", r"at \url{https://github.com/x/y}", "at https://github.com/x/y"),
    ("cite", r"as shown by Smith~\cite{smith2020} we", "as shown by Smith we"),
    ("quotes", r"called ``grounding'' here", 'called "grounding" here'),
    ("en-dash", "pages 3--5", "pages 3–5"),
    ("nbsp", "81.2\u00a0% on\u2009ImageNet", "81.2 % on ImageNet"),
    ("pm-word", "95.8 pm 1.2", "95.8 ± 1.2"),
    ("pm-latex", r"95.8 $\pm$ 1.2", "95.8 ± 1.2"),
    ("plus-minus-ascii", "3.1 +/- 0.2", "3.1 ± 0.2"),
    ("plus-minus-short", "3.1+-0.2", "3.1 ± 0.2"),
    ("plus-minus-after-percent", "68.4% +- 4.8%", "68.4% ± 4.8%"),
    ("plus-minus-in-brackets", "34.5% (+/- 1.8%)", "34.5% ( ± 1.8%)"),
    ("html-entities", "6.2% &#177; 2.8% for R&amp;D", "6.2% ± 2.8% for R&D"),
    ("ampersand-stays", "SEE&TREK & Q&A", "SEE&TREK & Q&A"),
    ("newlines", "line one\nline two\n\n", "line one line two"),
    ("underscore", r"DFKD\_T3", "DFKD_T3"),
    ("tilde-about", "a gain of ~5%", "a gain of ~5%"),
    ("zero-width", "Res\u200bNet", "ResNet"),
    ("emph-nested", r"\textbf{\textit{bold}} move", "bold move"),
    ("degree-as-a-superscript-circle", r"errors of $\textbf{5.02}^{\circ}$ and $3.4^\circ$", "errors of 5.02° and 3.4°"),
    ("font-switch-in-a-group", r"safety up by ${\it 20.7}\%$ and {\bf 3.2} points", "safety up by 20.7% and 3.2 points"),
    ("href", r"\href{https://a.b/c}{our code}", "our code (https://a.b/c)"),
    ("plain-untouched", "Nothing to change here.", "Nothing to change here."),
    ("line-separator", "one\u2028two\x1cthree\x85four", "one two three four"),
    ("pm-in-a-word", "an improvement of 2 pm", "an improvement of 2 pm"),
    ("plus-minus-after-space", "95.8   +/-  1.2 with x^2", "95.8 ± 1.2 with x²"),
    ("caret-without-latex", "x^2 and 10^3", "x^2 and 10^3"),
    ("escaped-dollar", r"costs \$5 and $x$", "costs 5 and x"),
    ("latex-spaces", r"a\quad b \, c", "a b c"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in NORMALIZE], ids=[c[0] for c in NORMALIZE])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def _every_latex_step(text: str) -> str:
    """The LaTeX pass without its `in` tests: each step's marks only let it skip texts it cannot change."""
    for _, pattern, replacement in _LATEX_STEPS:
        text = pattern.sub(replacement, text)
    return text


LATEX_ROWS = [c for c in NORMALIZE if _has_latex(c[1])]


@pytest.mark.parametrize("raw", [c[1] for c in LATEX_ROWS], ids=[c[0] for c in LATEX_ROWS])
def test_latex_steps_skipped_by_their_marks_change_nothing(raw):
    assert normalize(raw) == normalize(_every_latex_step(" ".join(raw.split())))


def test_latex_steps_skipped_on_real_abstracts_change_nothing(shared):
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[0]
    latex = 0
    for line in path.read_text(encoding="utf-8").splitlines()[:1000]:
        raw = json.loads(line).get("abstract") or ""
        if _has_latex(raw):
            latex += 1
            assert normalize(raw) == normalize(_every_latex_step(raw)), raw[:80]
    assert latex > 20


@given(st.lists(st.sampled_from(list("ab1 .%$\\{}~^-'`") + ["\n", "\t", "\u00a0", "\u2028", "\x1c", "\u200b",
                                                            "pm", "+/-", "\\pm", "\u3000"])).map("".join))
def test_normalized_text_is_single_spaced(raw):
    text = normalize(raw)
    assert "  " not in text and text == text.strip(" ")
    assert all(c == " " or not c.isspace() for c in text)


SPLITS = [
    ("eg", "We use e.g. BERT and RoBERTa. Then we stop.", 2),
    ("ie", "One desideratum is faithfulness, i.e. an explanation should be true. Next.", 2),
    ("et-al", "Kirchenbauer et al. proposed it. We test it.", 2),
    ("vs", "Ours vs. Theirs is compared. Done.", 2),
    ("fig", "As Fig. 3 shows, it works. Done.", 2),
    ("wrt", "Robust w.r.t. Noise it is. Done.", 2),
    ("decimal", "We reach 81.2% accuracy. Version 2.0 is out.", 2),
    ("question", "Can it count? It can. Really!", 3),
    ("initial", "As J. Smith showed, it holds. Yes.", 2),
    ("lowercase-next", "We use approx. three runs. Done.", 2),
    ("etc-then-capital", "It handles nouns, verbs, etc. Furthermore, it is fast.", 2),
    ("etc-then-lowercase", "It handles nouns, verbs, etc. and more. Done.", 2),
]


@pytest.mark.parametrize("text,count", [c[1:] for c in SPLITS], ids=[c[0] for c in SPLITS])
def test_split_sentences(text, count):
    sentences = split_sentences(text)
    assert len(sentences) == count
    assert all(text[s.start:s.end] == s.text for s in sentences)


SINGULARS = [("entries", "entry"), ("boxes", "box"), ("classes", "class"), ("errors", "error"), ("WERs", "WER"),
             ("emojis", "emoji"), ("bias", "bias"), ("loss", "loss"), ("corpus", "corpus"),
             ("analysis", "analysis"), ("accuracy", "accuracy")]


@pytest.mark.parametrize("plural,expected", SINGULARS, ids=[p for p, _ in SINGULARS])
def test_singular(plural, expected):
    assert singular(plural) == expected
