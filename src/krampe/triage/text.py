"""Danish text for triage: the language layer's tokens with offsets and sentences.

Nothing is dropped (negation words stay); `fixer` is the layer's spelling corrector built
over the rule words (Engine.fixer).
"""

from __future__ import annotations

from krampe.lang.da import Corrector, Danish, Sentence, Token, danish

__all__ = ["Sentence", "Token", "tokenize"]


def tokenize(
    text: str, fixer: Corrector | None = None, lang: Danish | None = None
) -> tuple[list[Token], list[Sentence]]:
    """Tokens of `text` and sentence ranges (token index start, end), read by `lang`
    (default: the layer in force)."""
    tokenizer = (lang or danish()).tokenizer
    return tokenizer.tokenize(text, fixer.fix if fixer is not None else None)
