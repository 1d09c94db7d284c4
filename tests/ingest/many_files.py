"""By hand, not a test: write N one-paragraph minute files and time `minutes ingest` over them (files/s).

python -m tests.ingest.many_files 2000 /tmp/many
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

PLACES = [
    "Oakham",
    "Melton",
    "Syston",
    "Loughborough",
    "Redditch",
    "Uppingham",
    "Shepshed",
    "Bottesford",
    "Asfordby",
    "Birstall",
    "Anstey",
    "Quorn",
    "Thurmaston",
    "Wymondham",
    "Ketton",
    "Empingham",
]
TOPICS = [
    ("CCTV cameras", "installed"),
    ("dog wardens", "employed"),
    ("Community Protection Notices", "served"),
    ("fly tipping fines", "issued"),
    ("stop and searches", "carried out"),
    ("youth group sessions", "held"),
    ("street lights", "repaired"),
    ("parking tickets", "issued"),
    ("graffiti reports", "closed"),
    ("noise complaints", "investigated"),
    ("litter picks", "organised"),
    ("speed checks", "run"),
]
PEOPLE = ["Inspector Danvers", "Mr Wilson", "Councillor Patel", "Ms Hughes", "Sergeant Clarke", "the Chair"]


def paragraph(rng: random.Random, n: int) -> str:
    """One short minute: a figure, a place, a person, a decision; numbered so no two files share their text."""
    place, (topic, verb), who = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(PEOPLE)
    return (
        f"{n}. {who} reported that {rng.randint(2, 900)} {topic} had been {verb} in {place} during "
        f"the last {rng.randint(2, 24)} months. Members asked whether the figure for {place} would rise, and "
        f"{who} advised that a further report would come to the meeting in {rng.choice(['May', 'June', 'July'])}. "
        f"The Committee agreed to note the update on {topic} (item {n}).\n"
    )


def write_files(n: int, folder: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"minute-{i:05d}.txt"
        path.write_text(paragraph(rng, i + 1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    n, root = int(argv[0]), Path(argv[1])
    files, data = root / "files", root / "data"
    write_files(n, files)
    command = [sys.executable, "-m", "assistant.cli", "ingest", str(files), "--data-dir", str(data), "--quiet"]
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no output)")
    print(f"{n} files in {seconds:.1f} s (process start to exit): {n / seconds:.2f} files/s; exit {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
