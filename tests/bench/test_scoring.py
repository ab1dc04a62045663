"""The bench's tally: the shared QA scoring (krampe.evaluation.qa) in its table row, and
the same numbers as `krampe eval qa` on the same answers."""

from types import SimpleNamespace

from krampe.cli.eval_qa import Case, evaluate
from peers.scoring import Question, Tally

# question -> (answered, ranked answer texts)
ANSWERS = {
    "a": (True, ["x", "the GOLD  one"]),
    "b": (True, ["Gold"]),
    "c": (False, []),
    "d": (False, []),
    "e": (True, ["x"]),
    "f": (True, ["a", "b", "c", "d", "e", "gold too deep"]),
}
QUESTIONS = [
    Question("a", "a", ("gold",)),
    Question("b", "b", ("gold",)),
    Question("c", "c", ("gold",)),
    Question("d", "d", oos=True),
    Question("e", "e", oos=True),
    Question("f", "f", ("gold",)),
]


def _tally() -> Tally:
    tally = Tally()
    for question in QUESTIONS:
        answered, texts = ANSWERS[question.id]
        tally.add(question, answered, texts, 1.0)
    return tally


def test_tally_row_counts_hits_rejections_and_out_of_scope():
    tally = _tally()
    assert tally.row() == {"hit@1": "0.25", "hit@3": "0.50", "MRR@5": "0.38",
                           "false rej": "1/4", "OOS rej": "1/2", "ms/q": "1.00"}
    assert [m.split()[0] for m in tally.misses] == ["a", "c", "e", "f"]


class _CannedKB:
    """Answers as a knowledge base would, from ANSWERS (only the top five are returned)."""

    def search(self, question: str, top: int):
        answered, texts = ANSWERS[question]
        answers = [SimpleNamespace(text=t) for t in texts[:top]]
        return SimpleNamespace(answered=answered, answers=answers)


def test_bench_and_cli_score_alike():
    cases = [Case(q.id, q.q, list(q.gold), q.oos) for q in QUESTIONS]
    summary, _ = evaluate(_CannedKB(), cases)  # type: ignore[arg-type]
    scores = _tally().scores
    assert (summary["hit@1"], summary["hit@3"], summary["mrr@5"]) == (
        scores.hit_at_1, scores.hit_at_3, scores.mrr_at_5)
    assert (summary["false_rejections"], summary["oos_rejected"]) == (
        scores.false_rejections, scores.oos_rejected)
