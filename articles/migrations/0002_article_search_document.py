import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """AddIndex that builds the index only on PostgreSQL.

    The migration state always gains the index, so ``makemigrations --check``
    stays clean on every database, but SQLite has neither GIN nor tsvector and
    simply goes without it (its search is a plain scan, see articles.search).
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="标题、摘要和正文的分词结果，保存时自动生成，供站内搜索使用。",
                verbose_name="搜索分词",
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        models.Func(
                            models.F("search_document"),
                            models.Value("\n"),
                            models.Value(1, output_field=models.IntegerField()),
                            function="split_part",
                            output_field=models.TextField(),
                        ),
                        config="simple",
                        weight="A",
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        models.Func(
                            models.F("search_document"),
                            models.Value("\n"),
                            models.Value(2, output_field=models.IntegerField()),
                            function="split_part",
                            output_field=models.TextField(),
                        ),
                        config="simple",
                        weight="B",
                    ),
                    django.contrib.postgres.search.SearchConfig("simple"),
                ),
                name="article_search_gin",
            ),
        ),
    ]
