"""Who said each sentence, as stored at ingest, scored against labels written by reading the papers (speakers.jsonl).

Each gold sentence is found in its document's stored text (whitespace-insensitive; failing that, also case-, quote-
and dash-insensitive; last, ignoring whitespace altogether, as PDF text layers split words); the stored sentences
overlapping that span give the prediction: the first speaker they name in document order. Tags that name no one — a
group or body ("Members", "Officers", "The Committee") or "In response" — are not predictions, as the gold marks
those sentences null. Precision = right / sentences where the system named someone; recall = right / gold sentences
naming someone. A gold sentence not found in the stored text is counted as unlocated and left out of both (the text
reader's loss, reported, not a speaker verdict).

Matching rule (see `same_speaker`): a role ("the Chair", "The Clerk", "Cabinet Lead Member") matches only the same
role — case and a leading "the" ignored, Chairman/Chairperson/Chairwoman read as Chair, so "the Chair" does not
match "the Chairman of the Planning Committee". A person matches when the surnames are equal, the titles agree
where both give one (Cllr = Councillor = Councilor = Councilmember; Mr and Mrs differ), and the first given-name
initials agree where both give one. Post-nominals (AM, MP, JP …) and a bracketed riding or role are ignored; a
bracketed name ("The Acting Chair (Mr. Bruce Stanton)") is an alternative. A role never matches a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ingest.vocab import GROUP_SPEAKERS, UNNAMED_SPEAKERS

from .metadata import GOLD_DIR, SPLIT_ORDER, load_jsonl, provenance, rates, split_of

GOLD = GOLD_DIR / "speakers.jsonl"
MEANINGS = {
    "precision": "sentences where the system named a speaker and named the gold one",
    "recall": "gold sentences naming someone whose speaker the system named",
    "unlocated": "gold sentences not found in the stored text (left out of both)",
}
NOT_NAMED = {n.casefold() for n in (*UNNAMED_SPEAKERS, *GROUP_SPEAKERS)} | {
    "officers",
    "councillors",
    "the committee",
    "the council",
    "the board",
}
POST_NOMINALS = {"am", "ms", "mp", "msp", "mla", "jp", "obe", "mbe", "cbe", "qc", "kc", "lib", "cpc", "bq", "ndp"}
# Written forms of a title -> the title they stand for; several words are joined first (PHRASES).
TITLES = {
    **dict.fromkeys(("councillor", "cllr", "cll", "ccllr", "councilor", "councilmember", "cllrs"), "councillor"),
    **dict.fromkeys(("mr", "mister"), "mr"),
    **dict.fromkeys(("mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "father", "pc", "pcso", "cpo"), None),
    **dict.fromkeys(("doctor",), "dr"),
    **dict.fromkeys(("hon", "honourable", "honorable"), "hon"),
    **dict.fromkeys(("rev", "reverend", "revd"), "rev"),
    **dict.fromkeys(("prof", "professor"), "prof"),
    **dict.fromkeys(("inspector", "insp"), "inspector"),
    **dict.fromkeys(("sergeant", "sgt"), "sergeant"),
    **dict.fromkeys(("superintendent", "supt"), "superintendent"),
    **dict.fromkeys(("mayor", "director", "president", "chair", "chairman", "member"), None),
}
PHRASES = (  # several words that make one title, so "Vice President Means" is not "President Means"
    (r"\b(board|staff|council|committee|cabinet) member\b", r"\1member"),
    (r"\b(vice|deputy|chief|assistant|city|county|town) (\w+)", r"\1\2"),
    (r"\b(right|rt) hon\b", "hon"),
    (r"\bacting\b", ""),
)
ROLE_HEADS = {"chair", "clerk", "mayor", "member", "holder", "officer", "manager", "director", "attorney", "engineer"}
ROLE_HEADS |= {"advisor", "adviser", "secretary", "treasurer", "leader", "executive", "solicitor", "recorder"}
_FOLD = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})
_CHAIR = re.compile(r"\bchair(?:man|person|woman)\b")


def _words(name: str) -> str:
    text = name.casefold().translate(_FOLD).replace("'", "")
    text = re.sub(r"(?<=\bc)/(?=cllr\b)", "", text)  # "C/Cllr" (county councillor)
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)  # "Bray-Ash" is one surname
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def _title_of(token: str) -> str | None:
    """The title a (possibly joined) token stands for, or None when it is not a title."""
    if token in TITLES:
        return TITLES[token] or token
    if token.endswith(("member", "president", "mayor", "inspector", "attorney", "recorder")):
        return token
    return None


def parse(name: str) -> list[tuple[str, Any]]:
    """A name's readings: ("role", text) or ("person", (titles, given names, surname)); a bracket adds one."""
    outer = re.sub(r"\([^)]*\)", " ", name)
    readings = [outer] + [inner for inner in re.findall(r"\(([^)]*)\)", name) if not re.search(r",", inner)]
    parsed: list[tuple[str, Any]] = []
    for reading in readings:
        words = _CHAIR.sub("chair", _words(reading))
        tokens = words.split()
        if not tokens:
            continue
        if tokens[0] == "the" or (tokens[-1] in ROLE_HEADS and (len(tokens) == 1 or _title_of(tokens[0]) is None)):
            parsed.append(("role", words.removeprefix("the ")))
            continue
        for pattern, repl in PHRASES:
            words = re.sub(pattern, repl, words)
        tokens = words.split()
        while len(tokens) > 1 and tokens[-1] in POST_NOMINALS:
            tokens.pop()
        titles: set[str] = set()
        while len(tokens) > 1 and (title := _title_of(tokens[0])) is not None:
            titles.add(title)
            tokens.pop(0)
        if tokens:
            parsed.append(("person", (frozenset(titles), tuple(tokens[:-1]), tokens[-1])))
    return parsed


def same_speaker(gold: str, predicted: str) -> bool:
    """Whether a predicted speaker names the gold one (the rule in the module docstring)."""
    for kind, g in parse(gold):
        for p_kind, p in parse(predicted):
            if kind != p_kind:
                continue
            if kind == "role" and g == p:
                return True
            if kind == "person":
                (g_titles, g_given, g_surname), (p_titles, p_given, p_surname) = g, p
                titles_agree = not g_titles or not p_titles or bool(g_titles & p_titles)
                given_agree = not g_given or not p_given or g_given[0][0] == p_given[0][0]
                if g_surname == p_surname and titles_agree and given_agree:
                    return True
    return False


def named(speakers: Iterable[str]) -> list[str]:
    """The tags that name someone (a person or an office), in order."""
    return [s for s in speakers if s and s.casefold() not in NOT_NAMED]


_LOOSE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _loose(text: str) -> str:
    """Case, quotes and dashes folded, one character for one, so offsets still point into the original."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_LOOSE))


def locate(text: str, sentence: str) -> tuple[int, int] | None:
    """Where the sentence sits in the text: whitespace-insensitive; then also case-, quote- and dash-insensitive;
    last, with whitespace ignored altogether (a PDF's text layer splits words: "unavai lable", "grant\t.")."""
    for t, s in ((text, sentence), (_loose(text), _loose(sentence))):
        if s.split():
            match = re.search(r"\s+".join(map(re.escape, s.split())), t)
            if match:
                return match.span()
    kept = [i for i, c in enumerate(text) if not c.isspace()]
    loose = _loose(text)
    squeezed, wanted = "".join(loose[i] for i in kept), "".join(_loose(sentence).split())
    at = squeezed.find(wanted) if wanted else -1
    return (kept[at], kept[at + len(wanted) - 1] + 1) if at >= 0 else None


def prediction(span: tuple[int, int], sentences: list[Any]) -> list[str]:
    """Named speakers of the stored sentences overlapping span, in document order (objects with start/end/speakers)."""
    start, end = span
    found: list[str] = []
    for s in sorted(sentences, key=lambda s: s.start):
        if s.start < end and start < s.end:
            found += [n for n in named(s.speakers) if n not in found]
    return found


def tally(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """rows: one per located gold sentence: gold (str|None), predicted (the first named, or None), right (bool)."""
    right = sum(1 for r in rows if r["right"])
    given = sum(1 for r in rows if r["predicted"])
    stated = sum(1 for r in rows if r["gold"])
    return {
        **rates(right, given, stated),
        "sentences": len(rows),
        "several_named": sum(1 for r in rows if r["several"]),
    }


def score_speakers(
    gold: list[dict[str, Any]],
    texts: dict[str, str],
    sentences: dict[str, list[Any]],
    splits: dict[str, str],
    councils: dict[str, str],
) -> dict[str, Any]:
    """texts / sentences: per indexed document its stored text and stored sentences; gold rows of other documents
    are skipped and counted."""
    rows, unlocated = [], []
    for g in gold:
        if g["doc_id"] not in texts:
            continue
        where = {"doc_id": g["doc_id"], "split": splits.get(g["doc_id"], "demo"), "council": councils.get(g["doc_id"])}
        span = locate(texts[g["doc_id"]], g["sentence"])
        if span is None:
            unlocated.append({**where, "sentence": g["sentence"]})
            continue
        names = prediction(span, sentences.get(g["doc_id"], []))
        speaker, predicted = g.get("speaker"), (names[0] if names else None)
        right = bool(speaker and predicted and same_speaker(speaker, predicted))
        rows.append({**where, "sentence": g["sentence"], "gold": speaker, "predicted": predicted, "right": right})
        rows[-1]["several"] = len(names) > 1

    def group(key: str, name: Any) -> dict[str, Any]:
        return {**tally([r for r in rows if r[key] == name]), "unlocated": sum(u[key] == name for u in unlocated)}

    seen = {(r["split"], r["council"]) for r in rows + unlocated}
    rank = {s: i for i, s in enumerate(SPLIT_ORDER)}
    split_names = sorted({s for s, _ in seen}, key=lambda s: (rank.get(s, len(rank)), s))
    by_council = sorted(seen, key=lambda sc: (rank.get(sc[0], len(rank)), str(sc[1])))
    return {
        "gold_sentences": len(gold),
        "scored_sentences": len(rows),
        "unlocated": len(unlocated),
        "skipped_unknown": sum(1 for g in gold if g["doc_id"] not in texts),
        "by_split": {s: group("split", s) for s in split_names},
        "by_council": {str(c): {"split": s, **group("council", c)} for s, c in by_council},
        "mismatches": [
            {k: r[k] for k in ("doc_id", "split", "sentence", "gold", "predicted")}
            for r in rows
            if (r["gold"] or r["predicted"]) and not r["right"]
        ],
        "unlocated_sentences": unlocated,
    }


def council_of(doc_id: str, rows: dict[str, dict[str, str]]) -> str:
    """The collector's council name for grouping (the gold often has none); QMSum by committee; else demo."""
    if doc_id in rows:
        return rows[doc_id]["council"]
    return f"QMSum {doc_id.split('_')[0]}" if split_of(doc_id, rows) == "dev" else "demo"


def evaluate_speakers(assistant, path: Path = GOLD) -> dict[str, Any]:
    """Score the stored sentences' speakers of the indexed gold documents."""
    gold = load_jsonl(path)
    wanted = {g["doc_id"] for g in gold} & {d["doc_id"] for d in assistant.documents()}
    texts = {d: (assistant.document(d) or {}).get("text", "") for d in wanted}
    chunk_ids: dict[str, list[str]] = {}
    for chunk in assistant.store.all_chunks():
        if chunk.doc_id in wanted:
            chunk_ids.setdefault(chunk.doc_id, []).append(chunk.id)
    sentences = {d: assistant.store.sentences_for(ids) for d, ids in chunk_ids.items()}
    rows = provenance()
    splits = {d: split_of(d, rows) for d in wanted}
    councils = {d: council_of(d, rows) for d in wanted}
    return {"gold": str(path), **score_speakers(gold, texts, sentences, splits, councils)}
