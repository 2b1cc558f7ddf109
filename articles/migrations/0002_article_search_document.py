import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


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
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="由搜索分词生成的全文检索向量，仅在 PostgreSQL 上使用，保存时自动生成。",
                null=True,
                verbose_name="搜索向量",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="article_search_gin"),
        ),
    ]
