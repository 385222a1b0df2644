"""Issue 17.6: how every kind of question reads the form and is graded (learning.grading), edge
cases included. Pure functions: no database."""

from decimal import Decimal

import pytest

from learning import grading
from learning.grading import Key, Malformed, Unclear, answer_clean, answer_is_correct
from learning.models import Question

Kind = Question.Kind


def _grade(key: Key, *, offered=(), main=(), items=None):
    offered = list(offered)
    answer = answer_clean(key, offered=offered, main=list(main), items=items or {})
    return answer, answer_is_correct(key, answer, offered=offered)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12", Decimal("12")),
        ("-3,5", Decimal("-3.5")),
        ("3.5", Decimal("3.5")),
        ("0.125", Decimal("0.125")),  # a leading 0 is never a group of thousands
        ("1.250", Decimal("1250")),  # Indonesian: a dot between groups of three
        ("1.250.000", Decimal("1250000")),
        ("1.250,75", Decimal("1250.75")),
        (" 1 250 ", Decimal("1250")),
        ("12,50", Decimal("12.5")),
        ("abc", None),
        ("1,2,3", None),
        ("1.2,5", None),  # a dot that is not a thousands group next to a decimal comma
        ("NaN", None),
        ("Infinity", None),
        ("", None),
    ],
)
def test_numbers_are_read_as_indonesians_and_others_write_them(typed, number):
    assert grading.parse_number(typed) == number


def test_short_answer_accepts_variants_ignoring_case_and_spaces():
    key = Key(kind=Kind.SHORT, choices=[(1, "Surat Keputusan", True, ""), (2, "SK", True, "")])
    assert _grade(key, main=["  surat   KEPUTUSAN "]) == (["surat   KEPUTUSAN"], True)
    assert _grade(key, main=["sk"])[1] is True
    assert _grade(key, main=["suratkeputusan"])[1] is False  # spaces inside a word still count
    assert _grade(key, main=["   "]) == (None, False)  # blank: unanswered
    with pytest.raises(Malformed):
        _grade(key, main=["a", "b"])
    with pytest.raises(Malformed):
        _grade(key, main=["x" * 301])


def test_numeric_answer_within_tolerance_boundary_included():
    key = Key(kind=Kind.NUMERIC, numeric_answer=Decimal("3.1416"), tolerance=Decimal("0.01"))
    assert _grade(key, main=["3,14"])[1] is True
    assert _grade(key, main=["3.1516"])[1] is True  # exactly at the tolerance: correct
    assert _grade(key, main=["3.1517"])[1] is False
    assert _grade(key, main=["3,1316"])[1] is True
    exact = Key(kind=Kind.NUMERIC, numeric_answer=Decimal("1250"), tolerance=Decimal(0))
    assert _grade(exact, main=["1.250"])[1] is True
    assert _grade(exact, main=["1250,01"])[1] is False
    with pytest.raises(Unclear):
        _grade(exact, main=["seribu"])
    assert _grade(exact, main=[""]) == (None, False)


MATCHING = Key(
    kind=Kind.MATCHING,
    choices=[
        (1, "Gubernur", False, "Provinsi"),
        (2, "Bupati", False, "Kabupaten"),
        (3, "Wali kota", False, "Kota"),
        (4, "Sekda provinsi", False, "Provinsi"),  # two items share a right-hand text
    ],
)


def test_matching_all_pairs_right():
    offered = [3, 1, 4, 2]
    items = {"3": "Kota", "1": "Provinsi", "4": "Provinsi", "2": "Kabupaten"}
    answer, correct = _grade(MATCHING, offered=offered, items=items)
    assert answer == ["Kota", "Provinsi", "Provinsi", "Kabupaten"] and correct is True
    assert MATCHING.targets() == ["Kabupaten", "Kota", "Provinsi"]


def test_matching_one_pair_wrong_half_done_or_tampered():
    offered = [1, 2, 3, 4]
    wrong = {"1": "Provinsi", "2": "Kota", "3": "Kabupaten", "4": "Provinsi"}
    assert _grade(MATCHING, offered=offered, items=wrong)[1] is False
    with pytest.raises(Unclear):
        _grade(MATCHING, offered=offered, items={"1": "Provinsi", "2": "", "3": "Kota", "4": "Provinsi"})
    assert _grade(MATCHING, offered=offered, items={"1": "", "2": ""}) == (None, False)
    with pytest.raises(Malformed):
        _grade(MATCHING, offered=offered, items={"1": "Desa", "2": "Kota", "3": "Kota", "4": "Kota"})
    with pytest.raises(Malformed):
        _grade(MATCHING, offered=offered, items={"99": "Kota"})


ORDERING = Key(
    kind=Kind.ORDERING,
    choices=[(10, "Rencana", False, ""), (11, "Pelaksanaan", False, ""), (12, "Evaluasi", False, "")],
)


def test_ordering_positions_give_the_key_order():
    offered = [12, 10, 11]  # shown shuffled
    answer, correct = _grade(ORDERING, offered=offered, items={"12": "3", "10": "1", "11": "2"})
    assert answer == [3, 1, 2] and correct is True
    assert _grade(ORDERING, offered=offered, items={"12": "1", "10": "2", "11": "3"})[1] is False


def test_ordering_duplicates_gaps_and_garbage():
    offered = [12, 10, 11]
    with pytest.raises(Unclear):
        _grade(ORDERING, offered=offered, items={"12": "1", "10": "1", "11": "2"})
    with pytest.raises(Unclear):
        _grade(ORDERING, offered=offered, items={"12": "3", "10": "1", "11": ""})
    with pytest.raises(Unclear):
        _grade(ORDERING, offered=offered, items={"12": "4", "10": "1", "11": "2"})
    with pytest.raises(Malformed):
        _grade(ORDERING, offered=offered, items={"12": "x", "10": "1", "11": "2"})
    assert _grade(ORDERING, offered=offered, items={}) == (None, False)


def test_choice_kinds_keep_their_rules():
    single = Key(kind=Kind.SINGLE, choices=[(1, "a", True, ""), (2, "b", False, "")])
    assert _grade(single, offered=[2, 1], main=["1"]) == ([1], True)
    assert _grade(single, offered=[2, 1], main=["2"])[1] is False
    with pytest.raises(Malformed):
        _grade(single, offered=[2, 1], main=["1", "2"])
    with pytest.raises(Malformed):
        _grade(single, offered=[2, 1], main=["3"])
    multiple = Key(kind=Kind.MULTIPLE, choices=[(1, "a", True, ""), (2, "b", True, ""), (3, "c", False, "")])
    assert _grade(multiple, offered=[1, 2, 3], main=["2", "1"])[1] is True
    assert _grade(multiple, offered=[1, 2, 3], main=["1"])[1] is False
