"""What the comments app asks of a logged-in account, through its reader
profile (members.Reader, ``user.reader``) when it has one; comments does
not import members.
"""

VERIFICATION_REQUIRED_MESSAGE = "本站评论需要先验证手机号：请用手机号和短信验证码登录后再发表。"


def _reader(user):
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "reader", None)  # None for an account without a profile (staff)


def display_name(user):
    """The name beside a logged-in commenter's comment: their nickname, never
    their username (a reader's is their mobile number)."""
    reader = _reader(user)
    return (reader.nickname if reader is not None else "") or user.get_username()


def has_verified_phone(user):
    reader = _reader(user)
    return reader is not None and reader.phone_verified
