"""The moderators' workplace, one module per list: the comment queue, reports, the word list."""

from comments.admin import queue, reports, words  # noqa: F401  (registers the model admins)
