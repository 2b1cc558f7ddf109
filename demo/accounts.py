"""Demo accounts and the newsroom's fixed records: sources, authors, columns.

Everything here is get-or-create, so running the seed twice changes nothing.
Group permissions come from the data migration that creates the groups; here
accounts only join them by name.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from articles.models import Author, Column, Source
from demo.catalog import (
    ACCOUNTS,
    AUTHORS,
    COLUMNS,
    DEMO_PASSWORD,
    DEMO_READER,
    DESK_EDITORS,
    JOURNALIST_AUTHOR,
    SOURCES,
)
from members.models import Reader

DISPLAY_NAMES = {"admin": "管理员", "editor": "何佳", "journalist": JOURNALIST_AUTHOR[0], "moderator": "孙悦"}


@dataclass
class Newsroom:
    users: dict  # username -> User
    sources: dict  # name -> Source
    authors: dict  # name -> Author
    photographers: set  # author names who also sign photos
    desk_editors: list  # Authors who sign as 编辑
    journalist_author: Author
    columns: dict  # slug -> Column


def ensure_newsroom():
    users = ensure_accounts()
    journalist_author, _ = Author.objects.get_or_create(
        user=users["journalist"], defaults={"name": JOURNALIST_AUTHOR[0], "affiliation": JOURNALIST_AUTHOR[1]}
    )
    return Newsroom(
        users=users,
        sources=ensure_sources(),
        authors={name: ensure_author(name, affiliation) for name, affiliation, _ in AUTHORS},
        photographers={name for name, _, photographs in AUTHORS if photographs},
        desk_editors=[ensure_author(name, affiliation) for name, affiliation in DESK_EDITORS],
        journalist_author=journalist_author,
        columns=ensure_columns(),
    )


def ensure_accounts():
    """admin is a superuser; the others are staff in the group of their role."""
    User = get_user_model()
    # Hashing is slow on purpose (about a second each on a busy laptop); the demo
    # password is public anyway, so the four new accounts share one hash.
    demo_hash = None
    users = {}
    for username, group_name, _ in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.com", "first_name": DISPLAY_NAMES[username]},
        )
        if created:
            user.password = demo_hash = demo_hash or make_password(DEMO_PASSWORD)
        user.is_active = user.is_staff = True
        user.is_superuser = group_name is None
        user.save()
        if group_name:
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        users[username] = user
    return users


def ensure_demo_reader():
    """A reader with a verified number and a password, to log in as without an SMS."""
    phone, nickname = DEMO_READER
    user, created = get_user_model().objects.get_or_create(username=phone)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    reader, _ = Reader.objects.get_or_create(
        user=user, defaults={"phone": phone, "nickname": nickname, "phone_verified_at": timezone.now()}
    )
    return reader


def ensure_sources():
    return {name: Source.objects.get_or_create(name=name, defaults={"url": url})[0] for name, url in SOURCES}


def ensure_author(name, affiliation):
    return Author.objects.get_or_create(name=name, affiliation=affiliation, user=None)[0]


def ensure_columns():
    columns = {}
    for order, (name, slug, description) in enumerate(COLUMNS, start=1):
        # Match on either key so a column someone already created by hand is reused, not duplicated.
        column = Column.objects.filter(Q(slug=slug) | Q(name=name)).first()
        if column is None:
            column = Column.objects.create(name=name, slug=slug, description=description, sort_order=order * 10)
        columns[slug] = column
    return columns
