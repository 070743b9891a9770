"""Section numbers derived from an outline of levels, as printed in the bulletins (2.1.3.)."""


def number_outline(levels):
    """Return the printed number for each level in document order.

    A level deeper than one below its predecessor is treated as one below it, so a slip in
    the outline never produces numbers such as 2.0.1.
    """
    counters = []
    numbers = []
    for level in levels:
        depth = max(1, min(level, len(counters) + 1))
        del counters[depth:]
        if len(counters) < depth:
            counters.append(0)
        counters[depth - 1] += 1
        numbers.append(".".join(str(n) for n in counters) + ".")
    return numbers


def outline_errors(levels):
    """Positions (0-based) whose level skips one, for the editor to fix."""
    previous = 0
    errors = []
    for index, level in enumerate(levels):
        if level > previous + 1:
            errors.append(index)
        previous = min(level, previous + 1)
    return errors


def _block_end(levels, index):
    """End of the subtree starting at index: a section moves with its subsections."""
    end = index + 1
    while end < len(levels) and levels[end] > levels[index]:
        end += 1
    return end


def move(levels, index, direction, max_level):
    """The outline after moving one section with its subsections.

    Returns (order, levels): ``order`` lists the old indexes in their new order. ``up`` and
    ``down`` swap with the neighbouring sibling; ``in`` and ``out`` change the depth of the
    whole subtree. A move that is not possible returns the outline unchanged.
    """
    levels = list(levels)
    order = list(range(len(levels)))
    end = _block_end(levels, index)
    level = levels[index]
    if direction == "up":
        previous = index - 1
        while previous >= 0 and levels[previous] > level:
            previous -= 1
        if previous >= 0 and levels[previous] == level:
            order = order[:previous] + order[index:end] + order[previous:index] + order[end:]
    elif direction == "down":
        if end < len(levels) and levels[end] == level:
            after = _block_end(levels, end)
            order = order[:index] + order[end:after] + order[index:end] + order[after:]
    elif direction == "in":
        deepest = max(levels[index:end])
        if index > 0 and levels[index - 1] >= level and deepest < max_level:
            levels[index:end] = [value + 1 for value in levels[index:end]]
    elif direction == "out" and level > 1:
        levels[index:end] = [value - 1 for value in levels[index:end]]
    return order, [levels[old] for old in order]


def possible_moves(levels, max_level):
    """For each section, the directions in which ``move`` changes the outline.

    Two linear passes, so that the outline of a thousand sections shows only the buttons that
    do something without trying every move.
    """
    moves = [set() for _ in levels]
    for direction, indexes in (("up", range(len(levels))), ("down", reversed(range(len(levels))))):
        siblings = set()  # levels with a sibling on this side still open
        for index in indexes:
            level = levels[index]
            if level in siblings:
                moves[index].add(direction)
            siblings = {open_level for open_level in siblings if open_level < level} | {level}
    deepest, ancestors = list(levels), []
    for index, level in enumerate(levels):
        while ancestors and levels[ancestors[-1]] >= level:
            ancestors.pop()
        for ancestor in ancestors:
            deepest[ancestor] = max(deepest[ancestor], level)
        ancestors.append(index)
    for index, level in enumerate(levels):
        if index > 0 and levels[index - 1] >= level and deepest[index] < max_level:
            moves[index].add("in")
        if level > 1:
            moves[index].add("out")
    return moves
