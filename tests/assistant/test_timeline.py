"""The timeline's order and labels: dated meetings oldest first, then "Undated" once with each paper's own title."""

import html as html_module
import json
import re

import pytest

from tabs.render import timeline_html

# Made-up papers: the dated ones named so that file order is not date order; the undated ones share a long title
# opening, so a label cut short makes them look alike.
PAPERS = {
    "a-late": ("Elmford Town Council", "Community Safety Update", "2024-06-04"),
    "b-early": ("Elmford Town Council", "Community Safety Update", "2023-02-07"),
    "c-autumn": ("Elmford Town Council", "Community Safety Partnership Annual Report - Autumn", None),
    "d-spring": ("Elmford Town Council", "Community Safety Partnership Annual Report - Spring", None),
}
TEXT = (
    "Minutes\n\nThe committee discussed the town centre bollards at length. The replacement of the damaged "
    "bollards on {street} was reported, and members asked about the bollards outside the library.\n"
)
STREETS = ("Market Street", "Mill Lane", "Church Road", "Station Approach")  # each paper its own text


@pytest.fixture(scope="module")
def town(tmp_path_factory, embedder):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    folder = tmp_path_factory.mktemp("elmford")
    for (name, (council, title, day)), street in zip(PAPERS.items(), STREETS, strict=True):
        (folder / f"{name}.txt").write_text(TEXT.format(street=street), encoding="utf-8")
        meta = {"council": council, "title": title, "committee": "Community Committee", "meeting_date": day}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    settings = Settings.build({"store.data_dir": tmp_path_factory.mktemp("elmford-index")}, environ={})
    assistant = Assistant(settings, embedder=embedder)
    assert not assistant.ingest([folder], progress=False).failed
    return assistant


def test_dated_meetings_in_date_order_then_undated_by_title(town):
    timeline = town.timeline("bollards")
    assert [m.doc_id for m in timeline.meetings] == ["b-early", "a-late", "c-autumn", "d-spring"]
    sections = timeline.sections()
    assert [h for h, _ in sections] == [None, "Undated"]
    labels = [row["meeting"] for row in timeline.counts()]
    assert len(set(labels)) == len(labels)  # every bar its own label
    assert labels[2:] == [PAPERS["c-autumn"][1], PAPERS["d-spring"][1]]  # undated bars carry their whole titles


def test_the_list_says_undated_once_and_titles_each_undated_paper(town):
    html = timeline_html(town.timeline("bollards"))
    shown = re.sub(r"<[^>]+>", " ", html)  # the text a reader sees
    assert re.findall(r"(?i)\bundated\b", shown) == ["Undated"]  # said once, as the heading of the undated papers
    assert html.count('class="ma-undated"') == 1 and "date not stated" not in html
    headings = [html_module.unescape(h) for h in re.findall(r'<h5 class="ma-meeting">([^<]*)</h5>', html)]
    assert [h.split(" · ")[0] for h in headings] == [PAPERS["c-autumn"][1], PAPERS["d-spring"][1]]
    text = html_module.unescape(shown)
    assert text.index("2023-02-07") < text.index("2024-06-04") < text.index("Undated")
