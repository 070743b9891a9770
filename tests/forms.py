"""Read a rendered HTML form back into POST data, the way a browser would submit it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image"}:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def form_data(html, form_id):
    reader = _FormReader(form_id)
    reader.feed(html)
    return {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}


def inline_index(data, obj):
    """The index of ``obj``'s form in the posted inline forms (``sections-3-id`` gives 3)."""
    return next(
        key.split("-")[-2]
        for key, value in data.items()
        if key.endswith("-id") and value == str(obj.pk)
    )
