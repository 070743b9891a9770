"""What the feedback app tells the rest of the project.

``question_answered`` is sent once the board's answer to a cell's questions is saved, with
``feedback`` (the cell's record, its ``answer`` filled) and ``answered_by``. The notices app
connects to it to tell the cell's readers; feedback does not know who listens.
"""

from django.dispatch import Signal

question_answered = Signal()
