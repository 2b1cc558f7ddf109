"""Fill PostgreSQL with a benchmark-sized news portal.

    python manage.py bench_seed --articles 1000000 --comments 5000000

Articles spread over every county of Sichuan, each with a byline, tags,
per-day view buckets and comments (some replies, some still pending or
rejected), written with COPY in batches of one transaction each. Articles
created by the ``bench_seed`` user are counted on start, so an interrupted run
resumes where it stopped and a finished one is a no-op; ``--articles`` is the
total wanted, not the number to add. Each batch draws from its own seeded
generator, so a rerun writes the same texts, regions and shapes of data.

Run as a PostgreSQL superuser (as in development and CI) it also skips the
per-row foreign-key triggers (at 20k articles: 3.2 s of database CPU instead
of 5.4 s); the rows are consistent by construction. Article.comment_count and view_count
are written together with the comments and daily views they count.
"""

import io
import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import Tag

from articles import side_lists
from articles.models import Article, ArticleDailyViews, Author, Byline, Column, Source, TaggedArticle
from comments.models import Comment
from demo import bench_vocabulary as words
from demo.bench_search import mismatches, search_fields
from regions.models import Region
from search.indexing import bulk_index_writes

BENCH_USERNAME = "bench_seed"
SICHUAN_ADCODE_PREFIX = "51"
YEARS_OF_NEWS = 3
SHANGHAI_OFFSET = timedelta(hours=8)
SEARCH_CHECK_SAMPLE = 300
SEEN_BY_READERS = (Article.Status.PUBLISHED, Article.Status.WITHDRAWN)


def copy_value(value):
    """One field in COPY's text format; the vocabulary holds no tab or backslash."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    # The search document keeps title and text words on separate lines.
    return str(value).replace("\n", "\\n")


class Table:
    """Rows for one table, buffered as COPY text."""

    def __init__(self, model, fields):
        self.model = model
        self.columns = [model._meta.get_field(name).column for name in fields]
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, *values):
        self.buffer.write("\t".join(map(copy_value, values)) + "\n")
        self.count += 1

    def copy(self, cursor):
        self.buffer.seek(0)
        sql = f"COPY {self.model._meta.db_table} ({', '.join(self.columns)}) FROM STDIN"
        cursor.copy_expert(sql, self.buffer)


def write_tables(tables, skip_fk_checks):
    """Store one batch in one transaction, on the writer thread's own connection."""
    with transaction.atomic(), connection.cursor() as cursor:
        # A batch lost in a crash is simply generated again on the next run,
        # so the seeder need not wait for each commit to reach the disk.
        cursor.execute("SET LOCAL synchronous_commit TO off")
        if skip_fk_checks:
            # The rows point only at ids made or read just before, so the
            # per-row foreign-key triggers (most of the cost) are skipped.
            cursor.execute("SET LOCAL session_replication_role TO replica")
        for table in tables:
            table.copy(cursor)
    return sum(table.count for table in tables)


def close_connection():
    connection.close()


# Choosing one article's side lists takes a few queries: minutes for 10k articles, hours for 1M.
SIDE_LISTS_AT_MOST = 100_000


class Command(BaseCommand):
    help = "生成压测数据：四川各县区的文章、署名、标签、每日阅读数和评论。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000, help="文章总数（已有的压测文章计入）")
        parser.add_argument("--comments", type=int, default=None, help="评论总数，默认为文章数的 5 倍")
        parser.add_argument("--batch", type=int, default=5_000, help="每批文章数，每批一个事务")
        parser.add_argument("--seed", type=int, default=2024, help="随机种子")

    def handle(self, *args, articles, comments, batch, seed, **options):
        comments = articles * 5 if comments is None else comments
        self.counties = list(Region.objects.filter(level=Region.Level.COUNTY, adcode__startswith=SICHUAN_ADCODE_PREFIX))
        if not self.counties:
            raise CommandError("数据库里没有四川的县级地区，请先运行 python manage.py load_regions")
        self.prepare_reference_data()
        done = Article.objects.filter(created_by=self.user).count()
        if done >= articles:
            self.stdout.write(f"已有 {done} 篇压测文章，无需生成。")
            return
        self.stdout.write(
            f"从第 {done + 1} 篇开始，生成到 {articles} 篇文章、{comments} 条评论，分布在 {len(self.counties)} 个县区。"
        )
        started = time.monotonic()
        with bulk_index_writes():
            rows = self.write_batches(done, articles, comments, batch, seed)
        with connection.cursor() as cursor:
            for model in (Article, Byline, TaggedArticle, ArticleDailyViews, Comment):
                # VACUUM too: it marks the pages all-visible, so listing pages
                # can read a page's ids off the index alone from the start.
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
            # And statistics for the small tables filled before (regions,
            # sources, columns): without them the planner takes the 3,217
            # regions for a few hundred and joins them by a full scan, 1 ms
            # on every query that shows a region. Autovacuum would gather
            # them in time, where it is on; it is off on some machines.
            cursor.execute("ANALYZE")
        self.check_search_fields()
        self.choose_side_lists(articles)
        self.stdout.write(self.style.SUCCESS(f"完成：{rows:,} 行，用时 {time.monotonic() - started:,.1f} 秒。"))

    def choose_side_lists(self, articles):
        """Rows written in bulk announce nothing: choose every article's side
        lists, as publishing each would have. One article at a time, so only
        up to SIDE_LISTS_AT_MOST articles; beyond, pages choose them as they
        are viewed (not stored) until ``manage.py minutely`` reaches them."""
        if articles > SIDE_LISTS_AT_MOST:
            self.stdout.write(f"超过 {SIDE_LISTS_AT_MOST} 篇：侧栏列表不预先生成，由 manage.py minutely 逐批生成。")
            return
        chosen = side_lists.refresh_all()
        self.stdout.write(f"已为 {chosen} 篇文章挑选侧栏列表。")

    def check_search_fields(self):
        """The search words are built from cached pieces; compare the newest articles with a real save's."""
        newest = Article.objects.filter(created_by=self.user).order_by("-pk")[:SEARCH_CHECK_SAMPLE]
        wrong = mismatches(Article.objects.filter(pk__in=list(newest.values_list("pk", flat=True))))
        if wrong:
            raise CommandError(
                f"搜索分词与逐篇保存的结果不一致（文章 {wrong[:5]}）；请运行 manage.py rebuild_search_index"
            )

    def write_batches(self, done, articles, comments, batch, seed):
        """Python builds batch n+1 while PostgreSQL, on the other core, stores batch n."""
        self.now = datetime.now(UTC)
        started, rows, in_flight = time.monotonic(), 0, None
        with ThreadPoolExecutor(max_workers=1) as writer:
            for first in range(done, articles, batch):
                size = min(batch, articles - first)
                # Cumulative rounding, so the batches add up to exactly --comments.
                wanted_comments = round(comments * (first + size) / articles) - round(comments * first / articles)
                tables = self.build_batch(random.Random(f"{seed}:{first}"), size, wanted_comments)
                if in_flight:
                    rows += in_flight[1].result()
                    self.report_progress(started, rows, done, in_flight[0], articles)
                in_flight = (first + size, writer.submit(write_tables, tables, self.superuser))
            rows += in_flight[1].result()
            self.report_progress(started, rows, done, in_flight[0], articles)
            writer.submit(close_connection).result()
        return rows

    def report_progress(self, started, rows, done, written, articles):
        elapsed = time.monotonic() - started
        made = written - done
        eta = elapsed / made * (articles - written)
        self.stdout.write(
            f"文章 {written}/{articles}  共写入 {rows:,} 行  {rows / elapsed:,.0f} 行/秒  "
            f"{made / elapsed:,.0f} 篇/秒  预计还需 {eta:,.0f} 秒"
        )

    def prepare_reference_data(self):
        """Users, sources, columns, authors and tags: few rows, made idempotently with the ORM."""
        self.user, _ = get_user_model().objects.get_or_create(username=BENCH_USERNAME, defaults={"is_active": False})
        self.provincial_sources = [Source.objects.get_or_create(name=name)[0].pk for name in words.PROVINCIAL_SOURCES]
        self.county_sources = {
            county.pk: Source.objects.get_or_create(name=f"{county.name}融媒体中心")[0].pk for county in self.counties
        }
        self.columns = []
        for name, slug in words.COLUMNS:
            column = Column.objects.filter(slug=slug).first()
            column = column or Column.objects.get_or_create(name=name, defaults={"slug": slug})[0]
            self.columns.append(column.pk)
        affiliation = "压测数据"
        names = [s + g for s in words.SURNAMES for g in words.GIVEN_NAMES]
        existing = set(Author.objects.filter(affiliation=affiliation).values_list("name", flat=True))
        Author.objects.bulk_create([Author(name=n, affiliation=affiliation) for n in names if n not in existing])
        self.authors = list(Author.objects.filter(affiliation=affiliation).values_list("pk", flat=True))
        tag_names = list(words.SUBJECTS) + list(words.EXTRA_TAGS) + [c.short_name for c in self.counties]
        existing_tags = {t.name: t.pk for t in Tag.objects.filter(name__in=tag_names)}
        for name in tag_names:
            if name not in existing_tags:
                existing_tags[name] = Tag.objects.create(name=name).pk
        self.tags = existing_tags
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            self.superuser = cursor.fetchone()[0]

    def reserve_ids(self, cursor, model, count):
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]

    def build_batch(self, rng, size, wanted_comments):
        tables = {
            "article": Table(
                Article,
                "id title subtitle summary body cover_image status published_at is_featured is_pinned "
                "allow_comments review_note submitted_at created_at updated_at view_count comment_count "
                "created_by region column source search_document search_vector".split(),
            ),
            "byline": Table(Byline, ["article", "author", "role", "sort_order"]),
            "tag": Table(TaggedArticle, ["content_object", "tag"]),
            "views": Table(ArticleDailyViews, ["article", "region", "day", "views"]),
            "comment": Table(
                Comment, "id article parent nickname body status ip_address created_at moderated_at".split()
            ),
        }
        statuses = rng.choices(
            [Article.Status.PUBLISHED, Article.Status.DRAFT, Article.Status.PENDING, Article.Status.WITHDRAWN],
            weights=[94, 2, 2, 2],
            k=size,
        )
        # A few hot stories collect most comments, as on a real portal; drafts
        # and pending articles have none.
        weights = [rng.paretovariate(1.2) if status in SEEN_BY_READERS else 0 for status in statuses]
        per_article = [0] * size
        for index in rng.choices(range(size), weights=weights, k=wanted_comments):
            per_article[index] += 1
        with connection.cursor() as cursor:
            article_ids = self.reserve_ids(cursor, Article, size)
            comment_ids = iter(self.reserve_ids(cursor, Comment, wanted_comments)) if wanted_comments else iter(())
        for article_id, status, n_comments in zip(article_ids, statuses, per_article):
            self.add_article(rng, tables, article_id, status, n_comments, comment_ids)
        return tables.values()

    def add_article(self, rng, tables, article_id, status, n_comments, comment_ids):
        county = rng.choice(self.counties)
        subject = rng.choice(words.SUBJECTS)
        place = county.short_name
        title = f"{place}{subject}{rng.choice(words.EVENTS)}"
        summary_pieces = [
            rng.choice(words.SUMMARY_TAILS),
            rng.choice(words.SENTENCES).format(place=place, subject=subject),
        ]
        paragraphs = [s.format(place=place, subject=subject) for s in rng.sample(words.SENTENCES, rng.randint(3, 6))]
        summary = "".join(summary_pieces)
        body = "".join(f"<p>{sentence}</p>" for sentence in paragraphs)
        search_document, search_vector = search_fields(title, summary_pieces + paragraphs)
        published_at = self.now - timedelta(seconds=rng.randrange(YEARS_OF_NEWS * 365 * 86400))
        if status not in SEEN_BY_READERS:
            published_at = None
        created_at = (published_at or self.now) - timedelta(hours=rng.randint(1, 48))
        source = self.county_sources[county.pk] if rng.random() < 0.6 else rng.choice(self.provincial_sources)

        view_count = (
            self.add_daily_views(rng, tables["views"], article_id, county.pk, published_at) if published_at else 0
        )
        approved = self.add_comments(rng, tables["comment"], article_id, published_at, n_comments, comment_ids)
        tables["article"].add(
            article_id, title, "", summary, body, "", status, published_at, rng.random() < 0.002, False, True,
            "", created_at, created_at, published_at or created_at, view_count, approved, self.user.pk, county.pk,
            rng.choice(self.columns), source, search_document, search_vector,
        )  # fmt: skip
        self.add_byline(rng, tables["byline"], article_id)
        tag_names = rng.sample(words.EXTRA_TAGS, rng.randint(0, 2)) + [subject, place]
        for name in tag_names:
            tables["tag"].add(article_id, self.tags[name])

    def add_byline(self, rng, table, article_id):
        roles = [Byline.Role.TEXT] + rng.choice(
            [[], [Byline.Role.PICTURE], [Byline.Role.PHOTOGRAPHY], [Byline.Role.EDITOR]]
        )
        for order, (author, role) in enumerate(zip(rng.sample(self.authors, len(roles)), roles)):
            table.add(article_id, author, role, order)

    def add_daily_views(self, rng, table, article_id, region_id, published_at):
        """A burst on the publishing day that fades over the next days (Asia/Shanghai days)."""
        first_day = (published_at + SHANGHAI_OFFSET).date()
        today = (self.now + SHANGHAI_OFFSET).date()
        total, views = 0, int(rng.paretovariate(1.1) * 80)
        for offset in range(rng.randint(1, 5)):
            day = first_day + timedelta(days=offset)
            if day > today or views == 0:
                break
            table.add(article_id, region_id, day, views)
            total += views
            views //= rng.randint(2, 5)
        return total

    def add_comments(self, rng, table, article_id, published_at, count, comment_ids):
        """Comments in time order, a fifth of them replies; returns how many are approved."""
        approved, threads = 0, []
        moment = published_at
        for _ in range(count):
            comment_id = next(comment_ids)
            moment = min(moment + timedelta(seconds=rng.randint(30, 7200)), self.now)
            status = rng.choices(
                [Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM],
                weights=[85, 8, 5, 2],
            )[0]
            parent = rng.choice(threads) if threads and rng.random() < 0.2 else None
            nickname = f"{rng.choice(words.NICKNAME_PREFIXES)}{rng.randint(100, 9999)}"
            ip_address = f"198.51.100.{rng.randint(1, 254)}"
            moderated_at = None
            if status != Comment.Status.PENDING:
                moderated_at = min(moment + timedelta(minutes=rng.randint(1, 90)), self.now)
            body = rng.choice(words.COMMENTS)
            table.add(comment_id, article_id, parent, nickname, body, status, ip_address, moment, moderated_at)
            if status == Comment.Status.APPROVED:
                approved += 1
                if parent is None:
                    threads.append(comment_id)
        return approved
