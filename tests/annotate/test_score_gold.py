"""The gold scorer's matching, on small hand examples (no pipeline run)."""

import json

from articles.annotate.score_gold import GOLD, HALVES, Item, accuracy, match


def test_a_date_is_right_only_with_its_value_and_an_overlapping_span():
    gold = [Item(10, 22, ("2017-04-04",)), Item(40, 48, ("2017-04-03",))]
    found = [
        Item(10, 15, ("2017-04-04",)),  # part of the gold span, same value: right
        Item(40, 48, ("2017-04-02",)),  # same span, other value: wrong and a miss
        Item(60, 68, ("2017-04-03",)),  # the other gold value, elsewhere: wrong
    ]
    score = match(gold, found)
    assert (score.right, score.found, score.gold) == (1, 3, 2)
    assert [g.start for g in score.misses] == [40]
    assert [f.start for f in score.wrong] == [40, 60]
    assert round(score.precision, 3) == 0.333 and score.recall == 0.5
    assert round(score.f1, 3) == 0.4


def test_each_found_item_is_used_once():
    gold = [Item(0, 20, (3, "killed")), Item(5, 25, (3, "killed"))]
    score = match(gold, [Item(8, 12, (3, "killed"))])
    assert score.right == 1 and len(score.misses) == 1 and not score.wrong


def test_a_figure_needs_its_category_too():
    gold = [Item(0, 20, (90, "arrested"))]
    score = match(gold, [Item(0, 12, (90, "displaced"))])
    assert score.right == 0 and score.f1 == 0.0


def test_accuracy_pairs_by_largest_overlap_and_counts_gold_seen_only_as_other():
    gold = [
        Item(0, 10, (20, "killed"), "exact"),
        Item(12, 30, (5, "wounded"), "at_least"),
        Item(40, 50, (7, "missing"), "exact"),
    ]
    found = [Item(8, 28, (5, "wounded"), "exact")]  # overlaps both, the second more
    others = [Item(42, 46, (7, "other"), "exact")]
    result = accuracy(gold, found, others)
    assert (result.pairs, result.value, result.category, result.qualifier) == (1, 1, 1, 0)
    assert result.gold_found_as_other == 1


def test_the_gold_has_two_fixed_halves_of_twenty():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len({row["id"] for row in rows}) == 40
    assert sorted(row["half"] for row in rows) == sorted(HALVES * 20)
    for row in rows:
        assert all(d["start"] < d["end"] for d in row["dates"] + row["figures"])
