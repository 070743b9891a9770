"""Ruled tables in a PDF page, found from the lines drawn around their cells.

A table is taken from the drawing, never guessed from the text alone: thin horizontal and
vertical strokes (PDFium path objects) that cross each other make a grid, and a grid with at
least two columns and one row is a table. Text standing in a cell is read into that cell, a
cell's wrapped lines joined; text laid out in columns without rules (two columns of prose, a
signature block) stays text. A table continued at the top of the next page, with the same
columns, is one table.
"""

from dataclasses import dataclass, field

THIN = 2.5  # points: the width of a rule drawn as a thin rectangle or a stroke
NEAR = 2.5  # points: rules this close touch, positions this close are one
MAX_RULES = 2000  # a page drawn with more thin strokes than this is read as text only


@dataclass
class Grid:
    rows: list  # y of the horizontal rules, top to bottom (PDF y grows upwards)
    verticals: list  # (x, bottom, top) of each vertical rule
    cells: dict = field(default_factory=dict)  # (row, column) -> [(y, x, runs)]

    @property
    def left(self):
        return min(x for x, _, _ in self.verticals)

    @property
    def right(self):
        return max(x for x, _, _ in self.verticals)

    @property
    def top(self):
        return self.rows[0]

    def columns(self, row):
        """The x of the rules that bound the cells of one row, left to right."""
        middle = (self.rows[row] + self.rows[row + 1]) / 2
        return _distinct(
            x for x, bottom, top in self.verticals if bottom - NEAR < middle < top + NEAR
        )

    def locate(self, x, y):
        """(row, column) of a point inside the grid, or None."""
        if not (self.left - NEAR < x < self.right + NEAR and self.rows[-1] < y < self.rows[0]):
            return None
        row = next(i for i in range(len(self.rows) - 1) if self.rows[i + 1] <= y)
        bounds = self.columns(row)
        for column in range(len(bounds) - 1):
            if bounds[column] - NEAR <= x < bounds[column + 1]:
                return row, column
        return None

    def table_rows(self, join):
        """The rows of cells as runs, each cell's pieces read top to bottom, left to right."""
        rows = []
        for row in range(len(self.rows) - 1):
            cells = []
            for column in range(len(self.columns(row)) - 1):
                pieces = sorted(self.cells.get((row, column), []), key=lambda p: (-p[0], p[1]))
                cells.append(join([runs for _, _, runs in pieces]))
            if any(cells):
                rows.append(cells)
        return rows

    def continues(self, previous):
        """Whether this grid goes on with ``previous`` (on the page before): the same columns."""
        mine, theirs = self.columns(0), previous.columns(len(previous.rows) - 2)
        return len(mine) == len(theirs) and all(
            abs(a - b) < NEAR for a, b in zip(mine, theirs, strict=True)
        )


def grids(page):
    """The ruled tables of a pdfium page."""
    import pypdfium2.raw as pdfium_c

    horizontals, verticals = [], []
    for shape in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = shape.get_bounds()
        if top - bottom <= THIN and right - left > 3 * THIN:
            horizontals.append(((top + bottom) / 2, left, right))
        elif right - left <= THIN and top - bottom > 3 * THIN:
            verticals.append(((left + right) / 2, bottom, top))
        if len(horizontals) + len(verticals) > MAX_RULES:  # matching rules costs their square
            return []
    found = []
    for hs, vs in _connected(horizontals, verticals):
        rows = sorted(_distinct(y for y, _, _ in hs), reverse=True)
        grid = Grid(rows, vs)
        if len(rows) >= 2 and any(len(grid.columns(r)) >= 3 for r in range(len(rows) - 1)):
            found.append(grid)
    return found


def _connected(horizontals, verticals):
    """Groups of rules that cross or touch one another (one group per table)."""
    rules = [("h", rule) for rule in horizontals] + [("v", rule) for rule in verticals]
    parent = list(range(len(rules)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kind, (y, x0, x1)) in enumerate(rules):
        if kind != "h":
            continue
        for j, (other, (x, y0, y1)) in enumerate(rules):
            if other == "v" and x0 - NEAR <= x <= x1 + NEAR and y0 - NEAR <= y <= y1 + NEAR:
                parent[root(i)] = root(j)
    groups = {}
    for i, (kind, rule) in enumerate(rules):
        hs, vs = groups.setdefault(root(i), ([], []))
        (hs if kind == "h" else vs).append(rule)
    return [(hs, vs) for hs, vs in groups.values() if hs and vs]


def _distinct(values):
    out = []
    for value in sorted(values):
        if not out or value - out[-1] > NEAR:
            out.append(value)
    return out
