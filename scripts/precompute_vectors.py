"""Precompute the semantic stage's passage vectors for the bundled pack.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/precompute_vectors.py

Writes src/krampe/knowledge/data/bundled_vectors.npz (model id, content keys, float16
unit vectors). Run it after changing the pack; tests/knowledge/test_semantic.py fails
while a bundled passage has no shipped vector.
"""

from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = os.environ.get("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from krampe.bundled import resolve_specs  # noqa: E402
from krampe.knowledge import index as index_mod  # noqa: E402
from krampe.knowledge import semantic  # noqa: E402
from krampe.knowledge.readers import load_articles  # noqa: E402


def main() -> None:
    articles, _ = load_articles(resolve_specs(None))
    idx = index_mod.build(articles)
    texts = [semantic.passage_text(r.title, r.section, r.text)
             for r in (idx.record(i) for i in range(idx.size))]
    keys = [semantic.content_key(t) for t in texts]
    vectors = semantic.encode_passages(texts).astype(np.float16)
    np.savez_compressed(semantic.BUNDLED_VECTORS, model=np.asarray(semantic.MODEL_ID),
                        keys=np.asarray(keys), vectors=vectors)
    print(f"{len(keys)} vectors -> {semantic.BUNDLED_VECTORS}")


if __name__ == "__main__":
    main()
