"""Questions are answered while an ingest is under way: the ingest is held after embedding (a fault-point hook), a
question from another thread completes meanwhile from the previous state, and the new paper answers once released."""

import threading

from ingest.faults import hooked

GUARD = 300  # seconds: only so a broken build fails instead of hanging; nothing here measures time


def test_a_question_completes_while_an_ingest_is_held_after_embedding(make_assistant, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "oakham.txt").write_text("The Committee agreed to install 14 CCTV cameras in Oakham market place.\n")
    (second / "syston.txt").write_text("The Chair confirmed that 6 dog wardens patrol Syston on weekdays.\n")
    a = make_assistant()
    assert not a.ingest([first], progress=False).failed
    assert "14 CCTV cameras" in a.ask("How many CCTV cameras will Oakham market place get?").answer

    held, release = threading.Event(), threading.Event()

    def hold():
        held.set()
        assert release.wait(GUARD)

    answers, reports = [], []
    ingest = threading.Thread(target=lambda: reports.append(a.ingest([second], progress=False)), daemon=True)
    with hooked("after_embedding", hold):
        try:
            ingest.start()
            assert held.wait(GUARD), "the ingest never reached its embedding step"
            asker = threading.Thread(
                daemon=True,
                target=lambda: answers.append(
                    (
                        a.ask("How many CCTV cameras will Oakham market place get?"),
                        a.ask("How many dog wardens patrol Syston?"),
                    )
                ),
            )
            asker.start()
            asker.join(GUARD)
            assert not asker.is_alive(), "the questions waited for the ingest"
            assert ingest.is_alive() and not reports, "the ingest was not held while the questions ran"
        finally:
            release.set()
        ingest.join(GUARD)
    assert not ingest.is_alive() and reports and reports[0].count("added") == 1

    old, not_yet = answers[0]
    assert "14 CCTV cameras" in old.answer
    assert "6 dog wardens" not in not_yet.answer  # the previous state: the new paper was not in it yet
    assert "6 dog wardens" in a.ask("How many dog wardens patrol Syston?").answer
