"""A synthetic archive of any size for benchmarks: the real corpus plus papers recombined from its paragraphs.

Each synthetic paper belongs to a made-up council, committee and meeting date; its paragraphs are drawn from the
corpus with numbers changed and people and places swapped, so retrieval has near-miss distractors to get past.
Deterministic for a seed. The real corpus is copied in unchanged, so its eval questions still have answers.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from ingest.chunk import CHUNK_SIZE, MIN_CHUNK
from ingest.vocab import SYNTH_TITLES, alternation

TOWNS = (
    "Ashby",
    "Barnford",
    "Calder",
    "Dunmore",
    "Elsworth",
    "Fenwick",
    "Garth",
    "Holbeck",
    "Ilmington",
    "Jarrow",
    "Kestle",
    "Linford",
    "Marden",
    "Northam",
    "Otterby",
    "Pelham",
    "Quarrendon",
    "Rylstone",
    "Selby Vale",
    "Thornbury",
    "Ulverley",
    "Westerham",
    "Yarrow",
    "Zennor",
)
KINDS = ("Borough Council", "District Council", "City Council", "County Council")
COMMITTEES = (
    "Scrutiny Committee",
    "Community Safety Partnership Board",
    "Overview and Scrutiny Panel",
    "Crime and Disorder Committee",
    "Cabinet",
    "Housing and Communities Committee",
)
SURNAMES = (
    "Ahmed",
    "Baker",
    "Clarke",
    "Dawson",
    "Ellis",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nolan",
    "Owen",
    "Patel",
    "Quinn",
    "Reed",
    "Shaw",
    "Turner",
    "Walsh",
    "Young",
)
CORPUS_PLACES = re.compile(
    r"\b(Melton(?: Mowbray)?|Charnwood|Redditch|Bromsgrove|Leicestershire|Rutland|"
    r"Worcestershire|Loughborough)\b"
)
TITLED = re.compile(rf"\b({alternation(SYNTH_TITLES)}) ([A-Z][a-z]+)\b")
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\b")


def _paragraphs(corpus: Path) -> list[str]:
    paras = []
    for path in sorted(corpus.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = block.strip()
            if len(block.split()) >= 12:
                paras.append(block)
    return paras


def _vary(text: str, rng: random.Random, town: str) -> str:
    text = CORPUS_PLACES.sub(town, text)
    text = TITLED.sub(lambda m: f"{m.group(1)} {rng.choice(SURNAMES)}", text)

    def number(m: re.Match) -> str:
        raw = m.group(0).replace(",", "")
        if "." in raw or len(raw) == 4:  # keep decimals and years as they are
            return m.group(0)
        return f"{max(1, round(int(raw) * rng.uniform(0.5, 1.8))):,}"

    return NUMBER.sub(number, text)


def estimate_chunks(text: str, chunk_chars: int = CHUNK_SIZE, min_chunk: int = MIN_CHUNK) -> int:
    """Chunks a text makes, roughly as the chunker does: long paragraphs split at about chunk_chars characters,
    short ones merged until they reach about min_chunk."""
    count, running = 0, 0
    for block in (b for b in re.split(r"\n\s*\n", text) if b.strip()):
        if len(block) >= chunk_chars:
            count += -(-len(block) // chunk_chars)
            running = 0
            continue
        running += len(block)
        if running >= min_chunk:
            count, running = count + 1, 0
    return count + (1 if running else 0)


def generate(out: Path, chunks: int, corpus: Path, seed: int = 7, paragraphs_per_paper: int = 12) -> dict:
    """Write about `chunks` chunks' worth of papers (TXT + .meta.json sidecars) into out; returns a manifest."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for path in corpus.iterdir():
        if path.is_file():
            shutil.copy(path, out / path.name)
    paras = _paragraphs(corpus)
    councils = [f"{town} {kind}" for town in TOWNS for kind in KINDS]
    budget = chunks - sum(estimate_chunks(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    papers, made = 0, 0
    start = date(2015, 1, 1)
    while made < budget:
        council = rng.choice(councils)
        town = council.split(" ")[0]
        committee = rng.choice(COMMITTEES)
        meeting = start + timedelta(days=rng.randrange(0, 365 * 11))
        body = [f"{committee}", f"{council}", f"Minutes of the meeting held on {meeting:%d %B %Y}"]
        body += [_vary(p, rng, town) for p in rng.sample(paras, min(paragraphs_per_paper, len(paras)))]
        text = "\n\n".join(body) + "\n"
        doc_id = f"synthetic-{papers:06d}"
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{doc_id}.meta.json").write_text(
            json.dumps(
                {
                    "title": f"{committee} minutes",
                    "council": council,
                    "committee": committee,
                    "meeting_date": meeting.isoformat(),
                    "doc_type": "minutes",
                }
            )
        )
        papers += 1
        made += estimate_chunks(text)
    return {"chunks_target": chunks, "seed": seed, "synthetic_papers": papers}
