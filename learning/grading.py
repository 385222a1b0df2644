"""How each kind of question reads a submitted form and is graded — on the server only.

Form fields (``templates/learning/attempt.html``): ``q<question>`` for choice, short-answer and
numeric questions; ``q<question>-<choice>`` for each item of a matching question (the chosen
right-hand text) and of an ordering question (its position, 1…n). :func:`answer_clean` turns the
raw values into the stored answer (see :class:`learning.models.QuizAttempt`) and
:func:`answer_is_correct` grades it against the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import Question

Kind = Question.Kind
CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE}
TEXT_MAX = 300


class Malformed(Exception):
    """The request does not fit the attempt (a tampered or stale form): HTTP 400, nothing saved."""


class Unclear(Exception):
    """The learner's answer cannot be graded as given; ``str()`` says what to fix (nothing saved).
    ``answer`` is what they gave, in the stored shape, to show the form again as it was."""

    def __init__(self, message: str, *, answer: list):
        super().__init__(message)
        self.answer = answer


@dataclass
class Key:
    """What grading needs of one question: its kind, its choices in their stored order
    (``(pk, text, is_correct, match)``) and, for a numeric question, the answer and tolerance."""

    kind: str
    choices: list[tuple[int, str, bool, str]] = field(default_factory=list)
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)

    def match_of(self) -> dict[int, str]:
        return {pk: match for pk, _text, _correct, match in self.choices}

    def targets(self) -> list[str]:
        """The right-hand texts of a matching question, each once, alphabetically (the options)."""
        return sorted({match for *_rest, match in self.choices}, key=str.casefold)


def normalise_text(value: str) -> str:
    """Case- and space-insensitive form of a short answer: ``"  Surat  Keputusan "`` → ``"surat keputusan"``."""
    return " ".join(value.casefold().split())


_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")


def parse_number(value: str) -> Decimal | None:
    """A number as it is written in Indonesian (as :mod:`pamong.formats` shows them) or plainly:
    ``12``, ``-3,5``, ``1.250`` (dot between groups of three: 1250), ``1.250,75``, ``3.5`` and
    ``0.125`` (a dot not between groups of three is a decimal point), ``1 250``. ``None`` if it is
    not a number."""
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if _GROUPED.match(text):
        text = text.replace(".", "")
    if "," in text:
        if "." in text or text.count(",") > 1:
            return None
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def answer_clean(key: Key, *, offered: list[int], main: list[str], items: dict[str, str]) -> list | None:
    """The stored answer from the raw form values, or ``None`` when the question was left empty.

    ``offered``: the choice ids shown, in the attempt's order; ``main``: the values of
    ``q<question>``; ``items``: ``{choice id: value}`` of ``q<question>-<choice>``.
    Raises :class:`Malformed` for values the form cannot produce, :class:`Unclear` for a
    half-done matching or ordering or a number that is not one.
    """
    if key.kind in CHOICE_KINDS:
        if items:
            raise Malformed("item fields on a choice question")
        try:
            ids = sorted({int(v) for v in main})
        except (TypeError, ValueError):
            raise Malformed("malformed choice") from None
        if not set(ids) <= set(offered):
            raise Malformed("choice not offered")
        if key.kind != Kind.MULTIPLE and len(ids) > 1:
            raise Malformed("more than one choice for a single-answer question")
        return ids or None
    if key.kind in (Kind.SHORT, Kind.NUMERIC):
        if items or len(main) > 1 or any(len(v) > TEXT_MAX for v in main):
            raise Malformed("one short text expected")
        text = main[0].strip() if main else ""
        if not text:
            return None
        if key.kind == Kind.NUMERIC and parse_number(text) is None:
            raise Unclear(
                _("Tulis jawaban berupa angka, misalnya 1.250 atau 12,5 (koma untuk desimal)."), answer=[text]
            )
        return [text]
    # matching and ordering: one value per offered item
    if main or not set(items) <= {str(pk) for pk in offered}:
        raise Malformed("items not offered")
    values = [items.get(str(pk), "").strip() for pk in offered]
    if not any(values):
        return None
    if key.kind == Kind.MATCHING:
        if not set(values) <= set(key.targets()) | {""}:
            raise Malformed("match not offered")
        if "" in values:
            raise Unclear(_("Pasangkan setiap butir."), answer=values)
        return values
    try:
        positions = [int(v) if v else None for v in values]
    except ValueError:
        raise Malformed("position is not a number") from None
    if sorted(p or 0 for p in positions) != list(range(1, len(offered) + 1)):
        raise Unclear(
            _("Beri setiap butir urutan yang berbeda, dari 1 sampai %(n)d.") % {"n": len(offered)},
            answer=positions,
        )
    return positions


def answer_is_correct(key: Key, answer: list | None, *, offered: list[int]) -> bool:
    """Grade a cleaned answer (``None``: unanswered, wrong)."""
    if not answer:
        return False
    if key.kind in CHOICE_KINDS:
        return set(answer) == {pk for pk, _text, correct, _match in key.choices if correct}
    if key.kind == Kind.SHORT:
        return normalise_text(answer[0]) in {normalise_text(text) for _pk, text, *_rest in key.choices}
    if key.kind == Kind.NUMERIC:
        number = parse_number(answer[0])
        return (
            number is not None
            and key.numeric_answer is not None
            and abs(number - key.numeric_answer) <= key.tolerance
        )
    if key.kind == Kind.MATCHING:
        match_of = key.match_of()
        return len(answer) == len(offered) and all(
            normalise_text(chosen) == normalise_text(match_of.get(pk, ""))
            for pk, chosen in zip(offered, answer, strict=True)
        )
    # ordering: the items sorted by the learner's positions are the key's order
    by_position = [pk for _position, pk in sorted(zip(answer, offered, strict=True))]
    return by_position == [pk for pk, *_rest in key.choices]
