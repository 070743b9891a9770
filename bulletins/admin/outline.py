"""The outline on the issue page: every section with its possible moves and links.

An issue may have a thousand sections, so the outline is read in one query and its rows are
built without a template per row.
"""

from collections import defaultdict

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins.models import Section
from bulletins.numbering import possible_moves

SECTIONS_PER_PAGE = 20

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
    add_after, add = gettext("Add after"), reverse("admin:bulletins_section_add")
    # one reverse for the whole outline: the section's pk goes between prefix and suffix
    prefix, _zero, suffix = reverse("admin:bulletins_section_change", args=[0]).rpartition("/0/")
    rows = format_html_join(
        "\n",
        '<tr><td>{}</td><td>{}<a href="{}">{}</a>{}</td><td>{}</td>'
        '<td><a href="{}">{}</a></td></tr>',
        (
            (
                section.number,
                "\u2003" * (section.level - 1),
                f"{prefix}/{section.pk}/{suffix}",
                section.heading,
                marks.get(section.pk, ""),
                _buttons(section, possible, buttons),
                _add_url(add, issue, section.position + 1, section.level),
                add_after,
            )
            for section, possible in zip(sections, moves, strict=True)
        ),
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
