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
