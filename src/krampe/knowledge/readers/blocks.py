"""A format-neutral block stream (headings, paragraphs, lists, tables, comments) and the
one place that turns it into sections and passages, so every reader pairs FAQs, keeps
table headers with rows, respects the passage length cap, lifts bylines and dates into
metadata, marks the lead and drops related-links sections the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from krampe.knowledge.model import MAX_PASSAGE_CHARS, Passage, PassageKind, Section
from krampe.knowledge.readers.cues import cues
from krampe.knowledge.readers.meta import byline, date_only

# Titles and headings up to this long are headings in every format (a .txt reader has to
# guess them from the layout; Markdown and HTML mark them).
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 20
# A section's opening sentence up to this long, directly over a list, introduces it.
_INTRO_CHARS = 160


@dataclass(slots=True)
class Heading:
    level: int
    text: str


@dataclass(slots=True)
class Para:
    text: str
    lead: bool = False  # marked as the article's lead by its source (HTML class)


@dataclass(slots=True)
class ListBlock:
    items: list[str]


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class Comment:
    text: str


Block = Heading | Para | ListBlock | Table | Comment

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(«»A-ZÆØÅ0-9])")
_SECTION_META = re.compile(r"^\s*(sources|tags)\s*:\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)


def clean(text: str) -> str:
    """Collapse whitespace (passages are compared and shown as single-spaced text)."""
    return " ".join(text.split())


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Split text into chunks of at most `limit` chars at sentence, else word, boundaries."""
    text = clean(text)
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) <= limit:
            pieces.append(sentence)
            continue
        words, current = sentence.split(" "), ""
        for word in words:
            word = word[:limit]
            if current and len(current) + 1 + len(word) > limit:
                pieces.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        if current:
            pieces.append(current)
    return _pack(pieces, " ", limit)


def _pack(pieces: list[str], joiner: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(joiner) + len(piece) > limit:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}{joiner}{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def is_boilerplate(text: str) -> bool:
    return cues().boilerplate_re.search(text) is not None


def is_signature(text: str) -> bool:
    """A letter's closing ("Med venlig hilsen Personalet i Lægehuset ved Åen")."""
    table = cues()
    return (table.signature_re.match(text) is not None
            and len(text.split()) <= table.signature_max_words)


def is_skip_line(text: str) -> bool:
    return cues().skip_line_re.match(text) is not None


def is_related_heading(text: str, exact: bool = False) -> bool:
    """A heading over links to other pages ("Læs også", "Relaterede artikler ..."); with
    `exact`, only the cue itself (a plain-text line that may also start a cross-link)."""
    if exact:
        return text.strip().rstrip(":").strip().lower() in cues().related_headings
    return cues().related_heading_re.match(text) is not None


_LABEL_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_MAX_LEVEL = 6  # the deepest heading level


def is_label(text: str) -> bool:
    """A site or category label such as "Rygklinikken Vest · Patientguide": short pieces
    between separators, no sentence. Above an article's text it is no heading or lead."""
    pieces = _LABEL_SEPARATOR.split(text.strip())
    return (len(pieces) > 1 and all(0 < len(p.split()) <= 5 for p in pieces)
            and text.rstrip()[-1] not in ".!?:;")


def starts_with_cue(text: str, cue_list: list[str]) -> bool:
    head = text.lstrip().lower()
    return any(head.startswith(cue) for cue in cue_list)


def publisher(label: str) -> str:
    """A site label without its date pieces ("Ugeavisen X · Tirsdag 12. november 2024")."""
    pieces = _LABEL_SEPARATOR.split(label.strip())
    return " · ".join(p for p in pieces if not date_only(p)) or label.strip()


def lift_metadata(text: str, meta: dict[str, object]) -> bool:
    """Put a byline or date line into `meta` (first value wins); False for other text."""
    found = byline(text)
    if not found:
        return False
    for key, value in found.items():
        meta.setdefault(key, value)
    return True


class _Builder:
    def __init__(self, meta: dict[str, object]) -> None:
        self.meta = meta
        self.sections: list[Section] = []
        self.stack: list[Heading] = []  # open headings, for FAQ context
        self.current = Section(heading=None, level=0)
        self.fresh = True  # no passage yet since the heading: comments are section meta
        self.faq_answer: list[str] = []
        # The lead: the opening paragraph before the first subheading (a title heading
        # may come first), and any paragraph there its source marks as the lead.
        self.opening = True
        self.lead_taken = False
        self.skip_below: int | None = None  # inside a related-links section of this level

    # FAQ: a question heading below the top level whose answer is paired with it.
    def _is_faq(self) -> bool:
        heading = self.current.heading
        if not heading or self.current.level < 2:
            return False
        parents = " ".join(h.text.lower() for h in self.stack[:-1])
        under_faq = any(cue in parents for cue in cues().faq_heading_cues)
        return heading.rstrip().endswith("?") and (under_faq or self.current.level >= 3)

    def _add(self, text: str, kind: PassageKind) -> None:
        self.fresh = False
        if self._is_faq() and kind != "table_row":
            self.faq_answer.append(text)
            return
        for i, chunk in enumerate(split_long(text)):
            self.current.passages.append(Passage(text=chunk, kind=kind, continued=i > 0))

    def _flush_faq(self) -> None:
        if not self.faq_answer:
            return
        question = clean(self.current.heading or "")
        budget = MAX_PASSAGE_CHARS - len(question) - 1
        pieces: list[str] = []
        for answer in self.faq_answer:
            pieces.extend(split_long(answer, budget))
        for chunk in _pack(pieces, " ", budget):
            self.current.passages.append(Passage(text=f"{question}\n{chunk}", kind="faq"))
        self.faq_answer = []

    def _close(self) -> None:
        self._flush_faq()
        if self.current.passages or self.current.heading:
            self.sections.append(self.current)

    def _heading(self, block: Heading) -> None:
        text = clean(block.text)
        if not text or lift_metadata(text, self.meta):
            return
        if self.skip_below is not None and block.level > self.skip_below:
            return
        self.skip_below = block.level if is_related_heading(text) else None
        if self.skip_below is not None:
            return
        if block.level == 1 and not self.sections and self._kicker():
            self.current.passages.clear()
            self.lead_taken = False
        title_heading = block.level == 1 and not self.sections and not self.current.passages
        if not title_heading:
            self.opening = False
        self._close()
        while self.stack and self.stack[-1].level >= block.level:
            self.stack.pop()
        self.stack.append(Heading(block.level, text))
        self.current = Section(heading=text, level=block.level)
        self.fresh = True

    def _kicker(self) -> bool:
        """A short label over the title ("LÆGEN SVARER", "Tema: søvn"): the column or
        category the page belongs to, neither a lead nor a passage."""
        passages = self.current.passages
        if self.current.heading or len(passages) != 1:
            return False
        text = passages[0].text
        return len(text.split()) <= 4 and text[-1] not in ".!?"

    def _para(self, block: Para) -> None:
        text = clean(block.text)
        if text and is_related_heading(text, exact=True):
            # "**Læs også**" as a line of its own over a list of links: a related-links
            # section without a heading, skipped up to the next heading of any level.
            self.skip_below = _MAX_LEVEL
            return
        if not text or is_skip_line(text) or is_boilerplate(text) or is_signature(text):
            return
        if not any(ch.isalnum() for ch in text):
            return  # a rule line ("-----", "* * *") between items: no text
        if lift_metadata(text, self.meta):
            return
        if self.opening and not self.lead_taken and self._label_and_byline(block.text):
            return
        if self.opening and not self.lead_taken and is_label(text):
            # "Rygklinikken Vest · Patientguide": who publishes it, searchable with the
            # title ("hvad gør rygklinikken ..."), never a passage.
            self.meta.setdefault("publisher", publisher(text))
            return
        if self._answer_to_letter(text):
            return
        lead = self.opening and (block.lead or not self.lead_taken)
        self.lead_taken = True
        self._add(text, "lead" if lead else "paragraph")

    def _label_and_byline(self, raw: str) -> bool:
        """Lines above the text that are a byline and a short site label ("Klinikken –
        bloggen" over "Skrevet af ..."): metadata, never the lead."""
        lines = [clean(line) for line in raw.split("\n") if clean(line)]
        if len(lines) < 2 or not any(byline(line) for line in lines):
            return False
        rest = [line for line in lines if not byline(line)]
        if not all(len(line.split()) <= 6 and line[-1] not in ".!?" for line in rest):
            return False
        for line in lines:
            lift_metadata(line, self.meta)
        if rest:
            self.meta.setdefault("publisher", publisher(" · ".join(rest)))
        return True

    def _answer_to_letter(self, text: str) -> bool:
        """A reader's letter ("Spørgsmål: ...") and its answer ("Svar: ...") are one
        passage like a FAQ's question and answer: the letter says what the answer is
        about, and on its own it answers nothing."""
        passages = self.current.passages
        if not (passages and passages[-1].kind == "paragraph" and not passages[-1].continued
                and starts_with_cue(text, cues().letter_answer_cues)
                and starts_with_cue(passages[-1].text, cues().letter_question_cues)):
            return False
        self._pair(passages.pop().text, text)
        return True

    def _pair(self, letter: str, text: str) -> None:
        passages = self.current.passages
        budget = MAX_PASSAGE_CHARS - len(letter) - 1
        if budget < MAX_PASSAGE_CHARS // 3:  # a long letter: its opening stands for it
            letter = split_long(letter, MAX_PASSAGE_CHARS // 2)[0]
            budget = MAX_PASSAGE_CHARS - len(letter) - 1
        for chunk in split_long(text, budget):
            passages.append(Passage(text=f"{letter}\n{chunk}", kind="faq"))

    def feed(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._heading(block)
            return
        if self.skip_below is not None:
            return
        if isinstance(block, Comment):
            match = _SECTION_META.match(block.text)
            if match and self.fresh and self.current.heading:
                values = [v.strip() for v in re.split(r"[,\n]", match[2]) if v.strip()]
                getattr(self.current, match[1].lower()).extend(values)
        elif isinstance(block, Para):
            self._para(block)
        elif isinstance(block, ListBlock):
            items = [clean(item) for item in block.items if clean(item)]
            if items:
                self.lead_taken = True
                self._add_list(items)
        elif isinstance(block, Table):
            self.lead_taken = True
            self._add_table(block)

    def _add_list(self, items: list[str]) -> None:
        lines = [f"- {item}" for item in items]
        if self._is_faq():
            self._add("\n".join(lines), "list")
            return
        self.fresh = False
        pieces: list[str] = []
        passages = self.current.passages
        # A lead-in ("Det gælder især:") belongs with the list it introduces, and so does
        # one before the list's own label ("... nogle klare tegn:" over "Typisk for X:").
        lead_ins: list[str] = []
        while (passages and passages[-1].kind == "paragraph" and len(lead_ins) < 2
               and passages[-1].text.endswith(":") and not passages[-1].continued):
            lead_ins.insert(0, passages.pop().text)
        # So does a section's one short opening sentence ("Godt til dig, der sidder
        # meget.") over its steps: alone it says whom the steps are for, not what they are.
        if (not lead_ins and len(passages) == 1 and passages[0].kind == "paragraph"
                and not passages[0].continued and len(passages[0].text) <= _INTRO_CHARS
                and not re.search(r"[.!?]\s", passages[0].text)):
            lead_ins.append(passages.pop().text)
        pieces.extend(lead_ins)
        for line in lines:
            pieces.extend(split_long(line))
        for chunk in _pack(pieces, "\n", MAX_PASSAGE_CHARS):
            self.current.passages.append(Passage(text=chunk, kind="list"))

    def _add_table(self, table: Table) -> None:
        self.fresh = False
        header = [clean(cell) for cell in table.header]
        for row in table.rows:
            cells = [clean(cell) for cell in row]
            parts = []
            for i, cell in enumerate(cells):
                if not cell:
                    continue
                name = header[i] if i < len(header) else ""
                parts.append(f"{name}: {cell}" if name else cell)
            if parts:
                for chunk in split_long(" · ".join(parts)):
                    self.current.passages.append(Passage(text=chunk, kind="table_row"))

    def finish(self) -> list[Section]:
        self._close()
        self._drop_author_note()
        sections = [section for section in self.sections if section.passages]
        # Without a section after it, the opening is the whole text, not a lead.
        if len(sections) < 2:
            for section in sections:
                for passage in section.passages:
                    passage.kind = "paragraph"
        return sections


    def _drop_author_note(self) -> None:
        """A closing note about the author ("Mads Krogh driver ... og har løbet 14
        maratonløb.") answers nothing: the last paragraph opening with the byline's name."""
        author = self.meta.get("author")
        if not isinstance(author, str) or not self.sections:
            return
        name = " ".join(author.split(",")[0].split()[-2:])
        passages = self.sections[-1].passages
        if (len(name.split()) == 2 and passages and passages[-1].kind == "paragraph"
                and passages[-1].text.startswith(name)):
            passages.pop()


def build_sections(blocks: list[Block], meta: dict[str, object] | None = None) -> list[Section]:
    """Sections of the block stream; bylines and date lines go into `meta` if given."""
    builder = _Builder({} if meta is None else meta)
    for block in blocks:
        builder.feed(block)
    return builder.finish()
