"""Scoring the time-expression finder against TimeML-annotated news (MEANTIME, CAT XML).

``parse_cat_document`` rebuilds an article's text from the corpus tokens (with the spacing a
news page has: "March 01, 2008", not "March 01 , 2008") and maps each annotated TIMEX3 to
character offsets in that text. MEANTIME annotates only the title and the first sentences of
each article, so a document carries ``scored_end``: the end of the last sentence that holds
any annotation (an event, an entity or a time). Expressions found after it are not scored,
nor is the creation-time dateline, which the annotation treats as metadata.

``evaluate`` scores any finder, a callable ``(text, dct) -> [Prediction]``, by span (relaxed:
any overlap; strict: the same characters) and, on relaxed matches, by TIMEX3 value, per type
(DATE, TIME, DURATION, SET) and for all together. Value F1 is TempEval-3's attribute F1: right
values over predictions (precision) and over gold expressions (recall).
``naive_predictions`` is the baseline: ``dateparser.search.search_dates`` on the whole text.
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from timeline.extraction.dates import find_timexes

TYPES = ("DATE", "TIME", "DURATION", "SET")

# Tokens written without a space before them, and tokens that take none after them.
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'S|'re|'ve|'d|'ll|'m|n't|''|'|’s)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#", "``", "£", "€"}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """An annotated time expression: offsets into the rebuilt text, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """One corpus article: its text, creation date, gold expressions and the scored span."""

    name: str
    text: str
    dct: date | None
    gold: tuple[GoldTimex, ...]
    scored_end: int
    dct_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Prediction:
    """A found expression in the shape the scorer needs."""

    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class TypeScore:
    """Counts for one TIMEX3 type (or all types together)."""

    gold: int = 0
    predicted: int = 0
    relaxed_found: int = 0  # gold overlapped by a prediction
    relaxed_correct: int = 0  # predictions overlapping a gold expression
    strict_found: int = 0
    strict_correct: int = 0
    value_correct: int = 0  # relaxed gold matches whose value is right
    type_correct: int = 0  # relaxed gold matches whose type is right

    @staticmethod
    def _ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def relaxed_precision(self) -> float | None:
        return self._ratio(self.relaxed_correct, self.predicted)

    @property
    def relaxed_recall(self) -> float | None:
        return self._ratio(self.relaxed_found, self.gold)

    @property
    def strict_precision(self) -> float | None:
        return self._ratio(self.strict_correct, self.predicted)

    @property
    def strict_recall(self) -> float | None:
        return self._ratio(self.strict_found, self.gold)

    @property
    def value_accuracy(self) -> float | None:
        return self._ratio(self.value_correct, self.relaxed_found)

    @property
    def type_accuracy(self) -> float | None:
        return self._ratio(self.type_correct, self.relaxed_found)

    @staticmethod
    def _f1(precision: float | None, recall: float | None) -> float | None:
        if precision is None or recall is None:
            return None
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def relaxed_f1(self) -> float | None:
        return self._f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def strict_f1(self) -> float | None:
        return self._f1(self.strict_precision, self.strict_recall)

    @property
    def value_f1(self) -> float | None:
        """TempEval-3's value F1: an expression counts when found and valued right, so both
        missed and spurious expressions lower it (value accuracy ignores them)."""
        return self._f1(
            self._ratio(self.value_correct, self.predicted),
            self._ratio(self.value_correct, self.gold),
        )


@dataclass(frozen=True, slots=True)
class ScoredError:
    """One disagreement with the annotation, for ``evaluate_dates --show-errors``."""

    document: str
    kind: str  # "missed", "spurious", "value"
    text: str
    gold: str
    predicted: str
    context: str


@dataclass(slots=True)
class Evaluation:
    """Scores per type ("ALL" included) and the disagreements behind them."""

    scores: dict[str, TypeScore] = field(
        default_factory=lambda: {name: TypeScore() for name in (*TYPES, "ALL")}
    )
    errors: list[ScoredError] = field(default_factory=list)
    documents: int = 0


def parse_cat_document(xml: str | bytes, name: str = "") -> AnnotatedDocument:
    """Read one MEANTIME CAT XML document (raises ``ValueError`` on malformed XML)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise ValueError(f"{name or 'document'}: not CAT XML ({error})") from None
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    text, spans, sentence_ends = _detokenize(tokens)
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    markables = root.find("Markables")
    last_annotated = -1
    gold: list[GoldTimex] = []
    dct: date | None = None
    dct_span: tuple[int, int] | None = None
    dct_value = ""
    for markable in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        anchors = [t for t in anchors if t in spans]
        if not anchors:
            continue  # an implicit expression with no words in the text
        last_annotated = max(last_annotated, *(sentence_of[t] for t in anchors))
        if markable.tag != "TIMEX3":
            continue
        start = min(spans[t][0] for t in anchors)
        end = max(spans[t][1] for t in anchors)
        if markable.get("functionInDocument") == "CREATION_TIME":
            dct_span, dct_value = (start, end), markable.get("value", "")
            continue
        gold.append(
            GoldTimex(
                start, end, text[start:end], markable.get("type", ""), markable.get("value", "")
            )
        )
    if dct_value:
        dct = _parse_dct(dct_value, text[dct_span[0] : dct_span[1]] if dct_span else "")
    elif "\n" in text:
        # Two articles annotate their dateline as an ordinary DATE, not as the creation time;
        # the dateline is the publication date all the same, as ``extract`` would read it.
        first_break = text.index("\n") + 1
        line_end = text.find("\n", first_break)
        dct = _parse_dct("", text[first_break : line_end if line_end > 0 else len(text)])
    scored_end = sentence_ends.get(last_annotated, len(text))
    gold.sort(key=lambda g: (g.start, g.end))
    return AnnotatedDocument(
        name or root.get("doc_name", ""), text, dct, tuple(gold), scored_end, dct_span
    )


def _detokenize(
    tokens: list[tuple[str, int, str]],
) -> tuple[str, dict[str, tuple[int, int]], dict[int, int]]:
    """Join tokens as a news page writes them; title and dateline on lines of their own."""
    parts: list[str] = []
    length = 0
    spans: dict[str, tuple[int, int]] = {}
    sentence_ends: dict[int, int] = {}
    previous_sentence: int | None = None
    previous_token = ""
    open_quote = False
    for t_id, sentence, word in tokens:
        if previous_sentence is None:
            separator = ""
        elif sentence != previous_sentence:
            separator = "\n" if previous_sentence <= 1 else " "
        elif (
            _NO_SPACE_BEFORE.match(word)
            or previous_token in _NO_SPACE_AFTER
            or (word == '"' and open_quote)
            or (previous_token == '"' and open_quote)
        ):
            separator = ""
        else:
            separator = " "
        if word == '"':
            open_quote = not open_quote
        parts.append(separator)
        length += len(separator)
        spans[t_id] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        sentence_ends[sentence] = length
        previous_sentence, previous_token = sentence, word
    return "".join(parts), spans, sentence_ends


def _parse_dct(value: str, written: str) -> date | None:
    """The creation date: its ISO value, or else the dateline as written ("February 03, 2009")."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    for timex in find_timexes(written, None):
        if timex.precision == "day" and timex.date_start is not None:
            return timex.date_start
    return None


def evaluate(
    documents: Iterable[AnnotatedDocument],
    finder: Callable[[str, date | None], list[Prediction]],
    *,
    collect_errors: bool = False,
) -> Evaluation:
    """Score ``finder`` on ``documents`` (see the module docstring for the measures)."""
    result = Evaluation()
    for document in documents:
        result.documents += 1
        predictions = [
            p
            for p in finder(document.text, document.dct)
            if p.start < document.scored_end and not _overlaps_span(p, document.dct_span)
        ]
        _score_document(document, predictions, result, collect_errors)
    return result


def _overlaps_span(item: Prediction | GoldTimex, span: tuple[int, int] | None) -> bool:
    return span is not None and item.start < span[1] and span[0] < item.end


def _overlap(a: Prediction | GoldTimex, b: Prediction | GoldTimex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _score_document(
    document: AnnotatedDocument,
    predictions: list[Prediction],
    result: Evaluation,
    collect_errors: bool,
) -> None:
    scores = result.scores
    for gold in document.gold:
        for key in (gold.type, "ALL"):
            scores.setdefault(key, TypeScore()).gold += 1
        overlapping = [p for p in predictions if _overlap(p, gold)]
        if not overlapping:
            if collect_errors:
                result.errors.append(_error(document, "missed", gold, None))
            continue
        best = max(overlapping, key=lambda p: _overlap(p, gold))
        strict = any(p.start == gold.start and p.end == gold.end for p in overlapping)
        value_ok = best.value.casefold() == gold.value.casefold()
        for key in (gold.type, "ALL"):
            score = scores[key]
            score.relaxed_found += 1
            score.strict_found += strict
            score.value_correct += value_ok
            score.type_correct += best.type == gold.type
        if collect_errors and not value_ok:
            result.errors.append(_error(document, "value", gold, best))
    for prediction in predictions:
        for key in (prediction.type, "ALL"):
            scores.setdefault(key, TypeScore()).predicted += 1
        matches = [g for g in document.gold if _overlap(prediction, g)]
        strict = any(g.start == prediction.start and g.end == prediction.end for g in matches)
        for key in (prediction.type, "ALL"):
            scores[key].relaxed_correct += bool(matches)
            scores[key].strict_correct += strict
        if collect_errors and not matches:
            result.errors.append(_error(document, "spurious", None, prediction))


def _error(
    document: AnnotatedDocument,
    kind: str,
    gold: GoldTimex | None,
    prediction: Prediction | None,
) -> ScoredError:
    item = gold or prediction
    assert item is not None
    text = document.text
    context = text[max(0, item.start - 60) : item.end + 60].replace("\n", " ")
    return ScoredError(
        document=document.name,
        kind=kind,
        text=text[item.start : item.end],
        gold=f"{gold.type} {gold.value}" if gold else "",
        predicted=f"{prediction.type} {prediction.value}" if prediction else "",
        context=context,
    )


def timex_predictions(text: str, dct: date | None) -> list[Prediction]:
    """Our finder, ``dates.find_timexes``, in the scorer's shape.

    A range joined from two dates ("from 2009 to 2011") is scored as its two ends, the way
    TimeML annotates it.
    """
    return [
        Prediction(t.start, t.end, t.type, t.value)
        for timex in find_timexes(text, dct)
        for t in (timex.parts or (timex,))
    ]


def naive_predictions(text: str, dct: date | None) -> list[Prediction]:
    """The baseline: every date ``dateparser.search.search_dates`` finds, typed DATE."""
    from dateparser.search import search_dates

    settings: dict[str, object] = {}
    if dct is not None:
        settings["RELATIVE_BASE"] = datetime(dct.year, dct.month, dct.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's own deprecation notices are not ours
        try:
            found = search_dates(text, languages=["en"], settings=settings) or []
        except (ValueError, OverflowError, TypeError):
            found = []
    predictions = []
    position = 0
    for phrase, when in found:
        start = text.find(phrase, position)
        if start < 0:
            continue
        position = start + len(phrase)
        predictions.append(Prediction(start, position, "DATE", when.date().isoformat()))
    return predictions


def format_table(results: dict[str, Evaluation]) -> str:
    """One table, a row per finder and type: span precision, recall and F1 (relaxed, strict),
    value accuracy on found expressions, value F1 (TempEval-3) and type accuracy."""

    def cell(value: float | None) -> str:
        return "   -" if value is None else f"{value:.3f}"

    header = (
        f"{'finder':<10} {'type':<9} {'gold':>5} {'found':>5}  "
        f"{'P relax':>7} {'R relax':>7} {'F relax':>7}  {'P strict':>8} {'R strict':>8} "
        f"{'F strict':>8}  {'value':>6} {'value F1':>8} {'type':>6}"
    )
    lines = [header, "-" * len(header)]
    for finder, evaluation in results.items():
        for name in (*TYPES, "ALL"):
            score = evaluation.scores.get(name, TypeScore())
            lines.append(
                f"{finder:<10} {name:<9} {score.gold:>5} {score.predicted:>5}  "
                f"{cell(score.relaxed_precision):>7} {cell(score.relaxed_recall):>7} "
                f"{cell(score.relaxed_f1):>7}  {cell(score.strict_precision):>8} "
                f"{cell(score.strict_recall):>8} {cell(score.strict_f1):>8}  "
                f"{cell(score.value_accuracy):>6} {cell(score.value_f1):>8} "
                f"{cell(score.type_accuracy):>6}"
            )
    return "\n".join(lines)
