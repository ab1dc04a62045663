"""Generate a large Danish corpus from real passages, recombined and varied.

    python bench/corpus.py --n 10000 [--seed 7] [--out bench/out/corpus-10000-s7]

Source: the seed articles and the bundled content pack (its Markdown pages when present).
Articles reuse real sentences shuffled across passages, real headings with word forms
swapped, and titles made of real words, so term statistics look like Danish health pages
rather than random strings. Half are Markdown with front matter, half plain text with
question headings. Deterministic for a given seed and source set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from peers.passages import load_docs, resolve_specs
from peers.variants import swap_forms

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "bench" / "out"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])")
_WORD = re.compile(r"[a-zæøåA-ZÆØÅ]{4,}")


@dataclass
class Pool:
    paragraphs: list[list[str]]  # sentences of each real passage
    sentences: list[str]
    headings: list[str]
    words: list[str]


def source_specs() -> list[str]:
    specs = [str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else []
    try:
        from krampe.content.pack import bundled_dir

        if any(bundled_dir().glob("*.md")):
            specs.append("bundled")
    except ImportError:
        pass
    if not specs:
        raise SystemExit("no source articles: need ../shared/seeds or the bundled pack")
    return specs


def build_pool(specs: list[str]) -> Pool:
    docs = load_docs(specs)
    paragraphs = []
    for doc in docs:
        sentences = [s.strip() for s in _SENTENCE_END.split(doc.text) if len(s.strip()) > 20]
        if sentences:
            paragraphs.append(sentences)
    headings = sorted({d.section for d in docs if d.section})
    words = sorted({w.lower() for d in docs for w in _WORD.findall(d.text)})
    return Pool(paragraphs, [s for p in paragraphs for s in p], headings, words)


def fingerprint(specs: list[str]) -> str:
    digest = hashlib.sha256()
    for path in resolve_specs(specs):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _paragraph(pool: Pool, rng: random.Random) -> str:
    # A real passage's sentences, one or two swapped with sentences from elsewhere, shuffled.
    sentences = list(rng.choice(pool.paragraphs))[:5]
    for _ in range(rng.randint(1, 2)):
        sentences.append(rng.choice(pool.sentences))
    rng.shuffle(sentences)
    text = " ".join(sentences[: rng.randint(2, 5)])
    return swap_forms(text, rng, rate=0.3)[:690]


def _heading(pool: Pool, rng: random.Random) -> str:
    heading = swap_forms(rng.choice(pool.headings), rng, rate=0.4)
    words = heading.split()
    if len(words) > 3 and rng.random() < 0.4:
        i = rng.randrange(1, len(words))
        if len(words[i]) > 4:
            words[i] = rng.choice(pool.words) + ("?" if words[i].endswith("?") else "")
    return " ".join(words)


def _title(pool: Pool, rng: random.Random) -> str:
    words = rng.sample(pool.words, rng.randint(3, 6))
    return " ".join(words).capitalize()


def article(pool: Pool, rng: random.Random, number: int) -> tuple[str, str]:
    """(file name, content) of one generated article."""
    title = _title(pool, rng)
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
    sections = []
    for _ in range(rng.randint(3, 7)):
        blocks = [_paragraph(pool, rng) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.15:
            items = [rng.choice(pool.sentences)[:160] for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"- {item}" for item in items))
        sections.append((_heading(pool, rng), blocks))
    if number % 2 == 0:
        parts = [f'---\ntitle: "{title}"\nupdated: "{day.isoformat()}"\n---\n',
                 _paragraph(pool, rng)]
        for heading, blocks in sections:
            parts.append(f"## {heading.rstrip('?')}?" if rng.random() < 0.6 else f"## {heading}")
            parts.extend(blocks)
        return f"gen_{number:05d}.md", "\n\n".join(parts) + "\n"
    parts = [title, f"Sidste ændring: {day.day} {_MONTHS[day.month - 1]}, {day.year}",
             _paragraph(pool, rng)]
    for heading, blocks in sections:
        parts.append(heading.rstrip("?.") + "?")  # plain text: headings are question lines
        parts.extend(b.replace("- ", "• ") for b in blocks)
    return f"gen_{number:05d}.txt", "\n\n".join(parts) + "\n"


_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december"]


def generate(n: int, out: Path | None = None, seed: int = 7, fresh: bool = False) -> Path:
    """Write (or reuse) the corpus of `n` articles; returns its directory.

    A kept corpus is reused even if the sources changed since, unless `fresh`.
    """
    specs = source_specs()
    stamp = {"n": n, "seed": seed, "sources": fingerprint(specs), "version": 2}
    out = out or OUT / f"corpus-{n}-s{seed}"
    manifest = out / "manifest.json"
    if manifest.is_file():
        old = json.loads(manifest.read_text())
        # The pack changes often; a kept corpus keeps timings comparable between runs.
        if old == stamp or (not fresh and {**old, "sources": None} == {**stamp, "sources": None}):
            return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("gen_*"):
        old.unlink()
    pool = build_pool(specs)
    rng = random.Random(seed)
    for number in range(n):
        name, content = article(pool, rng, number)
        (out / name).write_text(content, encoding="utf-8")
    manifest.write_text(json.dumps(stamp))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="directory (default bench/out/corpus-N-sSEED)")
    parser.add_argument("--fresh", action="store_true", help="regenerate from current sources")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    out = generate(args.n, args.out, args.seed, fresh=args.fresh)
    files = list(out.glob("gen_*"))
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} articles, {size / 1e6:.1f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
