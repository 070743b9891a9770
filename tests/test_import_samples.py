"""The three shared samples (real bulletins, as text) rebuilt at test time as Markdown, Word with
typed numbers, Word with automatic numbering, and PDF, through tests/import_corpus.py: each
import gives the outline the sample's text gives (which tests/test_import.py checks against
tests/import_expectations/, read by hand), and places at least 99.5% of its words. Nothing of
the samples' prose is kept in the repository: the files are made from the shared folder."""

import functools
import json
from pathlib import Path

import pytest
from django.utils import translation

from bulletins.importing import read_bulletin, read_bytes

from .import_corpus import from_bulletin, to_docx, to_markdown, to_pdf
from .support import sample_path
from .test_import_corpus import output_words

SAMPLES = sorted(
    json.loads(path.read_text(encoding="utf-8"))["sample"]
    for path in (Path(__file__).parent / "import_expectations").glob("*.json")
)
FORMATS = {
    "md": lambda spec: (to_markdown(spec), "bulletin.md"),
    "docx-typed": lambda spec: (to_docx(spec, auto=False), "bulletin.docx"),
    "docx-automatic": lambda spec: (to_docx(spec, auto=True), "bulletin.docx"),
    "pdf": lambda spec: (to_pdf(spec), "bulletin.pdf"),
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@functools.cache
def reference(name):
    """The sample's text as imported, and the same bulletin as a corpus Spec."""
    bulletin = read_bulletin(sample_path(name))
    return bulletin, from_bulletin(name, bulletin)


def as_displayed(levels):
    """The numbers Word shows for headings at these levels ("1", "1.1", "1.1.1" ...)."""
    counters, numbers = [], []
    for level in levels:
        counters = counters[:level] + [0] * (level - len(counters))
        counters[level - 1] += 1
        numbers.append(".".join(map(str, counters)))
    return numbers


def content_words(bulletin):
    """The words the draft holds, header left out (the rebuilt files carry their own), and
    photo captions counted once: they are in their section's text too."""
    data = bulletin.as_json()
    data["header"], data["captions"] = {}, []
    return output_words(_Json(data))


class _Json:
    def __init__(self, data):
        self.data = data

    def as_json(self):
        return self.data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SAMPLES)
def test_a_shared_sample_in_every_format_gives_the_structure_of_its_text(name, fmt):
    text, spec = reference(name)
    data, filename = FORMATS[fmt](spec)
    bulletin = read_bytes(data, filename)

    want = [(s.number, s.level, s.heading) for s in text.sections]
    if fmt == "docx-automatic":  # Word numbers the headings itself, in sequence
        numbers = as_displayed([level for _number, level, _heading in want])
        want = [(n, level, heading) for n, (_, level, heading) in zip(numbers, want, strict=True)]
    assert [(s.number, s.level, s.heading) for s in bulletin.sections] == want
    assert [(i.number, i.text) for i in bulletin.orientation] == [
        (i.number, i.text) for i in text.orientation
    ]
    assert [n.text for n in bulletin.footnotes] == [n.text for n in text.footnotes]
    assert (bulletin.header.month, bulletin.header.year) == (spec.month, spec.year)

    source, found = content_words(text), content_words(bulletin)
    placed = sum(min(count, found[word]) for word, count in source.items())
    assert placed / source.total() >= 0.995, f"{placed}/{source.total()} words placed"
