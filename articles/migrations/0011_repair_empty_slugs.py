"""Columns may leave their slug blank (pinyin is filled in on save), and tags
or columns saved with an empty slug before that get one now.

An empty tag slug made every article carrying the tag answer 500 (issue 23).
Only empty slugs change: a working address is never moved.
"""

from django.db import migrations, models

from articles.slugs import TAG_SLUG_LENGTH, slug_for, unique_slug

COLUMN_SLUG_LENGTH = 40


def repair_empty_slugs(apps, schema_editor):
    for model, prefix, length in (
        (apps.get_model("taggit", "Tag"), "tag", TAG_SLUG_LENGTH),
        (apps.get_model("articles", "Column"), "column", COLUMN_SLUG_LENGTH),
    ):
        for row in model.objects.filter(slug="").order_by("pk"):
            row.slug = unique_slug(model.objects.all(), slug_for(row.name, prefix, length), length)
            row.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_search_vector_help_text"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="column",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="栏目网址中的拼音或英文，如 xiangli；留空则按栏目名称自动生成拼音。",
                max_length=40,
                unique=True,
                verbose_name="网址别名",
            ),
        ),
        migrations.RunPython(repair_empty_slugs, migrations.RunPython.noop),
    ]
