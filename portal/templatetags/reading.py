"""Rendering helpers for the reading view."""

import re

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from bulletins.html import sanitize_html

register = template.Library()


@register.filter
def with_citation_links(section):
    """The section body with each linked citation turned into a link to its registry page.

    Offsets were recorded when the body was saved; the citations and their documents must
    be prefetched. A citation whose span crosses tags is repaired by the sanitiser.
    """
    body = section.body
    pieces, position = [], 0
    for citation in section.citations.all():
        if citation.document is None or citation.start < position:
            continue
        pieces.append(body[position : citation.start])
        pieces.append(
            format_html(
                '<a class="citation" href="{}" title="{}">',
                citation.document.get_absolute_url(),
                preview(citation.document),
            )
        )
        pieces.append(body[citation.start : citation.end])
        pieces.append("</a>")
        position = citation.end
    if not pieces:
        return mark_safe(body)  # noqa: S308 (sanitised on save)
    pieces.append(body[position:])
    return mark_safe(sanitize_html("".join(pieces)))  # noqa: S308


@register.filter
def with_people_links(html, linker):
    """Names of people linked to their pages (people.mentions); the input is sanitised HTML."""
    return mark_safe(linker.link(html)) if linker else html  # noqa: S308


def preview(document):
    """Type, date, issuer and subject, shown on hover or long press."""
    parts = [document.document_type.name, document.code]
    if document.issued_on:
        parts.append(format_date(document.issued_on, "d/m/Y"))
    if document.issuer:
        parts.append(document.issuer.name)
    if document.subject:
        parts.append(document.subject)
    return " · ".join(parts)


_CSS_UNSAFE = re.compile(r'[\\"<>&\n\r]')


@register.filter
def css_string(text):
    """Text as a quoted CSS string, safe inside a <style> element (for @page margin boxes)."""
    escaped = _CSS_UNSAFE.sub(lambda match: f"\\{ord(match.group()):x} ", str(text))
    return mark_safe(f'"{escaped}"')  # noqa: S308 (every character that could end it is escaped)


@register.filter
def bare_number(number):
    """A section's number as an orientation list prints it: "3." is 3, "1.2." is 1.2."""
    return (number or "").strip().rstrip(".")
