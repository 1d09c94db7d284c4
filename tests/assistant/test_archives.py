"""One question over several collections (one per council here): each answers alone, the best-supported wins."""

import shutil

import pytest

from assistant.archives import ask_across
from index.filters import FilterError, Filters


@pytest.fixture(scope="module")
def per_council(tmp_path_factory, embedder, corpus_dir):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    data = tmp_path_factory.mktemp("archives")
    archives = []
    for name, prefix in (("melton", "melton-"), ("others", ("charnwood-", "redditch-"))):
        folder = tmp_path_factory.mktemp(name)
        for path in corpus_dir.iterdir():
            if path.name.startswith(prefix):
                shutil.copy(path, folder / path.name)
        assistant = Assistant(
            Settings.build({"store.data_dir": data, "store.collection": name}, environ={}), embedder=embedder
        )
        assert not assistant.ingest([folder], progress=False).failed
        archives.append(assistant)
    return archives


def test_each_answer_comes_from_the_collection_that_holds_it(per_council):
    helicopter = ask_across(per_council, "How much does a helicopter deployment cost?")
    assert "£15k" in helicopter.answer and helicopter.citations[0].council == "Melton Borough Council"
    cctv = ask_across(per_council, "Why was there no more CCTV capital funding in Redditch for 2023-24?")
    assert cctv.citations[0].council == "Redditch Borough Council"
    assert {a.store.count() for a in per_council} != {sum(a.store.count() for a in per_council)}  # really split


def test_abstains_with_the_best_leads_of_all(per_council):
    answer = ask_across(per_council, "Who is the Mayor of Charnwood?")
    assert answer.abstained and answer.leads and [c.n for c in answer.leads] == list(range(1, len(answer.leads) + 1))


def test_a_filter_only_one_collection_can_meet(per_council):
    answer = ask_across(per_council, "What has been said about funding?", Filters(council=["Redditch"]))
    assert {c.council for c in answer.citations} == {"Redditch Borough Council"}
    with pytest.raises(FilterError):
        ask_across(per_council, "What has been said about funding?", Filters(council=["Narnia"]))
