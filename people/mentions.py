"""Links from a text to the pages of the people it names.

A person is recognised by the full name ("Nông Thị Thanh Vân") or by the short form of the
material, "Đ/c" or "đồng chí" and the given name ("Đ/c Vân"). A name two people share, or a
given name two people share, is left alone: a wrong link is worse than none. Only the first
mention of each person in a text is linked, and never inside an existing link.
"""

import re
from collections import Counter

from django.utils.html import escape

_TAG = re.compile(r"(<[^>]+>)")
_SHORT_FORM = r"(?:Đ/c|đ/c|Đồng chí|đồng chí)\s+"


class PeopleLinker:
    def __init__(self, people):
        """`people`: (name, url) pairs, e.g. every Person with get_absolute_url()."""
        people = [(" ".join(name.split()), url) for name, url in people]
        full_names = Counter(name for name, _url in people)
        given_names = Counter(name.split()[-1] for name, _url in people if name)
        self.urls = {}
        for name, url in people:
            if name and full_names[name] == 1:
                self.urls[name] = url
                if given_names[name.split()[-1]] == 1:
                    self.urls[name.split()[-1]] = url
        full = sorted((name for name in self.urls if " " in name), key=len, reverse=True)
        given = [name for name in self.urls if " " not in name]
        alternatives = [re.escape(name) for name in full]
        if given:
            alternatives.append(_SHORT_FORM + "(?:" + "|".join(map(re.escape, given)) + ")")
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives
            else None
        )

    def url_for(self, mention):
        return self.urls.get(mention) or self.urls.get(mention.split()[-1])

    def link(self, html):
        """`html` (sanitised) with the first mention of each known person linked."""
        if self.pattern is None:
            return html
        linked, in_link, pieces = set(), 0, []
        for piece in _TAG.split(html):
            if piece.startswith("<"):
                if re.match(r"<a[\s>]", piece):
                    in_link += 1
                elif piece.startswith("</a"):
                    in_link = max(0, in_link - 1)
                pieces.append(piece)
            elif in_link:
                pieces.append(piece)
            else:
                pieces.append(self.pattern.sub(lambda match: self._anchor(match, linked), piece))
        return "".join(pieces)

    def _anchor(self, match, linked):
        mention = match.group(0)
        url = self.url_for(" ".join(mention.split()))
        if url is None or url in linked:
            return mention
        linked.add(url)
        return f'<a class="person" href="{escape(url)}">{mention}</a>'
