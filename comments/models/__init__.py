"""The comments app's models, one concern per module."""

from comments.models.ban import CommenterBan
from comments.models.comment import Comment, CommentQuerySet
from comments.models.like import CommentLike
from comments.models.report import CommentReport
from comments.models.word import SensitiveWord

__all__ = ["Comment", "CommentLike", "CommentQuerySet", "CommentReport", "CommenterBan", "SensitiveWord"]
