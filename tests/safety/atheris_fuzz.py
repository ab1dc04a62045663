"""Coverage-guided fuzzing with atheris (libFuzzer) of triage, search and the readers.

Not part of the pytest run (atheris is not a project dependency). Run by hand with
atheris on the path, e.g.:

    pip install --target /tmp/atheris_pkg atheris==3.0.0
    PYTHONPATH=/tmp/atheris_pkg .venv/bin/python tests/safety/atheris_fuzz.py triage \
        -atheris_runs=200000 -max_len=2000

Anything but the documented Danish errors (KrampeError; UnreadableFile for the readers)
is a crash, and libFuzzer saves the input as crash-<sha1> in the working directory.
"""

from __future__ import annotations

import os
import sys
import tempfile


def main() -> None:
    import atheris

    target = sys.argv.pop(1) if len(sys.argv) > 1 else "triage"
    from krampe.errors import KrampeError
    from krampe.knowledge.kb import KnowledgeBase
    from krampe.knowledge.readers import UnreadableFile, read_article
    from krampe.triage import triage

    kb = KnowledgeBase.load(["bundled"], use_cache=False) if target == "search" else None
    triage("krampe i læggen")  # loads the engine's lazily imported modules and rules
    # Instrument every loaded function (the engines import lazily, so instrument_imports
    # would miss most of them).
    atheris.instrument_all()
    tmp = tempfile.mkdtemp(prefix="atheris-")
    suffixes = [".txt", ".md", ".html"]

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        try:
            if target == "triage":
                triage(fdp.ConsumeUnicodeNoSurrogates(len(data)))
            elif target == "search":
                kb.search(fdp.ConsumeUnicodeNoSurrogates(len(data)), fdp.ConsumeIntInRange(1, 20))
            else:
                path = os.path.join(tmp, "a" + suffixes[fdp.ConsumeIntInRange(0, 2)])
                with open(path, "wb") as fh:
                    fh.write(fdp.ConsumeBytes(len(data)))
                read_article(path)
        except (KrampeError, UnreadableFile):
            pass

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
