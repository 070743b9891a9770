"""The outline on the issue page: every section with its possible moves and links.

An issue may have a thousand sections, so the outline is read in one query and its rows are
built without a template per row.
"""

from collections import defaultdict
from html import escape

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins.models import Section
from bulletins.numbering import possible_moves

# Each section form costs about 10 ms to render (its editor, four choosers, the values it was
# opened with): ten keep the page of any issue under 300 ms; the outline lists every section.
SECTIONS_PER_PAGE = 10

MOVES = [("up", "↑", _("Move up")), ("down", "↓", _("Move down")),
         ("out", "←", _("One level up")), ("in", "→", _("One level down"))]  # fmt: skip
MOVE_NAMES = {name for name, _arrow, _label in MOVES}


def _add_url(base, issue, position, level):
    """The add-section page with the issue and the place in the outline filled in."""
    return f"{base}?issue={issue.pk}&position={position}&level={level}"


def _buttons(section, possible, buttons):
    """The move buttons, escaped once for the whole outline; only the pk differs."""
    return mark_safe(  # noqa: S308 - labels escaped by format_html, pk an integer
        " ".join(buttons[name].format(int(section.pk)) for name, *_r in MOVES if name in possible)
    )


def cell_type_marks(issue):
    """{section id: its mark} for the sections written for some types of cell (one query)."""
    names = defaultdict(list)
    rows = Section.cell_types.through.objects.filter(section__issue=issue).order_by(
        "celltype__position", "celltype__name"
    )
    for section_id, name in rows.values_list("section_id", "celltype__name"):
        names[section_id].append(name)
    return {
        pk: format_html(' <span class="cell-types">{}</span>', ", ".join(found))
        for pk, found in names.items()
    }


def render_outline(issue):
    if issue.pk is None:
        return gettext("Save the issue first, then add its sections.")
    sections = list(
        issue.sections.order_by("position", "pk").only(
            "pk", "issue_id", "position", "level", "number", "heading"
        )
    )
    moves = possible_moves([section.level for section in sections], Section.MAX_LEVEL)
    marks = cell_type_marks(issue)
    buttons = {  # the section's pk goes in the {} left after formatting
        name: format_html(
            '<button type="submit" name="_move" value="{{}}:{}" title="{}" class="button">'
            "{}</button>",
            name,
            label,
            arrow,
        )
        for name, arrow, label in MOVES
    }
    add_after, add = escape(gettext("Add after")), reverse("admin:bulletins_section_add")
    # one reverse for the whole outline: the section's pk goes between prefix and suffix
    prefix, _zero, suffix = reverse("admin:bulletins_section_change", args=[0]).rpartition("/0/")
    change = escape(f"{prefix}/{{}}/{suffix}")
    # A row per section, escaped with the standard library's escape (what Django's calls,
    # without its per-call lazy-text check): a thousand rows in a few milliseconds.
    rows = mark_safe(  # noqa: S308 - the text escaped here, the marks and buttons built safe
        "\n".join(
            f"<tr><td>{escape(section.number)}</td><td>{'\u2003' * (section.level - 1)}"
            f'<a href="{change.format(int(section.pk))}">{escape(section.heading)}</a>'
            f"{marks.get(section.pk, '')}</td><td>{_buttons(section, possible, buttons)}</td>"
            f'<td><a href="{escape(_add_url(add, issue, section.position + 1, section.level))}">'
            f"{add_after}</a></td></tr>"
            for section, possible in zip(sections, moves, strict=True)
        )
    )
    pages = [
        (start, min(start + SECTIONS_PER_PAGE - 1, len(sections)))
        for start in range(1, len(sections) + 1, SECTIONS_PER_PAGE)
    ]
    last = sections[-1].position if sections else 0
    return render_to_string(
        "admin/bulletins/issue/outline.html",
        {
            "rows": rows,
            "pages": pages[1:] and pages,
            "add_at_end": _add_url(add, issue, last + 10, 1),
        },
    )
