from peers.scoring import Question, Tally, first_hit, norm


def test_norm_ignores_case_and_whitespace_runs():
    assert norm("  Stop  Aktiviteten\n og ") == "stop aktiviteten og"


def test_first_hit_is_the_rank_of_the_first_answer_holding_a_gold_phrase():
    texts = ["intet her", "Nattelige   kramper\nopstår ofte, fordi", "nattelige kramper"]
    assert first_hit(texts, ("nattelige kramper opstår ofte",)) == 2
    assert first_hit(texts, ("blodprop",)) is None


def test_tally_counts_hits_rejections_and_out_of_scope():
    tally = Tally()
    tally.add(Question("a", "q", ("gold",)), True, ["x", "the GOLD one"], 1.0)
    tally.add(Question("b", "q", ("gold",)), True, ["gold"], 1.0)
    tally.add(Question("c", "q", ("gold",)), False, [], 1.0)
    tally.add(Question("d", "q", oos=True), False, [], 1.0)
    tally.add(Question("e", "q", oos=True), True, ["x"], 1.0)
    row = tally.row()
    assert row["hit@1"] == "0.33"
    assert row["hit@3"] == "0.67"
    assert row["MRR@5"] == "0.50"
    assert row["false rej"] == "1/3"
    assert row["OOS rej"] == "1/2"
