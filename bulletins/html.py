"""Server-side sanitising of rich text, whatever the editor sent.

CKEditor 5 produces clean markup, but a request can be forged and content is also imported
from files, so every stored HTML fragment goes through this allow-list.
"""

import nh3
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small",
    "ul", "ol", "li", "blockquote",
    "a", "img", "figure", "figcaption",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
}

# CKEditor marks figures with classes the reading stylesheet relies on; citation links are
# added by the reading view.
ALLOWED_CLASSES = {
    "a": {"citation"},
    "figure": {
        "image",
        "table",
        "image-style-side",
        "image-style-align-left",
        "image-style-align-right",
    },
}

URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class SanitizedHTMLField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitised on every save, from any code path."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
